/**
 * U-Boot's mtdparts from a PNI and the CIS copy layout. Expected strings are worked out by hand
 * from drvSPINAND_api.c `_MDrv_SPINAND_GetMtdPartsFromPNI` and cmd_mstar.c `writeSpinandCIS`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../test-support/shared';
import { FormatError } from '../errors';
import { cisCopyOffsets, cisPniPage, emitPni, parsePni, pniToMtdparts, PNI_DEFAULT_HEADER, type PniRecord } from './index';

const rec = (startBlock: number, blockCount: number, partType: number, backupBlockCount = 0): PniRecord => ({ startBlock, blockCount, partType, backupBlockCount });
const mtdparts = (records: PniRecord[], blockSize = 0x20000) => pniToMtdparts({ header: { ...PNI_DEFAULT_HEADER }, records }, blockSize);

describe('mtdparts from a PNI', () => {
  it('turns the older ipl/infinity6 PNI into IPL0.., KERNEL from type 0x04, and a -(UBI) for its hidden 0xC000 record', () => {
    const pni = parsePni(new Uint8Array(readFileSync(sharedPath('corpus/sstar/vendor-bin/infinity6_PARTINFO.pni'))));
    // Sizes are (blocks + backup) × 0x20000; the first part carries @start (block 10).
    expect(pniToMtdparts(pni, 0x20000)).toBe(
      'mtdparts=nand0:0x60000@0x140000(IPL0),0x60000(IPL1),0x60000(IPL_CUST0),0x60000(IPL_CUST1),0xC0000(UBOOT0),0xC0000(UBOOT1),0x60000(ENV0),0x340000(KERNEL),0x340000(RECOVERY),-(UBI)',
    );
  });

  it('numbers runs of equal types, names CUST and UNKNOWN by code and record index, and skips hidden records', () => {
    expect(mtdparts([rec(0, 1, 0x0d), rec(1, 1, 0x0d), rec(2, 1, 0x4003), rec(3, 1, 0x0d), rec(4, 1, 0x35), rec(5, 1, 0x40), rec(6, 1, 0x0100)])).toBe(
      'mtdparts=nand0:0x20000@0x0(ENV0),0x20000(ENV1),0x20000(ENV2),0x20000(CUST5),0x20000(UNKNOWN5),0x20000(UNKNOWN6)',
    );
  });

  it('hides the UNKNOWN code 0xF000 pnigenerator gives names it does not know: its LOGICAL and HIDDEN bits are set', () => {
    expect(mtdparts([rec(0, 2, 0x20), rec(2, 1, 0xf000)])).toBe('mtdparts=nand0:0x40000@0x0(CIS)');
  });

  it('repeats the last name as a remainder when the last record is logical but not hidden', () => {
    expect(mtdparts([rec(0, 2, 0x20), rec(2, 100, 0x8021)])).toBe('mtdparts=nand0:0x40000@0x0(CIS),0xC80000(UBI),-(UBI)');
    expect(mtdparts([rec(0, 2, 0x20), rec(2, 100, 0xc021)])).toBe('mtdparts=nand0:0x40000@0x0(CIS)');
    expect(mtdparts([rec(0, 2, 0xc000)])).toBe('mtdparts=nand0:,-(UBI)');
    expect(mtdparts([])).toBe('mtdparts=nand0:');
  });

  it('prints with 32-bit arithmetic, as U-Boot does', () => {
    expect(mtdparts([rec(0x8000, 0x8000, 0x12)], 0x20000)).toBe('mtdparts=nand0:0x0@0x0(KERNEL)');
  });

  it('fails where U-Boot\'s 512-byte buffer does', () => {
    // 497 characters follow the prefix: "0x20000@0x0(UNKNOWN0)" takes 21, parts 1-9 18 each with their comma,
    // parts 10-25 19 each, leaving 10; part 26 needs 18 after its comma.
    const unknown = (n: number) => Array.from({ length: n }, (_, i) => rec(i, 1, 0x0100));
    expect(mtdparts(unknown(26))).toMatch(/,0x20000\(UNKNOWN25\)$/);
    expect(() => mtdparts(unknown(27))).toThrow(FormatError);
    expect(() => mtdparts(unknown(62))).toThrow(/passes its 512-byte buffer/);
  });
});

describe('CIS copies', () => {
  it('sit in blocks 0, 2, 4, 6, 8', () => {
    expect(cisCopyOffsets(5, 0x20000)).toEqual([0, 0x40000, 0x80000, 0xc0000, 0x100000]);
    expect(cisCopyOffsets(1, 0x40000)).toEqual([0]);
  });

  it('are 1 to 5, as writecis insists', () => {
    for (const copies of [0, 6, 2.5, Number.NaN]) expect(() => cisCopyOffsets(copies, 0x20000)).toThrow(/CIS copies must be 1 to 5/);
    expect(() => cisCopyOffsets(3, 0)).toThrow(/block size/);
  });

  it('carry the PNI in page 1, padded with 0xFF to the page', () => {
    const pni = emitPni({ header: { ...PNI_DEFAULT_HEADER }, records: [rec(0, 10, 0x20)] });
    const page = cisPniPage(pni, 2048);
    expect(page.subarray(0, 512)).toEqual(pni);
    expect(page.subarray(512).every((b) => b === 0xff)).toBe(true);
    expect(page).toHaveLength(2048);
    expect(() => cisPniPage(pni, 256)).toThrow(/must hold the 512-byte PNI/);
    expect(() => cisPniPage(pni.subarray(1), 2048)).toThrow(/a PNI is 512 bytes, found 511/);
  });
});
