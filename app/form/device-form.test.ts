import { describe, expect, it } from 'vitest';
import { findPreset, PRESETS } from '../../src/presets';
import { FAMILIES, type LayoutDocument } from '../../src/index';
import { chipTitle, deviceFormSchema, deviceFormValues, type DeviceFormValues } from './device-form';

const KiB = 1024;
const MiB = 1024 * KiB;

function submit(document: LayoutDocument, changes: Partial<DeviceFormValues>) {
  const result = deviceFormSchema(document).safeParse({ ...deviceFormValues(document), ...changes });
  if (!result.success) return { errors: Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message])) };
  return { document: result.data };
}

function preset(id: string): LayoutDocument {
  return findPreset(id)!.build();
}

describe('the device settings', () => {
  it.each(PRESETS.map((p) => [p.id, p]))('give %s back unchanged', (_id, entry) => {
    const document = entry.build();
    expect(submit(document, {})).toEqual({ document });
  });

  it('name the geometry each family needs', () => {
    expect(FAMILIES['sstar-nand'].deviceSettings).toMatchObject({ geometry: [], sstar: 'nand' });
    expect(FAMILIES['sstar-nor'].deviceSettings).toMatchObject({ geometry: ['eraseBlock', 'pageSize'], sstar: 'nor' });
    expect(FAMILIES.emmc.deviceSettings).toMatchObject({ geometry: ['sectorSize'], bootPartitions: true });
    expect(FAMILIES.esp32.deviceSettings).toMatchObject({ geometry: [], esp32: true });
  });

  it('edit the layout name, the size and the flash geometry', () => {
    const document = preset('qemu-nor');
    const edited = submit(document, { name: 'Camera board', size: '8M', eraseBlock: '64K', pageSize: '512' }).document!;
    expect(edited.name).toBe('Camera board');
    expect(edited.device.size).toBe(8 * MiB);
    expect(edited.device.geometry).toEqual({ eraseBlock: 64 * KiB, pageSize: 512 });
    expect(edited.partitions).toBe(document.partitions);
  });

  it('take SPI-NAND geometry as pnigenerator does: the block and the size follow from pages per block and block count', () => {
    const document = preset('sstar-nand');
    expect(deviceFormValues(document)).toMatchObject({ pageSize: '0x800', spareSize: '64', pagesPerBlock: '64', blockCount: '1024', cisCopies: '5' });
    const edited = submit(document, { pageSize: '4K', spareSize: '128', pagesPerBlock: '64', blockCount: '2048', cisCopies: '3' }).document!;
    expect(edited.device.geometry).toEqual({ eraseBlock: 256 * KiB, pageSize: 4 * KiB, spareSize: 128 });
    expect(edited.device.size).toBe(512 * MiB);
    expect(edited.device.sstar?.cisCopies).toBe(3);
    expect(submit(document, { blockCount: '70000', cisCopies: '6' }).errors).toEqual({ blockCount: 'must be between 1 and 65535', cisCopies: 'must be between 1 and 5' });
  });

  it('choose the mxpgenerator variant of a SPI-NOR layout', () => {
    const document = preset('sstar-nor');
    expect(submit(document, { envMerge: true }).document!.device.sstar?.envMerge).toBe(true);
    expect(submit(submit(document, { envMerge: true }).document!, { envMerge: false }).document!.device.sstar).toEqual(document.device.sstar);
  });

  it('refuse sizes that cannot be, at their field', () => {
    const document = preset('qemu-nor');
    expect(submit(document, { eraseBlock: '0', size: 'big' }).errors).toEqual({ eraseBlock: 'must be at least 1 byte', size: expect.stringContaining('"big" is not a byte count') });
    expect(submit(document, { name: '' }).errors).toEqual({ name: 'must not be empty' });
    expect(submit(preset('sstar-nand'), { pageSize: '0' }).errors).toEqual({ pageSize: 'must be at least 1 byte' });
  });

  it('edit eMMC sector size and boot partition sizes in 128 KiB units', () => {
    const document = preset('emmc-boot');
    const edited = submit(document, { sectorSize: '4096', boot0: '3M' }).document!;
    expect(edited.device.geometry.sectorSize).toBe(4096);
    expect(edited.device.hardwarePartitions).toEqual([
      { name: 'boot0', size: 3 * MiB },
      { name: 'boot1', size: 4 * MiB },
    ]);
    expect(submit(document, { boot1: '100K' }).errors).toEqual({ boot1: 'eMMC boot partitions are a multiple of 128 KiB' });
  });

  it('edit the ESP-IDF options with the reference tool’s limits', () => {
    const document = preset('esp32-ota');
    const edited = submit(document, { size: '0x200000', chip: 'esp32c5', tableOffset: '0x9000', md5: false, secure: 'v1' }).document!;
    expect(edited.device.size).toBe(2 * MiB);
    expect(edited.device.esp32).toEqual({ chip: 'esp32c5', tableOffset: 0x9000, md5: false, secure: 'v1', extraSubtypes: [] });
    expect(submit(document, { tableOffset: '0x8800' }).errors).toEqual({ tableOffset: 'the table fills a whole 4 KiB flash sector: use a multiple of 0x1000' });
    // The ESP32-C5 ROM loads the bootloader from 0x2000, so the table cannot sit there.
    expect(submit(document, { chip: 'esp32c5', tableOffset: '0x2000' }).errors).toEqual({ tableOffset: 'must be above the bootloader, which starts at 0x2000' });
    expect(submit(document, { chip: 'esp32s3', tableOffset: '0x1000' }).errors).toBeUndefined();
  });

  it('spell chips as Espressif does', () => {
    expect(chipTitle('esp32')).toBe('ESP32');
    expect(chipTitle('esp32s3')).toBe('ESP32-S3');
    expect(chipTitle('esp32c61')).toBe('ESP32-C61');
  });
});
