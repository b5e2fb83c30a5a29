import { describe, expect, it } from 'vitest';
import { findPreset, PRESETS } from '../../src/presets';
import { familyOf, updatePartition, type LayoutDocument } from '../../src/index';
import { esp32Catalog } from './esp32-names';
import { partitionFormSchema, partitionFormValues, type PartitionFormContext, type PartitionFormValues } from './partition-form';
import { place } from '../../src/layout/place';

const MiB = 1024 * 1024;

function contextOf(document: LayoutDocument, name: string): PartitionFormContext {
  const partition = document.partitions.find((p) => p.name === name);
  if (!partition) throw new Error(`no partition ${name}`);
  const placement = place(document, familyOf(document));
  return {
    partition,
    placed: placement.byId.get(partition.id),
    table: document.areas.find((a) => a.id === partition.area)?.table,
    catalog: esp32Catalog(document.device.esp32?.extraSubtypes),
  };
}

/** Types `changes` into the form of partition `name` and returns the edited document or the messages by field. */
function submit(document: LayoutDocument, name: string, changes: Partial<PartitionFormValues>) {
  const context = contextOf(document, name);
  const values = { ...partitionFormValues(context), ...changes };
  const result = partitionFormSchema(context).safeParse(values);
  if (!result.success) return { errors: Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message])) };
  return { document: updatePartition(document, context.partition.id, result.data), partition: updatePartition(document, context.partition.id, result.data).partitions.find((p) => p.id === context.partition.id)! };
}

function preset(id: string): LayoutDocument {
  return findPreset(id)!.build();
}

describe('the partition form', () => {
  it.each(PRESETS.map((p) => [p.id, p]))('shows every partition of %s and gives it back unchanged', (_id, entry) => {
    const document = entry.build();
    for (const partition of document.partitions) {
      const result = submit(document, partition.name, {});
      expect(result.errors, partition.name).toBeUndefined();
      expect(result.document).toEqual(document);
    }
  });

  it('reads sizes and offsets as 0x…, decimal or K/M/G', () => {
    const document = preset('sstar-nor');
    expect(submit(document, 'KERNEL', { size: '2M' }).partition?.size).toBe(2 * MiB);
    expect(submit(document, 'KERNEL', { size: '3145728' }).partition?.size).toBe(3 * MiB);
    expect(submit(document, 'KERNEL', { offsetAuto: false, offset: '0x60000' }).partition?.offset).toBe(0x60000);
    expect(submit(document, 'KERNEL', { align: '64K' }).partition?.align).toBe(64 * 1024);
    expect(submit(document, 'KERNEL', { imageSize: '1536K' }).partition?.imageSize).toBe(1536 * 1024);
  });

  it('refuses a bad value at its field with the reason', () => {
    const document = preset('sstar-nor');
    expect(submit(document, 'KERNEL', { size: 'garbage' }).errors).toEqual({ size: expect.stringContaining('"garbage" is not a byte count') });
    expect(submit(document, 'KERNEL', { size: '1.5M' }).errors?.size).toMatch(/fractional/);
    expect(submit(document, 'KERNEL', { name: '  ' }).errors).toEqual({ name: 'must not be empty' });
    expect(submit(document, 'KERNEL', { align: '0' }).errors).toEqual({ align: 'must be at least 1 byte' });
    // Every refused field is reported at once.
    expect(Object.keys(submit(document, 'KERNEL', { size: 'x', imageSize: 'y' }).errors ?? {})).toEqual(['size', 'imageSize']);
  });

  it('ignores the offset text while "auto" is on and the size text while "rest" is on', () => {
    const document = preset('sstar-nor');
    expect(submit(document, 'KERNEL', { offsetAuto: true, offset: 'nonsense' }).partition?.offset).toBe('auto');
    expect(submit(document, 'customer', { sizeRest: true, size: 'nonsense' }).partition?.size).toBe('rest');
    // Turning "auto" off keeps the partition where it was placed.
    expect(submit(document, 'rootfs', { offsetAuto: false }).partition?.offset).toBe(contextOf(document, 'rootfs').placed!.start);
  });

  it('edits backup copies, optional fields and switches', () => {
    const document = preset('sstar-nor');
    expect(submit(document, 'UBOOT', { copies: true, copyCount: '3', spareBlocks: '2' }).partition?.copies).toEqual({ count: 3, spareBlocks: 2 });
    expect(submit(document, 'UBOOT', { copies: true, copySlot: '128K' }).partition?.copies).toEqual({ count: 2, slot: 128 * 1024, spareBlocks: 0 });
    expect(submit(document, 'UBOOT', { copies: true, copyCount: '0' }).errors).toEqual({ copyCount: 'must be between 1 and 64' });
    expect(submit(document, 'UBOOT', { copies: true, spareBlocks: 'two' }).errors?.spareBlocks).toMatch(/not a whole number/);
    const raw = submit(document, 'UBOOT', { raw: true, description: 'U-Boot proper', fs: 'jffs2', kind: 'firmware' }).partition!;
    expect(raw).toMatchObject({ raw: true, description: 'U-Boot proper', fs: 'jffs2', kind: 'firmware' });
    const cleared = submit(document, 'rootfs', { fs: '', description: '' }).partition!;
    expect('fs' in cleared).toBe(false);
  });
});

