import { describe, expect, it } from 'vitest';
import { readShared } from '../../test-support/shared';
import { parseMtdparts, parseMtdpartsList } from './parse';
import { resolveMtdparts } from './resolve';

const BLOCK = 0x20000;

describe('resolveMtdparts', () => {
  it("places the SSD202 256 MiB NAND where the spec's block layout says", () => {
    // specs/sigmastar-alkaid.md §3: the U-Boot string from the PNI, then the SYS list that
    // [[set_partition.es appends (corpus/sstar/scripts/industio-PurPle-Pi-R1/set_partition.es), on
    // 2048 blocks of 128 KiB (pnigenerator -k 2048 -l 0x20000 in image.mk). Keeping CIS in the
    // list does not move the others ("mtdparts del CIS" only drops it).
    const spec = readShared('specs/sigmastar-alkaid.md');
    const [device] = parseMtdparts(`nand0:${/U-Boot mtdparts then reads\n`([^`]+)`/.exec(spec)?.[1] ?? ''}`);
    const line = readShared('corpus/sstar/scripts/industio-PurPle-Pi-R1/set_partition.es').split('\n')[2];
    device.partitions.push(...parseMtdpartsList(line.slice(line.indexOf(',') + 1)));
    const { partitions, warnings } = resolveMtdparts(device, 2048 * BLOCK, { eraseSize: BLOCK });
    expect(warnings).toEqual([]);
    const blocks = partitions.map((p) => `${p.name} ${p.start / BLOCK}+${p.size / BLOCK}`);
    // "CIS 0+10, IPL0 10+1(+2), IPL1 13+1(+2), IPL_CUST0 16, IPL_CUST1 19, UBOOT0 22+2(+4),
    //  UBOOT1 28+2(+4), ENV 34+3, KEY_CUST 37+1, LOGO 38+3, KERNEL 41+40, RECOVERY 81+40, UBI 121..2047"
    expect(blocks).toEqual([
      'CIS 0+10',
      'IPL0 10+3',
      'IPL1 13+3',
      'IPL_CUST0 16+3',
      'IPL_CUST1 19+3',
      'UBOOT0 22+6',
      'UBOOT1 28+6',
      'ENV0 34+3',
      'KEY_CUST 37+1',
      'LOGO 38+3',
      'KERNEL 41+40',
      'RECOVERY 81+40',
      `UBI 121+${2048 - 121}`,
    ]);
  });

  it('truncates at the device end, skips zero-sized partitions and disables those out of reach, as Linux does', () => {
    const [device] = parseMtdparts('d:0x800(a),0x1000(b),0x1000(c),0x100@0x2000(d),0x100@0x3000(e),0x100@0x1000(f),-(g)');
    const { partitions, warnings } = resolveMtdparts(device, 0x2000);
    expect(partitions.map((p) => [p.name, p.start, p.size, p.disabled])).toEqual([
      ['a', 0, 0x800, false],
      ['b', 0x800, 0x1000, false],
      ['c', 0x1800, 0x800, false],
      ['e', 0, 0, true],
      ['f', 0x1000, 0x100, false],
      ['g', 0x1100, 0xf00, false],
    ]);
    expect(warnings.map((w) => [w.kind, w.source, w.message])).toEqual([
      ['truncated', 2, 'd: partitioning exceeds flash size, truncating'],
      ['truncated', 3, 'd: partitioning exceeds flash size, truncating'],
      ['zero-size', 3, 'd: skipping zero sized partition'],
      ['truncated', 4, 'd: partitioning exceeds flash size, truncating'],
      ['out-of-reach', 4, 'mtd: partition "e" is out of reach -- disabled'],
      ['overlap', 5, 'partition "f" (0x1000-0x1100) overlaps "b" (0x800-0x1800); Linux accepts overlapping partitions'],
      ['overlap', 6, 'partition "g" (0x1100-0x2000) overlaps "b" (0x800-0x1800); Linux accepts overlapping partitions'],
      ['overlap', 2, 'partition "c" (0x1800-0x2000) overlaps "g" (0x1100-0x2000); Linux accepts overlapping partitions'],
    ]);
  });

  it('names unnamed partitions Partition_NNN by their place in the list', () => {
    const [device] = parseMtdparts('d:1k,1k(x),-');
    expect(resolveMtdparts(device, 4096).partitions.map((p) => p.name)).toEqual(['Partition_000', 'x', 'Partition_002']);
  });

  it('forces unaligned writable partitions read-only when the erase size is known', () => {
    const [device] = parseMtdparts('d:0x800(a),0x1800(b),0x1000(c)ro,-(d)');
    const { partitions, warnings } = resolveMtdparts(device, 0x4000, { eraseSize: 0x1000 });
    expect(partitions.map((p) => p.readOnly)).toEqual([true, true, true, false]);
    expect(warnings.map((w) => w.message)).toEqual([
      `mtd: partition "a" doesn't end on an erase/write block -- force read-only`,
      `mtd: partition "b" doesn't start on an erase/write block boundary -- force read-only`,
    ]);
  });

  it('caps overlap warnings at 100 for 1,000 partitions on one offset', () => {
    const [device] = parseMtdparts(`d:${Array.from({ length: 1000 }, () => '1k@0').join(',')}`);
    const { partitions, warnings } = resolveMtdparts(device, 4096);
    expect(partitions).toHaveLength(1000);
    expect(warnings).toHaveLength(100);
  });

  it('refuses a device size that is not a whole number of bytes', () => {
    const [device] = parseMtdparts('d:-');
    expect(() => resolveMtdparts(device, 0)).toThrow(/device size/);
    expect(() => resolveMtdparts(device, 1.5)).toThrow(/device size/);
    expect(() => resolveMtdparts(device, 10, { eraseSize: 0 })).toThrow(/erase size/);
  });
});
