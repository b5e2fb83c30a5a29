/**
 * The 4096-byte table against the byte layout of spec §1 (expected bytes are built here from the
 * spec's field table, not from our writer), and every way a table can be malformed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../test-support/shared';
import { FormatError } from '../errors';
import { emitMxp, parseMxp, mxpRecord, type MxpRecord } from './index';

function thrown(run: () => unknown): FormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** A record exactly as spec §1 lays it out, with mxpgenerator's fill. */
function specRecord(fields: { name?: string; type?: number; start?: number; size?: number; status?: number; unused?: boolean }): Uint8Array {
  const bytes = new Uint8Array(136).fill(0xff);
  const view = new DataView(bytes.buffer);
  bytes.set(ascii('MXPT'), 0);
  bytes[4] = 1;
  bytes[5] = fields.type ?? 0;
  bytes[6] = 0;
  if (!fields.unused) {
    view.setBigUint64(8, BigInt(fields.start ?? 0), true);
    view.setBigUint64(16, BigInt(fields.size ?? 0), true);
  }
  bytes.fill(0, 32, 64);
  bytes.set(ascii(fields.name ?? ''), 32);
  bytes[124] = fields.status ?? 0;
  bytes.set(ascii('TPXM'), 125);
  return bytes;
}

function specTable(records: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(4096).fill(0xff);
  for (let i = 0; i < 30; i++) bytes.set(i < records.length ? records[i] : specRecord({ unused: true }), i * 136);
  return bytes;
}

describe('writing', () => {
  it('lays records out as spec §1 says, with the empty template after them and 16 bytes of 0xFF', () => {
    const records = [mxpRecord('IPL', 0, 0x10000, 1), mxpRecord('BOOT', 0, 0x10000, 3), mxpRecord('KERNEL', 0x10000, 0x200000, 3)];
    expect(emitMxp(records)).toEqual(
      specTable([specRecord({ name: 'IPL', type: 1, start: 0, size: 0x10000 }), specRecord({ name: 'BOOT', type: 3, size: 0x10000 }), specRecord({ name: 'KERNEL', type: 3, start: 0x10000, size: 0x200000 })]),
    );
  });

  it('writes the 64-bit start and size exactly, beyond 32 bits', () => {
    const bytes = emitMxp([mxpRecord('BIG', 2 ** 40 + 1, 2 ** 53 - 1, 3)]);
    const view = new DataView(bytes.buffer);
    expect(view.getBigUint64(8, true)).toBe(2n ** 40n + 1n);
    expect(view.getBigUint64(16, true)).toBe(2n ** 53n - 1n);
  });

  it('holds 30 records with no terminator, and refuses a 31st', () => {
    const records = Array.from({ length: 30 }, (_, i) => mxpRecord(`P${i}`, i * 0x1000, 0x1000, 3));
    const bytes = emitMxp(records);
    expect(bytes[29 * 136 + 5]).toBe(3);
    expect(bytes.subarray(4080).every((b) => b === 0xff)).toBe(true);
    expect(thrown(() => emitMxp([...records, mxpRecord('X', 0, 1, 3)])).message).toMatch(/at most 30 records .* found 31/);
  });

  it('refuses names U-Boot cannot compare, a TAG type, and values the fields cannot hold', () => {
    expect(thrown(() => emitMxp([mxpRecord('SIXTEEN_CHARS_AB', 0, 1, 3)])).message).toMatch(/16 characters; .* at most 15/);
    expect(emitMxp([mxpRecord('FIFTEEN_CHARS_A', 0, 1, 3)]).subarray(32, 48)).toEqual(Uint8Array.from([...ascii('FIFTEEN_CHARS_A'), 0]));
    expect(thrown(() => emitMxp([mxpRecord('café', 0, 1, 3)])).message).toMatch(/printable ASCII/);
    expect(thrown(() => emitMxp([mxpRecord('END', 0, 1, 0)])).message).toMatch(/TAG/);
    expect(thrown(() => emitMxp([mxpRecord('NEG', -1, 1, 3)])).message).toMatch(/start must be a whole number/);
    expect(thrown(() => emitMxp([mxpRecord('FRAC', 0, 1.5, 3)])).message).toMatch(/size must be a whole number/);
    expect(thrown(() => emitMxp([{ ...mxpRecord('T', 0, 1, 3), type: 256 }])).message).toMatch(/type 256 does not fit in 8 bits/);
    expect(thrown(() => emitMxp([{ ...mxpRecord('H', 0, 1, 3), hash: new Uint8Array(31) }])).message).toMatch(/hash must be 32 bytes, found 31/);
  });
});