describe('ESP32 fields', () => {
  it('know the names of the reference tool and accept numbers 0–255', () => {
    const document = preset('esp32-ota');
    expect(submit(document, 'nvs', { esp32Subtype: 'NVS_KEYS' }).partition?.esp32).toEqual({ type: 1, subtype: 4 });
    expect(submit(document, 'nvs', { esp32Subtype: 'littlefs' }).partition?.esp32).toEqual({ type: 1, subtype: 0x83 });
    expect(submit(document, 'nvs', { esp32Subtype: '0x40' }).partition?.esp32).toEqual({ type: 1, subtype: 64 });
    expect(submit(document, 'nvs', { esp32Type: '0x40', esp32Subtype: '7' }).partition?.esp32).toEqual({ type: 64, subtype: 7 });
    expect(submit(document, 'ota_0', { esp32Subtype: 'ota_3' }).partition?.esp32).toEqual({ type: 0, subtype: 0x10 + 3 });
    expect(submit(document, 'ota_0', { esp32Type: 'partition_table', esp32Subtype: 'ota' }).partition?.esp32).toEqual({ type: 3, subtype: 1 });
  });

  it('refuse unknown names and numbers above 255', () => {
    const document = preset('esp32-ota');
    expect(submit(document, 'nvs', { esp32Type: 'firmware' }).errors?.esp32Type).toMatch(/not a partition type/);
    expect(submit(document, 'nvs', { esp32Type: '256' }).errors?.esp32Type).toMatch(/not a partition type/);
    expect(submit(document, 'factory', { esp32Subtype: 'spiffs' }).errors?.esp32Subtype).toMatch(/not a subtype of app: use factory, test, ota_0/);
  });

  it('know the layout’s extra subtypes', () => {
    const document = preset('esp32-ota');
    document.device.esp32!.extraSubtypes = [{ type: 'data', name: 'my_fs', value: 0x99 }];
    expect(submit(document, 'nvs', { esp32Subtype: 'my_fs' }).partition?.esp32).toEqual({ type: 1, subtype: 0x99 });
    expect(partitionFormValues(contextOf(submit(document, 'nvs', { esp32Subtype: '0x99' }).document!, 'nvs')).esp32Subtype).toBe('my_fs');
  });

  it('switch the encrypted and readonly flags, keeping other flags', () => {
    const document = preset('esp32-ota');
    expect(submit(document, 'nvs', { readonly: true }).partition?.flags).toEqual(['readonly']);
    expect(submit(document, 'nvs', { readonly: true, encrypted: true }).partition?.flags).toEqual(['encrypted', 'readonly']);
    const flagged = updatePartition(document, 'nvs', { flags: ['readonly', 'custom'] });
    expect(submit(flagged, 'nvs', { readonly: false }).partition?.flags).toEqual(['custom']);
    const encrypted = updatePartition(document, 'nvs', { flags: ['encrypted'] });
    expect('flags' in submit(encrypted, 'nvs', { encrypted: false }).partition!).toBe(false);
  });
});

describe('eMMC table fields', () => {
  it('read an MBR type byte in hex and the boot flag', () => {
    const document = preset('sd-allwinner');
    expect(submit(document, 'rootfs_a', { mbrType: '8e' }).partition?.mbr).toEqual({ type: 0x8e });
    expect(submit(document, 'rootfs_a', { mbrType: '0x0C', bootable: true }).partition?.mbr).toEqual({ type: 0x0c, bootable: true });
    expect(submit(document, 'boot', { bootable: false }).partition?.mbr).toEqual({ type: 0x0c });
    expect(submit(document, 'rootfs_a', { mbrType: 'zz' }).errors?.mbrType).toMatch(/not a type byte/);
    expect(submit(document, 'rootfs_a', { mbrType: '', bootable: true }).errors).toEqual({ mbrType: 'a bootable partition needs a type byte' });
  });

  it('leave the table entry of a raw partition alone', () => {
    const document = preset('sd-allwinner');
    const raw = submit(document, 'u-boot-spl', { mbrType: 'zz' });
    expect(raw.errors).toBeUndefined();
    expect(raw.partition).toEqual(document.partitions[0]);
  });

  it('read a GPT type GUID in either case and keep the unique GUID', () => {
    const document = preset('emmc-boot');
    const guid = 'c12a7328-f81f-11d2-ba4b-00a0c93ec93b';
    expect(submit(document, 'boot', { gptType: guid }).partition?.gpt).toEqual({ type: guid });
    const withUuid = updatePartition(document, 'root', { gpt: { type: '0FC63DAF-8483-4772-8E79-3D69D8477DE4', uuid: '11111111-2222-3333-4444-555555555555' } });
    expect(submit(withUuid, 'root', { gptType: 'E6D6D379-F507-44C2-A23C-238F2A3DF928' }).partition?.gpt).toEqual({ type: 'E6D6D379-F507-44C2-A23C-238F2A3DF928', uuid: '11111111-2222-3333-4444-555555555555' });
    expect(submit(document, 'boot', { gptType: '0FC63DAF-8483-4772-8E79' }).errors?.gptType).toMatch(/not a GUID/);
    expect(submit(withUuid, 'root', { gptType: '' }).errors?.gptType).toMatch(/needs a type GUID/);
  });
});
