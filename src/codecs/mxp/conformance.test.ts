/**
 * The mxpgenerator conformance vectors (../shared/conformance/sstar/cases/mxp-*): each cmd.txt run
 * through our generator must give the case's MXP_SF.bin and stdout.txt byte for byte, and the
 * vendor's older-generation table (../shared/corpus/sstar/vendor-bin/infinity6_MXP_SF.bin) must
 * decode to the records read off its hexdump.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mxpListing as referenceListing } from '../../test-support/references';
import { readShared, sharedPath } from '../../test-support/shared';
import { emitMxp, mxpFromLists, mxpListing, mxpLists, parseMxp, type MxpRecord } from './index';

const CASES = sharedPath('conformance/sstar/cases');
const mxpCases = readdirSync(CASES).filter((name) => name.startsWith('mxp-'));

/** Shell words of a one-line command: double-quoted strings or runs of non-blanks. */
function shellWords(line: string): string[] {
  return [...line.trim().matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

function caseArguments(name: string): { bootList: string; sysList: string; envMerge: boolean } {
  const [tool, bootList, sysList, output] = shellWords(readShared('conformance/sstar/cases', name, 'cmd.txt'));
  expect([tool, output]).toEqual(['mxpgenerator', 'MXP_SF.bin']);
  return { bootList, sysList, envMerge: name.endsWith('-envmerge') };
}

const readBytes = (...parts: string[]) => new Uint8Array(readFileSync(sharedPath(...parts)));

describe('mxpgenerator conformance cases', () => {
  it('has the cases the README lists', () => {
    expect(mxpCases).toEqual(expect.arrayContaining(['mxp-doc-example', 'mxp-doc-example-envmerge']));
  });

  describe.each(mxpCases)('%s', (name) => {
    const { bootList, sysList, envMerge } = caseArguments(name);
    const expected = readBytes('conformance/sstar/cases', name, 'MXP_SF.bin');

    it('writes MXP_SF.bin byte for byte', () => {
      expect(emitMxp(mxpFromLists(bootList, sysList, { envMerge }))).toEqual(expected);
    });

    it('prints stdout.txt byte for byte', () => {
      const records = mxpFromLists(bootList, sysList, { envMerge });
      expect(mxpListing(records, { bootList, sysList })).toBe(readShared('conformance/sstar/cases', name, 'stdout.txt'));
      // The lists derived from the records are the command's own (upper-case hex, no leading zeros).
      expect(mxpListing(records)).toBe(readShared('conformance/sstar/cases', name, 'stdout.txt'));
    });

    it('reads the table back to the records of the listing, labelled with its variant', () => {
      const table = parseMxp(expected);
      expect(table.warnings).toEqual([]);
      expect(table.generation).toBe(envMerge ? 'mxpgenerator-env-merge' : 'mxpgenerator');
      expect(table.records.map(({ name: n, start, size }) => ({ name: n, start, size }))).toEqual(referenceListing(name));
      expect(mxpLists(table.records)).toEqual({ bootList, sysList, envMerge });
      expect(emitMxp(table.records)).toEqual(expected);
    });
  });

  it('differs between the variants only in UBOOT, which grows over UBOOT_ENV (cmp: bytes 0x1AA-0x1AB)', () => {
    const plain = readBytes('conformance/sstar/cases/mxp-doc-example/MXP_SF.bin');
    const merged = readBytes('conformance/sstar/cases/mxp-doc-example-envmerge/MXP_SF.bin');
    expect(parseMxp(plain).records[3]).toMatchObject({ name: 'UBOOT', start: 0x30000, size: 0x1f000 });
    expect(parseMxp(merged).records[3]).toMatchObject({ name: 'UBOOT', start: 0x30000, size: 0x20000 });
    // UBOOT_ENV is in the BOOT list, so NORMAL (hexdump byte 0x225 = 01) in both.
    expect(parseMxp(plain).records[4]).toMatchObject({ name: 'UBOOT_ENV', type: 1 });
    expect(parseMxp(merged).records[4]).toMatchObject({ name: 'UBOOT_ENV', type: 1 });
  });
});

describe('the vendor table of the older generation (OpenIPC/u-boot-sigmastar ipl/infinity6/MXP_SF.bin)', () => {
  const bytes = readBytes('corpus/sstar/vendor-bin/infinity6_MXP_SF.bin');
  const record = (name: string, start: number, size: number, type: number): MxpRecord => ({ name, start, size, type, version: 1, format: 0, status: 0 });
  // Read off `xxd infinity6_MXP_SF.bin`: one 136-byte record per 0x88, start at +8, size at +16, name at +32.
  const expected = [
    record('MXPT', 0x3000, 0x1000, 1),
    record('IPL', 0x4000, 0xc000, 1),
    record('IPL_CUST', 0x10000, 0xf000, 1),
    record('KEY_CUST', 0x1f000, 0x1000, 1),
    record('UBOOT', 0x20000, 0x20000, 1),
    record('UBOOT_ENV', 0x40000, 0x10000, 1),
    record('BOOT', 0, 0x50000, 3),
    record('KERNEL', 0x50000, 0x200000, 3),
    record('ROOTFS', 0x250000, 0x500000, 3),
    record('ROOTFS_DATA', 0x750000, 0xb0000, 3),
  ];

  it('decodes its ten records and labels it legacy, saying why', () => {
    const table = parseMxp(bytes);
    expect(table.records).toEqual(expected);
    expect(table.generation).toBe('legacy');
    expect(table.warnings.join('\n')).toMatch(/MXPT record starts at 0x3000/);
    expect(table.warnings.join('\n')).toMatch(/older generation/);
  });

  it('is written again byte for byte: its unused records are the same template', () => {
    expect(emitMxp(parseMxp(bytes).records)).toEqual(bytes);
  });

  it('cannot be given as mxpgenerator lists', () => {
    expect(() => mxpLists(parseMxp(bytes).records)).toThrow(/not what mxpgenerator writes/);
  });
});
