/**
 * pnigenerator's record computation and listing beyond the conformance cases. Expected blocks are
 * worked out by hand from pnigenerator.c `parse_partition_section` (spec §2) and its printf formats.
 */
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { emitPni, parsePni, parsePniArgs, pniFromArgs, pniListing, pniTypeCode, pniTypeName, PNI_TYPE_UNKNOWN, type PniArgs } from './index';

function formatError(run: () => unknown): FormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

/** 16 blocks of 128 KiB (2 MiB), so entries run off the end quickly. */
const small = (boot: string, sys?: string, extra: string[] = []) => parsePniArgs(['-k', '16', ...extra, '-t', boot, ...(sys === undefined ? [] : ['-y', sys]), '-o', 'P.pni']);
const blocks = (args: PniArgs) => pniFromArgs(args).entries.map((e) => [e.name, e.record.startBlock, e.record.blockCount, e.record.backupBlockCount]);

describe('records from the lists', () => {
  it('continues after an @offset, skips backup blocks, and gives "-" the rest of the flash', () => {
    expect(blocks(small('0x20000(A)1,0x40000@0x100000(B),0x20000(C)2', '-(D)'))).toEqual([
      ['A', 0, 1, 1],
      ['B', 8, 2, 0],
      ['C', 10, 1, 2],
      ['D', 13, 3, 0],
    ]);
    expect(pniFromArgs(small('0x20000(A)', '-(D)')).used).toBe(16 * 0x20000);
  });

  it('drops entries that start at or past the flash end, moving the running offset to their start', () => {
    const layout = pniFromArgs(small('0x20000(A),0x20000@0x200000(B),-(C)', '0x20000@0x20000(D),-(E)'));
    expect(layout.entries.map((e) => e.name)).toEqual(['A', 'D', 'E']);
    expect(layout.warnings).toEqual([
      'B starts at 0x200000, at or past the flash end 0x200000: pnigenerator drops it',
      'C starts at 0x200000, at or past the flash end 0x200000: pnigenerator drops it',
    ]);
    expect(layout.entries[2].record).toEqual({ startBlock: 2, blockCount: 14, partType: PNI_TYPE_UNKNOWN, backupBlockCount: 0 });
  });

  it('stores only the -t records; the -y ones are for the listing', () => {
    const layout = pniFromArgs(small('0x20000(CIS)', '0x20000(KERNEL)'));
    expect(layout.pni.records).toEqual([{ startBlock: 0, blockCount: 1, partType: 0x20, backupBlockCount: 0 }]);
    expect(parsePni(emitPni(layout.pni)).records).toHaveLength(1);
    expect(layout.entries).toHaveLength(2);
  });

  it('rounds block counts and start blocks down, as the tool divides, and says so', () => {
    const layout = pniFromArgs(small('0x30000(A),0x20000(B)'));
    expect(blocks(small('0x30000(A),0x20000(B)'))).toEqual([
      ['A', 0, 1, 0],
      ['B', 1, 1, 0],
    ]);
    expect(layout.warnings).toEqual(['A: size 0x30000 is not a whole number of 0x20000 blocks; the record says 1', 'B: start 0x30000 is not on a block boundary; the record says block 1']);
  });

  it('keeps an entry that runs past the flash end, with a warning', () => {
    const layout = pniFromArgs(small('0x400000(A)'));
    expect(layout.entries[0].record.blockCount).toBe(32);
    expect(layout.warnings).toEqual(['A ends at 0x400000, past the flash end 0x200000']);
  });

  it('warns when -l is not -b × -p, or -u is not the record size', () => {
    expect(pniFromArgs(small('0x40000(A)', undefined, ['-l', '0x40000', '-u', '16'])).warnings).toEqual([
      '-l 0x40000 is not -b × -p = 0x20000: pnigenerator converts with -l, U-Boot with the flash\'s own geometry',
      '-u 16 is stored as the record size, but records are 8 bytes',
    ]);
  });

  it('holds 62 records over both lists and stops at the 63rd entry with its column, however many follow', () => {
    const entries = (n: number) => Array.from({ length: n }, () => '0x0(A)').join(',');
    expect(pniFromArgs(small(entries(30), entries(32))).entries).toHaveLength(62);
    const error = formatError(() => pniFromArgs(small(entries(30), entries(10_000))));
    expect(error).toMatchObject({ argument: 5, column: 32 * 7 + 1 });
    expect(error.message).toMatch(/would be record 63: a PNI holds 62 records \(the -t and -y lists together\)/);
    // Dropped entries are not records.
    expect(pniFromArgs(small(`${entries(62)},0x0@0x200000(Z)`)).entries).toHaveLength(62);
  });

  it('refuses what the tool would wrap around 32 bits or cut to 16 bits', () => {
    expect(formatError(() => pniFromArgs(parsePniArgs(['-k', '32768', '-o', 'x'])))).toMatchObject({
      argument: 1,
      message: expect.stringMatching(/-k 32768 blocks of -l 0x20000 bytes make 0x100000000 bytes, past pnigenerator's 32-bit offsets/),
    });
    const end = parsePniArgs(['-k', '32767', '-t', '0x20000(A),0x20000@0xFFFC0000(B)1', '-o', 'x']);
    expect(formatError(() => pniFromArgs(end))).toMatchObject({ argument: 3, column: 12, message: expect.stringMatching(/B and its backup blocks would end at 0x100000000/) });
    const tiny = parsePniArgs(['-l', '0x200', '-k', '65535', '-t', '0x2000000(A)', '-o', 'x']);
    expect(formatError(() => pniFromArgs(tiny)).message).toMatch(/A is 65536 blocks of 0x200; a record holds at most 65535/);
  });
});

describe('type codes', () => {
  it('maps names exactly and case-sensitively, like FindPartTypeByName', () => {
    expect(['CIS', 'IPL0', 'IPL2', 'IPL_CUST1', 'UBOOT1', 'ENV', 'ENV1', 'KERNEL', 'RECOVERY', 'LOGO', 'rootfs', 'rootfs_bak', 'UBI', 'CUST3', 'CUSTf', 'PART_END', 'KEY_CUST', 'ota', 'media', 'RTOS_BACKUP', 'MISC'].map(pniTypeCode)).toEqual([
      0x20, 0x03, 0x03, 0x01, 0x06, 0x0d, 0x0d, 0x12, 0x09, 0x02, 0x0f, 0x1f, 0x21, 0x33, 0x3f, 0xc000, 0x40, 0x1e, 0x1d, 0x11, 0x0e,
    ]);
    expect(['IPL', 'UBOOT', 'ubi', 'ROOTFS', 'UBOOT2', 'constructor', '__proto__'].map(pniTypeCode)).toEqual(Array(7).fill(0xf000));
  });

  it('names codes as the generator\'s listing does (FindNameByType), and keeps unknown codes as numbers', () => {
    expect([0x03, 0x01, 0x0f, 0x11, 0xc000, 0x40].map(pniTypeName)).toEqual(['IPL', 'IPL_CUST', 'ROOTFS', 'RTOS_BAK', 'PART_END', 'KEY_CUST']);
    expect([0x04, 0x3f, 0xf000, 0x8021].map(pniTypeName)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('the listing', () => {
  it('echoes -t and -y in the order getopt meets them', () => {
    const args = parsePniArgs(['-y', '0x20000(B)', '-t', '0x20000(A)', '-o', 'x']);
    expect(pniListing(args, pniFromArgs(args)).split('\n').slice(0, 3)).toEqual(['SYS: 0x20000(B)', 'BOOT: 0x20000(A)', 'FLASH HAS USED 0x40000KB']);
  });

  it('without -o lists the all-zero PNI the tool never filled', () => {
    const args = parsePniArgs(['-t', '0x20000(CIS)']);
    expect(pniListing(args, pniFromArgs(args))).toBe(
      [
        'BOOT: 0x20000(CIS)',
        'ChkSum       : 0',
        'SpareByteCnt : 0',
        'PageByteCnt  : 0',
        'BlkPageCnt   : 0',
        'BlkCnt       : 0',
        'PartCnt      : 0',
        'UnitByteCnt  : 0',
        'Checksum ok!!',
        'IDX:         StartBlk:           BlkCnt:     BackupBlkCnt:        PartType:',
        '',
      ].join('\n'),
    );
  });

  it('prints unknown types with printf %#06X and the entry\'s own name', () => {
    const args = small('0x20000(IPL)3');
    // printf("%3d: %4d,(%#010X) %4d,(%#010X) %4d,(%#010X)  %#06X,(%s)\n", ...)
    expect(pniListing(args, pniFromArgs(args)).split('\n').at(-2)).toBe('  0:    0,(0000000000)    1,(0X00020000)    3,(0X00060000)  0XF000,(IPL)');
  });
});
