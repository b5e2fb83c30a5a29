/**
 * The decode-only vendor binaries of ../shared/corpus/sstar/vendor-bin read into layouts through
 * the format registry: expected offsets are the records read off their hexdumps (the codec tests
 * list them); the older generations are labelled as such, and the rules say what this U-Boot
 * would make of them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validate } from '..';
import { importFile } from '../../formats/files';
import type { LayoutDocument } from '../../model/document';
import { placementOf } from '../../test-support/documents';
import { sharedPath } from '../../test-support/shared';
import { emptySstarDocument } from '../../test-support/sstar-cases';

const vendor = (name: string) => new Uint8Array(readFileSync(sharedPath('corpus/sstar/vendor-bin', name)));

function read(name: string, current: LayoutDocument) {
  const outcome = importFile(vendor(name), current, { fileName: name });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome;
}

const extents = (document: LayoutDocument) =>
  placementOf(document).partitions.flatMap((p) => (p.copies.length > 0 ? p.copies.map((c) => [c.name, c.start, c.slotEnd - c.start, c.spareEnd - c.slotEnd]) : [[p.partition.name, p.start, p.size, 0]]));

const codes = (document: LayoutDocument) => [...new Set(validate(document).problems.map((p) => p.code))];

describe('vendor binaries read into layouts', () => {
  it('ipl/infinity6/MXP_SF.bin: the older generation, every record at its own offset, MXPT where U-Boot does not look', () => {
    // Read over a layout of another family: the flash size is the smallest power of two holding the table.
    const outcome = read('infinity6_MXP_SF.bin', emptySstarDocument('sstar-nand'));
    expect(outcome.formatId).toBe('mxp');
    expect(outcome.warnings.join('\n')).toMatch(/older generation/);
    expect(outcome.document.device).toMatchObject({ family: 'sstar-nor', size: 8 * 1024 * 1024 });
    // xxd: one 136-byte record per 0x88, start at +8, size at +16 (the BOOT record 0..0x50000 is the BOOT area).
    expect(extents(outcome.document)).toEqual([
      ['MXPT', 0x3000, 0x1000, 0],
      ['IPL', 0x4000, 0xc000, 0],
      ['IPL_CUST', 0x10000, 0xf000, 0],
      ['KEY_CUST', 0x1f000, 0x1000, 0],
      ['UBOOT', 0x20000, 0x20000, 0],
      ['UBOOT_ENV', 0x40000, 0x10000, 0],
      ['KERNEL', 0x50000, 0x200000, 0],
      ['ROOTFS', 0x250000, 0x500000, 0],
      ['ROOTFS_DATA', 0x750000, 0xb0000, 0],
    ]);
    expect(placementOf(outcome.document).areas.find((a) => a.area.id === 'boot')?.end).toBe(0x50000);
    expect(codes(outcome.document)).toEqual(expect.arrayContaining(['sstar-mxpt-offset', 'sstar-ipl-at-zero', 'sstar-mxp-contiguous']));
  });

  it('ipl/infinity6/PARTINFO.pni: no CIS, KERNEL as the old type 0x04, the PART_END remainder as UBI', () => {
    const outcome = read('infinity6_PARTINFO.pni', emptySstarDocument('sstar-nand'));
    expect(outcome.warnings.join('\n')).toMatch(/0x0004/);
    expect(outcome.warnings.join('\n')).toMatch(/PART_END\) is read as UBI/);
    const block = 0x20000;
    // Records of the hexdump (start, blocks, backup): IPL 10/1/2, 13; IPL_CUST 16, 19; UBOOT 22/4/2, 28; ENV 34/1/2; KERNEL 37/24/2; RECOVERY 63/24/2; 0xC000 from 89.
    expect(extents(outcome.document)).toEqual([
      ['IPL0', 10 * block, block, 2 * block],
      ['IPL1', 13 * block, block, 2 * block],
      ['IPL_CUST0', 16 * block, block, 2 * block],
      ['IPL_CUST1', 19 * block, block, 2 * block],
      ['UBOOT0', 22 * block, 4 * block, 2 * block],
      ['UBOOT1', 28 * block, 4 * block, 2 * block],
      ['ENV0', 34 * block, block, 2 * block],
      ['KERNEL', 37 * block, 24 * block, 0],
      ['RECOVERY', 63 * block, 24 * block, 0],
      ['UBI', 89 * block, (1024 - 89) * block, 0],
    ]);
    expect(codes(outcome.document)).toEqual(expect.arrayContaining(['sstar-cis-at-zero']));
  });

  it('ipl/infinity6e/PARTINFO.pni: the pnigenerator generation, clean', () => {
    const outcome = read('infinity6e_PARTINFO.pni', emptySstarDocument('sstar-nand'));
    expect(outcome.warnings).toEqual([]);
    expect(extents(outcome.document).map(([name, start]) => [name, Number(start) / 0x20000])).toEqual([
      ['CIS', 0],
      ['IPL0', 2],
      ['IPL1', 4],
      ['IPL_CUST0', 6],
      ['IPL_CUST1', 8],
      ['UBOOT0', 10],
      ['UBOOT1', 13],
      ['ENV0', 16],
    ]);
    expect(outcome.document.device.sstar?.cisCopies).toBe(1);
  });

  it('drivers/mstar/spinand/cis/PARTITION_v2_default.pni: six PNIs, the one of the current geometry read', () => {
    const outcome = read('PARTITION_v2_default.pni', emptySstarDocument('sstar-nand'));
    expect(outcome.warnings[0]).toMatch(/holds 6 PNIs.*PNI 3 is read/);
    // All six: UBOOT (type 6) at block 10 for 37 blocks and 3 spare, LOGO (type 2) at 50 for 14 blocks.
    expect(extents(outcome.document)).toEqual([
      ['UBOOT0', 10 * 0x20000, 37 * 0x20000, 3 * 0x20000],
      ['LOGO', 50 * 0x20000, 14 * 0x20000, 0],
    ]);
    const big = emptySstarDocument('sstar-nand');
    const other = read('PARTITION_v2_default.pni', { ...big, device: { ...big.device, size: 4096 * 0x20000, geometry: { ...big.device.geometry, spareSize: 128 } } });
    expect(other.warnings[0]).toMatch(/PNI 2 is read/);
    expect(other.document.device.size).toBe(4096 * 0x20000);
  });
});
