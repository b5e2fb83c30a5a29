import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET_ID, PRESETS, findPreset } from '.';
import { parseDocument, type LayoutDocument } from '../model/document';
import { placementOf } from '../test-support/documents';
import { validate } from '../families';
import { configToDocument } from '../families/sstar/config-import';
import { readShared } from '../test-support/shared';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const SECTOR = 512;

function build(id: string): LayoutDocument {
  const preset = findPreset(id);
  if (!preset) throw new Error(`no preset ${id}`);
  return preset.build();
}

/** name → resolved [start, size] and the partition itself. */
function resolved(document: LayoutDocument) {
  const placement = placementOf(document);
  return new Map(placement.partitions.map((p) => [p.partition.name, { start: p.start, size: p.size, partition: p.partition, placed: p }]));
}

function areaNames(document: LayoutDocument, areaId: string): string[] {
  return document.partitions.filter((p) => p.area === areaId).map((p) => p.name);
}

describe('the preset registry', () => {
  it('holds the layouts of the issues, with unique one-word ids and unique titles', () => {
    expect(PRESETS).toHaveLength(8);
    for (const preset of PRESETS) expect(preset.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(8);
    expect(new Set(PRESETS.map((p) => p.title)).size).toBe(8);
    expect(findPreset(DEFAULT_PRESET_ID)).toBeDefined();
    expect(findPreset('no-such-preset')).toBeUndefined();
  });

  it('names each layout as its title in the picker begins, so the heading reads the same', () => {
    for (const preset of PRESETS) expect(preset.title.startsWith(preset.build().name), preset.id).toBe(true);
  });

  it.each(PRESETS.map((p) => [p.id, p]))('%s is a valid document that validates with zero problems', (_id, preset) => {
    const document = preset.build();
    expect(parseDocument(JSON.parse(JSON.stringify(document)))).toEqual({ ok: true, document });
    expect(validate(document).problems).toEqual([]);
  });

  it('builds a fresh document each time', () => {
    const first = build('sstar-nor');
    first.partitions[0].size = 1;
    expect(build('sstar-nor').partitions[0].size).toBe(0x10000);
  });
});

describe('preset contents (the list in the issue)', () => {
  it('1. SigmaStar SPI-NOR 16 MiB', () => {
    const document = build('sstar-nor');
    expect(document.device).toMatchObject({ family: 'sstar-nor', size: 16 * MiB });
    expect(areaNames(document, 'boot')).toEqual(['IPL', 'IPL_CUST', 'MXPT', 'UBOOT', 'UBOOT_ENV']);
    expect(areaNames(document, 'sys')).toEqual(['KERNEL', 'rootfs', 'miservice', 'customer']);
    const parts = resolved(document);
    const sizes = { IPL: 0x10000, IPL_CUST: 0x10000, MXPT: 0x10000, UBOOT: 0x1f000, UBOOT_ENV: 0x1000, KERNEL: 0x200000, rootfs: 0x400000, miservice: 0x300000, customer: 0x6b0000 };
    for (const [name, size] of Object.entries(sizes)) expect(parts.get(name)?.size, name).toBe(size);
    expect(parts.get('KERNEL')?.start).toBe(0x50000);
    expect(parts.get('rootfs')?.partition.fs).toBe('squashfs');
    expect(parts.get('miservice')?.partition.fs).toBe('squashfs');
    expect(parts.get('customer')?.partition.fs).toBe('jffs2');
  });

  it('2. SigmaStar SPI-NAND 128 MiB: the BOOT area of spec §3, its IPL copies each with 2 spare blocks', () => {
    const document = build('sstar-nand');
    const { geometry } = document.device;
    expect(geometry).toMatchObject({ pageSize: 2 * KiB, spareSize: 64, eraseBlock: 64 * 2 * KiB });
    expect(document.device.size).toBe(1024 * 64 * 2 * KiB);
    const block = 128 * KiB;
    const placement = placementOf(document);
    // Spec §3 (blocks of 128 KiB): CIS 0+10, IPL0 10+1(+2), IPL1 13+1(+2), IPL_CUST0 16, IPL_CUST1 19, UBOOT0 22+2(+4), UBOOT1 28+2(+4).
    const copies = placement.partitions.flatMap((p) =>
      p.copies.length > 0 ? p.copies.map((c) => [c.name, c.start / block, (c.slotEnd - c.start) / block, (c.spareEnd - c.slotEnd) / block]) : [[p.partition.name, p.start / block, p.size / block, 0]],
    );
    expect(copies.slice(0, 7)).toEqual([
      ['CIS', 0, 10, 0],
      ['IPL0', 10, 1, 2],
      ['IPL1', 13, 1, 2],
      ['IPL_CUST0', 16, 1, 2],
      ['IPL_CUST1', 19, 1, 2],
      ['UBOOT0', 22, 2, 4],
      ['UBOOT1', 28, 2, 4],
    ]);
    const ubi = resolved(document).get('UBI')!;
    expect(ubi.partition.size).toBe('rest');
    expect(ubi.start + ubi.size).toBe(128 * MiB);
    expect(ubi.partition.volumes?.map((v) => v.name)).toEqual(['rootfs', 'miservice', 'customer', 'appconfigs']);
  });

  it.each([
    ['esp32-single', [['nvs', 0x9000, 0x6000], ['phy_init', 0xf000, 0x1000], ['factory', 0x10000, 1 * MiB]]],
    [
      'esp32-ota',
      [
        ['nvs', 0x9000, 0x4000],
        ['otadata', 0xd000, 0x2000],
        ['phy_init', 0xf000, 0x1000],
        ['factory', 0x10000, 1 * MiB],
        ['ota_0', 0x110000, 1 * MiB],
        ['ota_1', 0x210000, 1 * MiB],
      ],
    ],
  ] as const)('3/4. %s', (id, expected) => {
    const document = build(id);
    expect(document.device.family).toBe('esp32');
    const placement = placementOf(document);
    expect(placement.partitions.map((p) => [p.partition.name, p.start, p.size])).toEqual(expected);
  });

  it('5. SD card for an Allwinner board (MBR)', () => {
    const document = build('sd-allwinner');
    expect(document.device).toMatchObject({ family: 'emmc', geometry: { sectorSize: SECTOR } });
    expect(document.areas.map((a) => a.table)).toEqual(['mbr']);
    const parts = resolved(document);
    const spl = parts.get('u-boot-spl')!;
    expect(spl.start).toBe(8 * KiB);
    expect(spl.partition.raw).toBe(true);
    expect(spl.partition.mbr).toBeUndefined();
    const table = document.partitions.filter((p) => !p.raw);
    expect(table.map((p) => [p.name, parts.get(p.name)!.start / SECTOR, parts.get(p.name)!.size / SECTOR])).toEqual([
      ['boot', 4096, 81920],
      ['rootfs_a', 86016, 681574],
      ['rootfs_b', 770048, 681574],
      ['data', 1454080, document.device.size / SECTOR - 1454080],
    ]);
    expect(table[0]).toMatchObject({ fs: 'vfat', mbr: { type: 0x0c, bootable: true } });
    expect(table[3]).toMatchObject({ size: 'rest', fs: 'ext4' });
  });

  it('6. eMMC with hardware boot partitions and a GPT user area', () => {
    const document = build('emmc-boot');
    expect(document.device.hardwarePartitions?.map((h) => h.name)).toEqual(['boot0', 'boot1']);
    const parts = resolved(document);
    const firmwareA = parts.get('firmware_a')!;
    const firmwareB = parts.get('firmware_b')!;
    expect([firmwareA.placed.space, firmwareB.placed.space]).toEqual(['boot0', 'boot1']);
    expect(firmwareA.size).toBeLessThanOrEqual(4 * MiB);
    expect(document.areas.find((a) => a.space === 'main')?.table).toBe('gpt');
    const user = [
      ['boot', 64 * MiB, 'vfat'],
      ['root', 1 * GiB, 'ext4'],
      ['overlay', 500 * MiB, undefined],
      ['data', 10 * GiB, undefined],
    ] as const;
    for (const [name, size, fs] of user) {
      const p = parts.get(name)!;
      expect(p.size, name).toBe(size);
      expect(p.start % (8 * MiB), name).toBe(0);
      if (fs) expect(p.partition.fs, name).toBe(fs);
    }
  });

  it('7. QEMU SPI-NOR 16 MiB with a FIT image at 0 and the rest free', () => {
    const document = build('qemu-nor');
    expect(document.device).toMatchObject({ family: 'nor', size: 16 * MiB, model: 'IS25WP128', geometry: { eraseBlock: 4 * KiB, pageSize: 256 } });
    const placement = placementOf(document);
    expect(placement.partitions.map((p) => [p.partition.kind, p.start])).toEqual([['recovery', 0]]);
    const recovery = placement.partitions[0];
    expect(placement.free.map((f) => [f.start, f.end])).toEqual([[recovery.end, 16 * MiB]]);
  });
});

describe('SigmaStar presets follow the corpus configs (../shared/corpus/sstar/configs)', () => {
  const withoutDescriptions = (document: LayoutDocument) =>
    document.partitions.map((partition) => {
      const { description: _description, ...rest } = partition;
      return rest;
    });

  it.each([
    ['sstar-nor', 'tdautc19841202-IPC_i6b0_nor.squashfs.partition.config', { FLASH_SIZE: '16M' }],
    ['sstar-nand-256', 'industio-PurPle-Pi-R1_i2m_spinand.ubifs.p2.partition.config_256M', {}],
  ] as const)('%s is what %s reads into', (id, file, defines) => {
    const preset = build(id);
    const read = configToDocument(readShared('corpus/sstar/configs', file), preset, { defines });
    expect(withoutDescriptions(read.document)).toEqual(withoutDescriptions(preset));
    // Read into the preset itself, so the device's own description (model) is kept.
    expect(read.document.device).toEqual(preset.device);
  });
});
