import { describe, expect, it } from 'vitest';
import type { Device } from '../model/document';
import { findPreset } from '../presets';
import { layoutOf, part, placementOf } from '../test-support/documents';
import { esp32ExpectedCsv, mxpListing, pniListing } from '../test-support/references';
import { pniCaseDocument } from '../test-support/sstar-cases';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** Rounds up with plain arithmetic, independent of the engine's alignUp. */
function roundUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

function preset(id: string) {
  const found = findPreset(id);
  if (!found) throw new Error(`no preset ${id}`);
  return found.build();
}

function extent(placement: ReturnType<typeof placementOf>, id: string) {
  const placed = placement.byId.get(id);
  if (!placed) throw new Error(`partition ${id} not placed`);
  return placed;
}

describe('automatic offsets', () => {
  it('follow the previous partition, rounded up to the erase block', () => {
    const placement = placementOf(layoutOf([part('a', 0, 0x1800), part('b', 'auto', 0x3000), part('c', 'auto', 0x1000)]));
    expect(extent(placement, 'b').start).toBe(0x2000);
    expect(extent(placement, 'c').start).toBe(0x5000);
    expect(extent(placement, 'c').end).toBe(0x6000);
  });

  it('round up to the alignment set on the partition', () => {
    const placement = placementOf(layoutOf([part('a', 0, 0x1000), part('b', 'auto', 0x1000, { align: 0x10000 })]));
    expect(extent(placement, 'b').start).toBe(0x10000);
    expect(extent(placement, 'b').offsetAlignment).toBe(0x10000);
  });

  it('start the first partition at the start of its area', () => {
    const areas = [{ id: 'flash', name: 'Flash', space: 'main', start: 0x40000, size: 'rest' as const }];
    const placement = placementOf(layoutOf([part('a', 'auto', 0x1000)], undefined, areas));
    expect(extent(placement, 'a').start).toBe(0x40000);
  });

  it('keep explicit offsets, even out of order', () => {
    const placement = placementOf(layoutOf([part('a', 0x800000, 0x1000), part('b', 0x1000, 0x2000), part('c', 'auto', 0x1000)]));
    expect(extent(placement, 'a').start).toBe(0x800000);
    expect(extent(placement, 'b').start).toBe(0x1000);
    expect(extent(placement, 'b').end).toBe(0x3000);
    // "auto" follows the previous partition in document order, not the highest one.
    expect(extent(placement, 'c').start).toBe(0x3000);
  });

  it('skip a reserved region (the primary GPT of the eMMC preset) and honour 8 MiB alignment', () => {
    const document = preset('emmc-boot');
    const placement = placementOf(document);
    const header = placement.reserved.find((r) => r.name === 'GPT header');
    const gpt = placement.reserved.find((r) => r.name === 'GPT entry array');
    // Protective MBR + GPT header, then 128 entries of 128 bytes, in 512-byte sectors.
    expect(header).toMatchObject({ space: 'main', start: 0, end: 2 * 512 });
    expect(gpt).toMatchObject({ space: 'main', start: 2 * 512, end: (2 + (128 * 128) / 512) * 512 });
    const align = 8 * MiB;
    const sizes = { boot: 64 * MiB, root: 1 * GiB, overlay: 500 * MiB, data: 10 * GiB };
    let cursor = roundUp(gpt!.end, align);
    for (const [id, size] of Object.entries(sizes)) {
      const placed = extent(placement, id);
      expect(placed.start, id).toBe(cursor);
      expect(placed.size, id).toBe(size);
      cursor = roundUp(cursor + size, align);
    }
  });

  it('place ESP32 partitions after the partition table, apps on 64 KiB (gen_esp32part reference)', () => {
    for (const [id, caseName] of [
      ['esp32-single', 'idf-singleapp'],
      ['esp32-ota', 'idf-two-ota'],
    ]) {
      const placement = placementOf(preset(id));
      const expected = esp32ExpectedCsv(caseName);
      expect(placement.partitions.map((p) => p.partition.name)).toEqual(expected.map((e) => e.name));
      for (const entry of expected) {
        const placed = placement.partitions.find((p) => p.partition.name === entry.name)!;
        expect([placed.start, placed.size], `${id} ${entry.name}`).toEqual([entry.start, entry.size]);
      }
    }
  });
});

