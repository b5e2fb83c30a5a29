/** The binary table (spec §1, §8): bytes computed here from the spec, MD5 from node:crypto. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../test-support/shared';
import { binaryToTable, isBinaryTable, tableToBinary } from './binary';
import { tableToCsv } from './csv';
import { Esp32Error } from './errors';
import type { Esp32Entry } from './table';

function entry(name: string, type: number, subtype: number, offset: number, size: number, flags: Partial<Esp32Entry> = {}): Esp32Entry {
  return { name, type, subtype, offset, size, encrypted: false, readonly: false, ...flags };
}

/** One 32-byte row exactly as spec §1.1 lays it out. */
function specRow(name: Uint8Array, type: number, subtype: number, offset: number, size: number, flags: number): Uint8Array {
  const bytes = new Uint8Array(32);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0xaa;
  bytes[1] = 0x50;
  bytes[2] = type;
  bytes[3] = subtype;
  view.setUint32(4, offset, true);
  view.setUint32(8, size, true);
  bytes.set(name.subarray(0, 16), 12);
  view.setUint32(28, flags, true);
  return bytes;
}

function specTable(rows: Uint8Array[], md5: boolean): Uint8Array {
  const bytes = new Uint8Array(0xc00).fill(0xff);
  rows.forEach((row, i) => bytes.set(row, i * 32));
  if (md5) {
    const at = rows.length * 32;
    bytes[at] = 0xeb;
    bytes[at + 1] = 0xeb;
    bytes.set(createHash('md5').update(bytes.subarray(0, at)).digest(), at + 16);
  }
  return bytes;
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

function failure(run: () => unknown): Esp32Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Esp32Error) return error;
    throw error;
  }
  throw new Error('expected an Esp32Error');
}

