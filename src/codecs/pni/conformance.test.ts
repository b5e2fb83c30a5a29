/**
 * The pnigenerator conformance vectors (../shared/conformance/sstar/cases/pni-*): each cmd.txt run
 * through our argv parser and generator must give the case's PARTINFO.pni and stdout.txt byte for
 * byte. The vendor .pni files (../shared/corpus/sstar/vendor-bin/) decode to the records read off
 * their hexdumps, and the SSD202 SPI-NAND layout of spec §3 comes out block for block.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pniListing as referenceListing } from '../../test-support/references';
import { readShared, sharedPath } from '../../test-support/shared';
import { emitPni, parsePni, parsePniArgs, parsePniSet, pniFromArgs, pniListing, pniToMtdparts, type PniHeader, type PniRecord } from './index';

const CASES = sharedPath('conformance/sstar/cases');
const pniCases = readdirSync(CASES).filter((name) => name.startsWith('pni-'));
const readBytes = (...parts: string[]) => new Uint8Array(readFileSync(sharedPath(...parts)));

/** Shell words of a one-line command: double-quoted strings or runs of non-blanks. */
function shellWords(line: string): string[] {
  return [...line.trim().matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

function caseArgv(name: string): string[] {
  const [tool, ...argv] = shellWords(readShared('conformance/sstar/cases', name, 'cmd.txt'));
  expect(tool).toBe('pnigenerator');
  return argv;
}

const rec = (startBlock: number, blockCount: number, partType: number, backupBlockCount: number): PniRecord => ({ startBlock, blockCount, partType, backupBlockCount });
const header = (spareByteCount: number, blockCount: number): PniHeader => ({ spareByteCount, pageByteCount: 2048, blockPageCount: 64, blockCount, unitByteCount: 8 });

describe('pnigenerator conformance cases', () => {
  it('has the cases the README lists', () => {
    expect(pniCases).toEqual(expect.arrayContaining(['pni-doc-example', 'pni-infinity6e-vendor-repro']));
  });

  describe.each(pniCases)('%s', (name) => {
    const expected = readBytes('conformance/sstar/cases', name, 'PARTINFO.pni');

    it('writes PARTINFO.pni byte for byte', () => {
      const layout = pniFromArgs(parsePniArgs(caseArgv(name)));
      expect(layout.warnings).toEqual([]);
      expect(emitPni(layout.pni)).toEqual(expected);
    });

    it('prints stdout.txt byte for byte', () => {
      const args = parsePniArgs(caseArgv(name));
      expect(pniListing(args, pniFromArgs(args))).toBe(readShared('conformance/sstar/cases', name, 'stdout.txt'));
    });

    it('lists every entry (-t and -y) where the reference listing puts it, and stores only the -t ones', () => {
      const args = parsePniArgs(caseArgv(name));
      const { entries, pni } = pniFromArgs(args);
      const reference = referenceListing(name);
      expect(entries.map((e) => ({ name: e.name, start: e.record.startBlock * args.blockSize, size: e.record.blockCount * args.blockSize }))).toEqual(reference.entries);
      const parsed = parsePni(expected);
      expect(parsed.warnings).toEqual([]);
      expect(parsed.records).toEqual(pni.records);
      expect(parsed.records.map((r) => ({ start: r.startBlock * reference.blockSize, size: r.blockCount * reference.blockSize }))).toEqual(
        reference.entries.slice(0, parsed.records.length).map(({ start, size }) => ({ start, size })),
      );
    });
  });

  it('stores 10 of the 14 entries of the doc example (hexdump: PartCnt 0x000a, checksum 0x138; listing: 14 and 946)', () => {
    const parsed = parsePni(readBytes('conformance/sstar/cases/pni-doc-example/PARTINFO.pni'));
    expect(parsed.records).toHaveLength(10);
    expect(parsed.checksum).toBe(0x138);
  });
});

describe('vendor PNI files', () => {
  it('decodes ipl/infinity6e/PARTINFO.pni (the vendor-repro output) to the records of its hexdump', () => {
    const parsed = parsePni(readBytes('corpus/sstar/vendor-bin/infinity6e_PARTINFO.pni'));
    expect(parsed).toEqual({
      header: header(64, 1024),
      records: [rec(0, 2, 0x20, 0), rec(2, 1, 0x03, 1), rec(4, 1, 0x03, 1), rec(6, 1, 0x01, 1), rec(8, 1, 0x01, 1), rec(10, 2, 0x06, 1), rec(13, 2, 0x06, 1), rec(16, 1, 0x0d, 1)],
      checksum: 0x12a,
      warnings: [],
    });
    expect(parsed.records).toEqual(parsePni(readBytes('conformance/sstar/cases/pni-infinity6e-vendor-repro/PARTINFO.pni')).records);
  });

  it('decodes the older ipl/infinity6/PARTINFO.pni: no CIS record, KERNEL as 0x04 and a hidden logical 0xC000 remainder', () => {
    const parsed = parsePni(readBytes('corpus/sstar/vendor-bin/infinity6_PARTINFO.pni'));
    // xxd: ee03 0000 | 4000 0008 4000 0004 0a00 0800 | then 8-byte records from 0x10.
    expect(parsed.header).toEqual(header(64, 1024));
    expect(parsed.checksum).toBe(0x3ee);
    expect(parsed.records).toEqual([
      rec(10, 1, 0x03, 2),
      rec(13, 1, 0x03, 2),
      rec(16, 1, 0x01, 2),
      rec(19, 1, 0x01, 2),
      rec(22, 4, 0x06, 2),
      rec(28, 4, 0x06, 2),
      rec(34, 1, 0x0d, 2),
      rec(37, 24, 0x04, 2),
      rec(63, 24, 0x09, 2),
      rec(89, 0x7c1, 0xc000, 0),
    ]);
    expect(parsed.warnings).toEqual([
      expect.stringMatching(/record 7 has type 0x0004 \(UNFD_PART_OS\)/),
      'PNI record 9 (type 0xc000) ends at block 2074, past the 1024 blocks of the flash',
    ]);
    expect(emitPni(parsed)).toEqual(readBytes('corpus/sstar/vendor-bin/infinity6_PARTINFO.pni'));
  });

  it('reads drivers/mstar/spinand/cis/PARTITION_v2_default.pni as six PNIs, one per geometry', () => {
    const bytes = readBytes('corpus/sstar/vendor-bin/PARTITION_v2_default.pni');
    expect(() => parsePni(bytes)).toThrow(/found 3072 \(6 PNIs back to back\? read them with parsePniSet\)/);
    const set = parsePniSet(bytes);
    // xxd at 0x000, 0x200, ... 0xA00: checksum, spare bytes, block count; all: UBOOT (type 6) at block 10, LOGO (type 2) at 50.
    expect(set.map((p) => [p.checksum, p.header])).toEqual([
      [0x116, header(64, 2048)],
      [0x11e, header(64, 4096)],
      [0x15e, header(128, 4096)],
      [0x112, header(64, 1024)],
      [0x152, header(128, 1024)],
      [0x156, header(128, 2048)],
    ]);
    for (const pni of set) expect(pni.records).toEqual([rec(10, 37, 0x06, 3), rec(50, 14, 0x02, 2)]);
  });
});

describe('the SSD202 SPI-NAND layout of spec §3 (Xuxiaojiao/ssd202 spinand.ubifs.p2.partition.config, 256 MiB)', () => {
  // cis$(PATSIZE) etc. expanded by hand; image.mk passes -t "<cis PATSIZE>(CIS),<BOOTTAB>" -y "<SYSTAB>".
  const argv = [
    ...['-s', '64', '-p', '2048', '-b', '64', '-k', '2048', '-u', '8', '-l', '0x20000'],
    '-t',
    '0x140000(CIS),0x20000@0x140000(IPL0)2,0x20000(IPL1)2,0x20000(IPL_CUST0)2,0x20000(IPL_CUST1)2,0x40000(UBOOT0)4,0x40000(UBOOT1)4,0x60000(ENV)',
    '-y',
    '0x20000(KEY_CUST),0x60000(LOGO),0x500000(KERNEL),0x500000(RECOVERY),-(UBI)',
    '-o',
    'PARTINFO.pni',
  ];

  it('puts every partition on the blocks the spec lists', () => {
    const { entries, pni } = pniFromArgs(parsePniArgs(argv));
    // Spec: CIS 0+10, IPL0 10+1(+2), IPL1 13+1(+2), IPL_CUST0 16, IPL_CUST1 19, UBOOT0 22+2(+4), UBOOT1 28+2(+4),
    // ENV 34+3, KEY_CUST 37+1, LOGO 38+3, KERNEL 41+40, RECOVERY 81+40, UBI 121..2047.
    expect(entries.map((e) => [e.name, e.record.startBlock, e.record.blockCount, e.record.backupBlockCount])).toEqual([
      ['CIS', 0, 10, 0],
      ['IPL0', 10, 1, 2],
      ['IPL1', 13, 1, 2],
      ['IPL_CUST0', 16, 1, 2],
      ['IPL_CUST1', 19, 1, 2],
      ['UBOOT0', 22, 2, 4],
      ['UBOOT1', 28, 2, 4],
      ['ENV', 34, 3, 0],
      ['KEY_CUST', 37, 1, 0],
      ['LOGO', 38, 3, 0],
      ['KERNEL', 41, 40, 0],
      ['RECOVERY', 81, 40, 0],
      ['UBI', 121, 2048 - 121, 0],
    ]);
    expect(pni.records).toHaveLength(8);
  });

  it('gives the mtdparts of spec §3', () => {
    const { pni } = pniFromArgs(parsePniArgs(argv));
    expect(pniToMtdparts(pni, 0x20000)).toBe(
      'mtdparts=nand0:0x140000@0x0(CIS),0x60000(IPL0),0x60000(IPL1),0x60000(IPL_CUST0),0x60000(IPL_CUST1),0xC0000(UBOOT0),0xC0000(UBOOT1),0x60000(ENV0)',
    );
  });
});