describe('reading', () => {
  const used = [specRecord({ name: 'IPL', type: 1, size: 0x10000 }), specRecord({ name: 'BOOT', type: 3, size: 0x10000 }), specRecord({ name: 'KERNEL', type: 3, start: 0x10000, size: 0x10000 })];

  it('reads records up to the first TAG record and ignores the rest', () => {
    const bytes = specTable([...used, specRecord({ unused: true }), specRecord({ name: 'AFTER', type: 3, size: 1 })]);
    const table = parseMxp(bytes);
    expect(table.records.map((r) => r.name)).toEqual(['IPL', 'BOOT', 'KERNEL']);
    expect(table.warnings).toEqual(['unused MXP slots 4 differ from the empty record mxpgenerator writes; they are not kept']);
    expect(table.generation).toBe('mxpgenerator');
  });

  it('keeps what a device may have changed (status, crc32, backup, hash, block fields) and writes it back', () => {
    const record = specRecord({ name: 'KERNEL', type: 3, start: 0x10000, size: 0x10000, status: 0xf5 });
    const view = new DataView(record.buffer);
    view.setUint32(120, 0x12345678, true);
    view.setUint32(24, 7, true);
    view.setUint32(28, 8, true);
    record[7] = 0;
    record.set(ascii('KERNEL_B'), 48);
    record[64] = 0x11;
    record[96] = 0x22;
    record[130] = 0x33;
    const bytes = specTable([used[0], used[1], record]);
    const table = parseMxp(bytes);
    expect(table.records[2]).toEqual({
      ...mxpRecord('KERNEL', 0x10000, 0x10000, 3),
      status: 0xf5,
      crc32: 0x12345678,
      block: 7,
      blockCount: 8,
      padding: 0,
      backup: Uint8Array.from([...ascii('KERNEL_B'), 0, 0, 0, 0, 0, 0, 0, 0]),
      hash: Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 0x11 : 0xff)),
      reserved: Uint8Array.from({ length: 24 }, (_, i) => (i === 0 ? 0x22 : 0xff)),
      reserved2: Uint8Array.from({ length: 7 }, (_, i) => (i === 1 ? 0x33 : 0xff)),
    });
    expect(table.generation).toBe('custom');
    expect(table.warnings.join('\n')).toMatch(/record 2 \("KERNEL"\) has status 0xF5 \(expected 0x0\)/);
    expect(emitMxp(table.records)).toEqual(bytes);
  });

  it('reports a bad magic in a used record, the terminator or the last slot with its byte offset', () => {
    const bad = specTable(used);
    bad[136 + 2] = 0x41;
    expect(thrown(() => parseMxp(bad))).toMatchObject({ offset: 136, message: expect.stringMatching(/record 1 at 0x88: expected the magic "MXPT", found 4d 58 41 54/) });
    const badSuffix = specTable(used);
    badSuffix[3 * 136 + 126] = 0;
    expect(thrown(() => parseMxp(badSuffix))).toMatchObject({ offset: 3 * 136 + 125, message: expect.stringMatching(/record 3 .* "TPXM" at 0x215/) });
    const badLast = specTable(used);
    badLast[29 * 136] = 0;
    expect(thrown(() => parseMxp(badLast))).toMatchObject({ offset: 29 * 136 });
  });

  it('reports a table that is not 4096 bytes', () => {
    expect(thrown(() => parseMxp(specTable(used).subarray(0, 4095)))).toMatchObject({ offset: 4095, message: expect.stringMatching(/is 4096 bytes .* ends at 0xFFF/) });
    expect(thrown(() => parseMxp(new Uint8Array(0x10000)))).toMatchObject({ offset: 4096, message: expect.stringMatching(/found 65536: .* first 4 KiB of the MXPT partition/) });
  });

  it('a real MXP_SF.bin cut anywhere is reported truncated where it ends', () => {
    for (const file of ['conformance/sstar/cases/mxp-doc-example/MXP_SF.bin', 'corpus/sstar/vendor-bin/infinity6_MXP_SF.bin']) {
      const real = new Uint8Array(readFileSync(sharedPath(file)));
      for (const length of [0, 4, 135, 136, 137, 0x800, 4095]) {
        expect(thrown(() => parseMxp(real.subarray(0, length))), `${file} ${length}`).toMatchObject({
          offset: length,
          message: `an MXP table is 4096 bytes (30 records of 136 bytes and 16 bytes of 0xFF), but the input ends at 0x${length.toString(16).toUpperCase()}: the file is truncated`,
        });
      }
    }
  });

  it('reports names without a NUL, unprintable names and 64-bit values above 2^53 - 1', () => {
    const long = specTable([specRecord({ name: 'ABCDEFGHIJKLMNOP', type: 3 })]);
    expect(thrown(() => parseMxp(long))).toMatchObject({ offset: 32, message: expect.stringMatching(/fills all 16 bytes with no NUL/) });
    const control = specTable([specRecord({ name: 'A\nB', type: 3 })]);
    expect(thrown(() => parseMxp(control))).toMatchObject({ offset: 33, message: expect.stringMatching(/found byte 0x0a at 0x21/) });
    const huge = specTable([specRecord({ name: 'X', type: 3, size: 2 ** 53 })]);
    expect(thrown(() => parseMxp(huge))).toMatchObject({ offset: 16, message: expect.stringMatching(/above 2\^53 - 1/) });
  });

  it('warns about what a rewrite drops and what U-Boot ignores', () => {
    const junk = specRecord({ name: 'BOOT', type: 3, size: 1 });
    junk[40] = 0x45;
    const bytes = specTable([specRecord({ name: 'IPL', type: 1, size: 1 }), junk, specRecord({ name: 'K', type: 0x07, start: 1, size: 1 })]);
    bytes[4090] = 0;
    const { warnings } = parseMxp(bytes);
    expect(warnings).toEqual(
      expect.arrayContaining([
        'MXP record 1 (BOOT): the name field has non-zero bytes after its NUL; they are not kept',
        'MXP record 2 (K): type 0x07 is neither NORMAL (0x01) nor NORMAL|MTD (0x03)',
        'the 16 bytes after the last record (0xFF0) are not all 0xFF; they are not kept',
      ]),
    );
    const full = emitMxp(Array.from({ length: 30 }, (_, i) => mxpRecord(`P${i}`, i, 1, 3)));
    expect(parseMxp(full).warnings).toContain('all 30 records are used: U-Boot (part_mxp.c) loads at most 29 and ignores the last');
  });

  it('reads an empty table (U-Boot mxp t.init) as no records', () => {
    const table = parseMxp(specTable([]));
    expect(table.records).toEqual([]);
    expect(table.generation).toBe('custom');
  });

  it('labels a generator table with an MXPT record where U-Boot does not look', () => {
    const records: MxpRecord[] = [mxpRecord('MXPT', 0, 0x1000, 1), mxpRecord('BOOT', 0, 0x1000, 3), mxpRecord('K', 0x1000, 0x1000, 3)];
    const table = parseMxp(emitMxp(records));
    expect(table.generation).toBe('mxpgenerator');
    expect(table.warnings).toEqual([expect.stringMatching(/^the MXPT record starts at 0x0, where U-Boot .* probes 0xA000, 0xC000, 0xF000, 0x20000, 0x40000, 0x80000\)$/)]);
  });
});