describe('writing', () => {
  it('writes rows in table order, the MD5 row, and 0xFF up to 0xC00 bytes', () => {
    const table = { entries: [entry('nvs', 1, 2, 0x9000, 0x6000), entry('factory', 0, 0, 0x10000, 0x100000), entry('fs', 1, 0x81, 0x110000, 0x36fffc, { encrypted: true, readonly: true })] };
    expect(tableToBinary(table, true)).toEqual(
      specTable([specRow(utf8('nvs'), 1, 2, 0x9000, 0x6000, 0), specRow(utf8('factory'), 0, 0, 0x10000, 0x100000, 0), specRow(utf8('fs'), 1, 0x81, 0x110000, 0x36fffc, 3)], true),
    );
    expect(tableToBinary(table, false)).toEqual(specTable([specRow(utf8('nvs'), 1, 2, 0x9000, 0x6000, 0), specRow(utf8('factory'), 0, 0, 0x10000, 0x100000, 0), specRow(utf8('fs'), 1, 0x81, 0x110000, 0x36fffc, 3)], false));
  });

  it('writes an empty table as the MD5 of nothing', () => {
    const bytes = tableToBinary({ entries: [] }, true);
    expect(Buffer.from(bytes.subarray(16, 32)).toString('hex')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(bytes.subarray(32).every((b) => b === 0xff)).toBe(true);
  });

  it('cuts names at 16 UTF-8 bytes, even inside a character, with no terminator', () => {
    const name = 'abcdefghijklmnoé'; // 15 ASCII letters + 2-byte é = 17 bytes
    const bytes = tableToBinary({ entries: [entry(name, 1, 2, 0x9000, 0x6000), entry('exactly16bytes!!', 1, 1, 0xf000, 0x1000)] }, true);
    expect(bytes.subarray(12, 28)).toEqual(utf8(name).subarray(0, 16));
    expect(bytes.subarray(32 + 12, 32 + 28)).toEqual(utf8('exactly16bytes!!'));
  });

  it('holds 94 entries with the MD5 row and 95 without, because a full 0xFF row must remain', () => {
    const entries = (n: number) => ({ entries: Array.from({ length: n }, (_, i) => entry(`p${i}`, 1, 0x81, 0x10000 + i * 0x1000, 0x1000)) });
    expect(tableToBinary(entries(94), true).subarray(94 * 32 + 32).every((b) => b === 0xff)).toBe(true);
    expect(failure(() => tableToBinary(entries(95), true)).message).toMatch(/^Binary partition table length \(3072\) longer than max/);
    expect(tableToBinary(entries(95), false).subarray(95 * 32).every((b) => b === 0xff)).toBe(true);
    expect(failure(() => tableToBinary(entries(96), false)).message).toMatch(/^Binary partition table length \(3072\) longer than max/);
  });

  it('refuses values the 8- and 32-bit fields cannot hold', () => {
    expect(failure(() => tableToBinary({ entries: [entry('big', 1, 2, 0x1_0000_0000, 0x1000)] }, true)).message).toMatch(/offset 0x100000000 does not fit/);
    expect(failure(() => tableToBinary({ entries: [entry('t', 300, 2, 0x9000, 0x1000)] }, true)).message).toMatch(/type 300 does not fit/);
  });
});

describe('reading', () => {
  const nvs = specRow(utf8('nvs'), 1, 2, 0x9000, 0x6000, 0);

  it('reads rows up to the end marker, checking the MD5 row', () => {
    const bytes = specTable([nvs, specRow(utf8('x'), 0x40, 0x25, 0x10000, 0x1000, 2)], true);
    const { table, warnings } = binaryToTable(bytes, true);
    expect(warnings).toEqual([]);
    expect(table.entries.map(({ name, type, subtype, offset, size, readonly }) => ({ name, type, subtype, offset, size, readonly }))).toEqual([
      { name: 'nvs', type: 1, subtype: 2, offset: 0x9000, size: 0x6000, readonly: false },
      { name: 'x', type: 0x40, subtype: 0x25, offset: 0x10000, size: 0x1000, readonly: true },
    ]);
    expect(tableToCsv(table)).toMatch(/^x,64,37,0x10000,4K,readonly$/m);
  });

  it('accepts a table without an MD5 row, and stops at the first 0xFF row (anything after is ignored)', () => {
    const bytes = new Uint8Array(0x1000).fill(0x00);
    bytes.set(specTable([nvs], false));
    expect(binaryToTable(bytes, true).table.entries).toHaveLength(1);
  });

  it('drops unknown flag bits with the tool warning', () => {
    const { table, warnings } = binaryToTable(specTable([specRow(utf8('nvs'), 1, 2, 0x9000, 0x6000, 0x80000005)], true), true);
    expect(table.entries[0].encrypted).toBe(true);
    expect(warnings).toEqual(['WARNING: Partition definition had unknown flag(s) 0x80000004. Newer binary format?']);
  });

  it('reports a wrong MD5, a missing end marker, a short row, a bad magic (bytes printed as Python prints them) and a bad name with their byte offsets', () => {
    const corrupt = specTable([nvs], true);
    corrupt[32 + 20] ^= 1;
    expect(failure(() => binaryToTable(corrupt, true))).toMatchObject({ offset: 32, message: expect.stringMatching(/^MD5 checksums don't match! \(computed: 0x[0-9a-f]{32}, parsed: 0xb'[0-9a-f]{32}'\)/) });
    expect(failure(() => binaryToTable(nvs, true))).toMatchObject({ message: expect.stringMatching(/^Partition table is missing an end-of-table marker/) });
    expect(failure(() => binaryToTable(Uint8Array.from([...nvs, 0xaa, 0x50]), true))).toMatchObject({ offset: 32, message: expect.stringMatching(/multiple of 32 bytes/) });
    expect(failure(() => binaryToTable(specTable([nvs], true), false))).toMatchObject({ offset: 32, reason: "Invalid magic bytes (b'\\xeb\\xeb') for partition definition" });
    const badName = specRow(Uint8Array.from([0x6e, 0xff, 0x73]), 1, 2, 0x9000, 0x6000, 0);
    expect(failure(() => binaryToTable(specTable([nvs, badName], true), true))).toMatchObject({ offset: 32 + 13, message: expect.stringMatching(/not valid UTF-8/) });
  });

  it('a real table cut before its end marker keeps gen_esp32part.py\'s words and says where it was truncated', () => {
    // partitions_two_ota: six entries (0x0-0xBF), the MD5 row at 0xC0, 0xFF from 0xE0.
    const real = new Uint8Array(readFileSync(sharedPath('conformance/esp32/cases/idf-two-ota/expected.bin')));
    const hexOf = (n: number) => `0x${n.toString(16).toUpperCase()}`;
    for (let length = 2; length < 0xe0; length++) {
      const error = failure(() => binaryToTable(real.subarray(0, length), true));
      const entry = length - (length % 32);
      if (length % 32 !== 0) {
        expect(error, String(length)).toMatchObject({ offset: entry, reason: 'Partition table length must be a multiple of 32 bytes', note: `the file is truncated at ${hexOf(length)}, ${length % 32} bytes into the entry at ${hexOf(entry)}` });
      } else {
        const entries = Math.min(length / 32, 6);
        expect(error, String(length)).toMatchObject({ offset: length, reason: 'Partition table is missing an end-of-table marker', note: `the file is truncated at ${hexOf(length)}, after ${entries} entr${entries === 1 ? 'y' : 'ies'}` });
      }
    }
    // A table of the full 0xC00 bytes without a marker is not cut: the tool's words alone.
    const full = new Uint8Array(0xc00);
    for (let at = 0; at < 0xc00; at += 32) full.set(real.subarray(0, 32), at);
    expect(failure(() => binaryToTable(full, false))).toMatchObject({ reason: 'Partition table is missing an end-of-table marker', note: undefined });
  });

  it('round-trips a 16-byte name and reads a name cut inside a character as invalid UTF-8', () => {
    const sixteen = tableToBinary({ entries: [entry('exactly16bytes!!', 1, 2, 0x9000, 0x6000)] }, true);
    expect(binaryToTable(sixteen, true).table.entries[0].name).toBe('exactly16bytes!!');
    const cut = tableToBinary({ entries: [entry('abcdefghijklmnoé', 1, 2, 0x9000, 0x6000)] }, true);
    expect(() => binaryToTable(cut, true)).toThrow(Esp32Error);
  });
});

describe('telling a binary table from CSV text', () => {
  it('takes AA 50, an MD5 row first (empty table) or an end-of-table row first', () => {
    expect(isBinaryTable(Uint8Array.from([0xaa, 0x50]))).toBe(true);
    expect(isBinaryTable(tableToBinary({ entries: [] }, true))).toBe(true);
    expect(isBinaryTable(tableToBinary({ entries: [] }, false))).toBe(true);
    expect(isBinaryTable(utf8('nvs,data,nvs,,0x6000\n'))).toBe(false);
    expect(isBinaryTable(new Uint8Array(0))).toBe(false);
  });

  it('reads an empty table back as an empty table', () => {
    expect(binaryToTable(tableToBinary({ entries: [] }, true), true).table.entries).toEqual([]);
  });
});