describe('"rest" sizes', () => {
  it('run to the end of the area', () => {
    const placement = placementOf(layoutOf([part('a', 0, 0x10000), part('b', 'auto', 'rest')]));
    expect(extent(placement, 'b').start).toBe(0x10000);
    expect(extent(placement, 'b').end).toBe(16 * MiB);
  });

  it('stop at the next partition with a fixed offset', () => {
    const placement = placementOf(layoutOf([part('a', 0x1000, 'rest'), part('b', 'auto', 0x1000), part('c', 0x100000, 0x1000)]));
    // b follows a, so a cannot end at b; it ends where c, the next fixed partition, begins.
    expect(extent(placement, 'a').end).toBe(0x100000);
    expect(extent(placement, 'a').size).toBe(0x100000 - 0x1000);
  });

  it('ignore fixed partitions placed before them', () => {
    const placement = placementOf(layoutOf([part('a', 0x100000, 'rest'), part('b', 0x1000, 0x1000)]));
    expect(extent(placement, 'a').end).toBe(16 * MiB);
  });

  it('are zero when nothing is left, never negative', () => {
    const areas = [{ id: 'flash', name: 'Flash', space: 'main', start: 0, size: 0x10000 }];
    const placement = placementOf(layoutOf([part('a', 0, 0x20000), part('b', 'auto', 'rest')], undefined, areas));
    expect(extent(placement, 'b').size).toBe(0);
  });

  it('reach the end of an SD card (Allwinner preset: p4 from sector 1454080 to the end)', () => {
    const document = preset('sd-allwinner');
    const data = extent(placementOf(document), 'data');
    expect(data.start).toBe(1454080 * 512);
    expect(data.end).toBe(document.device.size);
  });
});

describe('areas', () => {
  it('"fit" ends with its last partition, "auto" starts after the previous area, "rest" runs to the end (MXP reference)', () => {
    const placement = placementOf(preset('sstar-nor'));
    const listing = mxpListing('mxp-doc-example');
    const boot = listing.find((e) => e.name === 'BOOT')!;
    const [bootArea, sysArea] = placement.areas;
    expect([bootArea.start, bootArea.end]).toEqual([boot.start, boot.start + boot.size]);
    expect([sysArea.start, sysArea.end]).toEqual([boot.start + boot.size, 16 * MiB]);
    for (const entry of listing.filter((e) => e.name !== 'BOOT')) {
      const placed = placement.partitions.find((p) => p.partition.name === entry.name);
      expect(placed, entry.name).toBeDefined();
      expect([placed!.start, placed!.size], entry.name).toEqual([entry.start, entry.size]);
    }
  });

  it('"rest" stops at the next area with a fixed start in the same space', () => {
    const areas = [
      { id: 'a', name: 'A', space: 'main', start: 0, size: 'rest' as const },
      { id: 'b', name: 'B', space: 'main', start: 0x200000, size: 'rest' as const },
    ];
    const placement = placementOf(layoutOf([], undefined, areas));
    expect(placement.areas.map((a) => [a.start, a.end])).toEqual([
      [0, 0x200000],
      [0x200000, 16 * MiB],
    ]);
  });

  it('a "fit" area without partitions is empty', () => {
    const areas = [
      { id: 'a', name: 'A', space: 'main', start: 0x1000, size: 'fit' as const },
      { id: 'b', name: 'B', space: 'main', start: 'auto' as const, size: 0x3000 },
    ];
    const placement = placementOf(layoutOf([], undefined, areas));
    expect(placement.areas.map((a) => [a.start, a.end])).toEqual([
      [0x1000, 0x1000],
      [0x1000, 0x4000],
    ]);
  });

  it('eMMC hardware partitions are address spaces of their own', () => {
    const placement = placementOf(preset('emmc-boot'));
    expect(placement.spaces.map((s) => [s.id, s.size])).toEqual([
      ['main', 30535680 * 512],
      ['boot0', 4 * MiB],
      ['boot1', 4 * MiB],
    ]);
    for (const [id, space] of [
      ['firmware-a', 'boot0'],
      ['firmware-b', 'boot1'],
    ]) {
      const placed = extent(placement, id);
      // u-boot.imx at the i.MX ROM's 1 KiB, up to 1 MiB.
      expect([placed.space, placed.start, placed.end], id).toEqual([space, 1024, 1 * MiB]);
    }
  });
});

describe('backup copies', () => {
  it('become one extent per copy, one block each (the vendor guide\'s pnigenerator example)', () => {
    const { blockSize, entries } = pniListing('pni-doc-example');
    const document = pniCaseDocument('pni-doc-example');
    expect(document.device.geometry.eraseBlock).toBe(blockSize);
    const placement = placementOf(document);
    const extents = placement.partitions.flatMap((p) =>
      p.copies.length > 0
        ? p.copies.map((c) => ({ name: c.name, start: c.start, size: c.slotEnd - c.start }))
        : [{ name: p.partition.name, start: p.start, size: p.size }],
    );
    // Every record of the listing, in order: CIS, IPL0 at block 3, IPL1 at 4, ..., UBI at block 144.
    expect(extents).toEqual(entries);
  });

  it('keep spare blocks after each copy, and the next partition follows the last spare block', () => {
    const block = 128 * KiB;
    const device: Device = { family: 'sstar-nand', size: 128 * MiB, geometry: { eraseBlock: block, pageSize: 2048, spareSize: 64 } };
    const placement = placementOf(
      layoutOf([part('IPL', 0x60000, 0x18000, { copies: { count: 3, spareBlocks: 1 } }), part('ENV', 'auto', block)], device),
    );
    const ipl = extent(placement, 'IPL');
    expect(ipl.copies.map((c) => [c.name, c.start, c.slotEnd, c.spareEnd])).toEqual([0, 1, 2].map((i) => {
      const start = 0x60000 + i * 2 * block;
      return [`IPL${i}`, start, start + block, start + 2 * block];
    }));
    expect(ipl.spanEnd).toBe(0x60000 + 6 * block);
    expect(extent(placement, 'ENV').start).toBe(0x60000 + 6 * block);
  });

  it('use an explicit slot size', () => {
    const device: Device = { family: 'sstar-nand', size: 128 * MiB, geometry: { eraseBlock: 128 * KiB } };
    const placement = placementOf(layoutOf([part('UBOOT', 0, 0x50000, { copies: { count: 2, slot: 0x80000, spareBlocks: 0 } })], device));
    expect(extent(placement, 'UBOOT').copies.map((c) => [c.start, c.slotEnd])).toEqual([
      [0, 0x80000],
      [0x80000, 0x100000],
    ]);
  });
});

describe('free segments', () => {
  it('are the gaps between partitions and reserved regions (Allwinner SD card)', () => {
    const sector = 512;
    const placement = placementOf(preset('sd-allwinner'));
    // MBR in sector 0, SPL at 8 KiB for 1016 KiB, then the partitions of the sfdisk table.
    const p = [
      [4096, 81920],
      [86016, 681574],
      [770048, 681574],
    ];
    expect(placement.free.map((f) => [f.start, f.end])).toEqual([
      [sector, 8 * KiB],
      [8 * KiB + 1016 * KiB, p[0][0] * sector],
      [(p[1][0] + p[1][1]) * sector, p[2][0] * sector],
      [(p[2][0] + p[2][1]) * sector, 1454080 * sector],
    ]);
  });

  it('cover the rest of the flash after the FIT image (QEMU preset)', () => {
    const placement = placementOf(preset('qemu-nor'));
    const recovery = extent(placement, 'recovery');
    expect(recovery.start).toBe(0);
    expect(placement.free).toEqual([{ areaId: 'flash', space: 'main', start: recovery.end, end: 16 * MiB }]);
  });

  it('include a gap of a single byte', () => {
    const placement = placementOf(layoutOf([part('a', 0, 0x1000), part('b', 0x1001, 'rest')]));
    expect(placement.free.map((f) => [f.start, f.end])).toEqual([[0x1000, 0x1001]]);
  });

  it('are empty when partitions fill the area', () => {
    const placement = placementOf(layoutOf([part('a', 0, 8 * MiB), part('b', 'auto', 'rest')]));
    expect(placement.free).toEqual([]);
  });
});

describe('large devices', () => {
  it('place offsets and sizes above 4 GiB exactly', () => {
    const device: Device = { family: 'nor', size: 64 * GiB, geometry: { eraseBlock: 64 * KiB } };
    const placement = placementOf(layoutOf([part('a', 5 * GiB, 5 * GiB + 1), part('b', 'auto', 'rest')], device));
    const b = extent(placement, 'b');
    expect(b.start).toBe(10 * GiB + 64 * KiB);
    expect(b.end).toBe(64 * GiB);
    expect(b.size).toBe(54 * GiB - 64 * KiB);
  });

  it('place the 10 GiB data partition of the eMMC preset past 4 GiB', () => {
    const data = extent(placementOf(preset('emmc-boot')), 'data');
    expect(data.end).toBeGreaterThan(2 ** 32);
    expect(data.end - data.start).toBe(10 * GiB);
  });
});
