/**
 * The 512-byte PNI against the byte layout of spec §2 (expected bytes built here from the spec's
 * table, checksum summed here), round trips, and hostile inputs that must give only FormatError.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../test-support/shared';
import { FormatError } from '../errors';
import { emitPni, parsePni, parsePniArgs, parsePniSet, pniFromArgs, type Pni } from './index';

function thrown(run: () => unknown): FormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

/** Spec §2: checksum, five u16 header fields with the record count between, 8-byte records. */
function specPni(header: number[], records: number[][]): Uint8Array {
  const bytes = new Uint8Array(512);
  const view = new DataView(bytes.buffer);
  const [spare, page, pages, blocks, unit] = header;
  [spare, page, pages, blocks, records.length, unit].forEach((value, i) => view.setUint16(4 + 2 * i, value, true));
  records.forEach((fields, i) => fields.forEach((value, k) => view.setUint16(16 + 8 * i + 2 * k, value, true)));
  let sum = 0;
  for (let i = 4; i < 512; i++) sum += bytes[i];
  view.setUint32(0, sum, true);
  return bytes;
}

const pni: Pni = {
  header: { spareByteCount: 64, pageByteCount: 2048, blockPageCount: 64, blockCount: 1024, unitByteCount: 8 },
  records: [
    { startBlock: 0, blockCount: 10, partType: 0x20, backupBlockCount: 0 },
    { startBlock: 10, blockCount: 1, partType: 0x03, backupBlockCount: 2 },
    { startBlock: 0xffff, blockCount: 0xffff, partType: 0xc000, backupBlockCount: 0xffff },
  ],
};

describe('writing and reading', () => {
  it('lays the PNI out as spec §2 says, and reads it back', () => {
    const expected = specPni([64, 2048, 64, 1024, 8], [[0, 10, 0x20, 0], [10, 1, 3, 2], [0xffff, 0xffff, 0xc000, 0xffff]]);
    expect(emitPni(pni)).toEqual(expected);
    expect(parsePni(expected)).toEqual({
      ...pni,
      checksum: new DataView(expected.buffer).getUint32(0, true),
      warnings: ['PNI record 2 (type 0xc000) ends at block 196605, past the 1024 blocks of the flash'],
    });
  });

  it('holds 62 records and refuses a 63rd or a field above 16 bits', () => {
    const full = { ...pni, records: Array.from({ length: 62 }, (_, i) => ({ startBlock: i, blockCount: 1, partType: 1, backupBlockCount: 0 })) };
    expect(parsePni(emitPni(full)).records).toHaveLength(62);
    expect(thrown(() => emitPni({ ...full, records: [...full.records, full.records[0]] })).message).toMatch(/at most 62 records, found 63/);
    expect(thrown(() => emitPni({ ...pni, records: Array(10_000).fill(pni.records[0]) })).message).toMatch(/found 10000/);
    expect(thrown(() => emitPni({ ...pni, records: [{ ...pni.records[0], blockCount: 0x10000 }] })).message).toMatch(/PNI record 0 blockCount 65536 does not fit in 16 bits/);
    expect(thrown(() => emitPni({ ...pni, header: { ...pni.header, pageByteCount: -1 } })).message).toMatch(/u16_PageByteCnt/);
  });

  it('reports a bad checksum, a count above 62 and a wrong length with their offsets', () => {
    const bytes = emitPni(pni);
    const flipped = bytes.slice();
    flipped[300] = 1;
    expect(thrown(() => parsePni(flipped))).toMatchObject({ offset: 0, message: expect.stringMatching(/checksum at 0x0 is 0x[0-9A-F]+, but the bytes 0x4..0x1FF add up to 0x[0-9A-F]+/) });
    const many = specPni([64, 2048, 64, 1024, 8], []);
    const view = new DataView(many.buffer);
    view.setUint16(12, 63, true);
    view.setUint32(0, view.getUint32(0, true) + 63, true);
    expect(thrown(() => parsePni(many))).toMatchObject({ offset: 12, message: expect.stringMatching(/record count at 0xC is 63; a PNI holds at most 62/) });
    expect(thrown(() => parsePni(bytes.subarray(0, 100)))).toMatchObject({ offset: 100 });
    expect(thrown(() => parsePni(new Uint8Array(513)))).toMatchObject({ offset: 512, message: expect.stringMatching(/found 513$/) });
  });

  it('warns about bytes after the last record, which a rewrite drops', () => {
    const bytes = specPni([64, 2048, 64, 1024, 8], [[0, 1, 0x20, 0]]);
    bytes[100] = 7;
    new DataView(bytes.buffer).setUint32(0, new DataView(bytes.buffer).getUint32(0, true) + 7, true);
    expect(parsePni(bytes).warnings).toEqual(['bytes after the last record are not zero (first at 0x64); they are not kept']);
  });

  it('locates an error in a set of PNIs in the whole input', () => {
    const two = new Uint8Array(1024);
    two.set(emitPni(pni));
    two.set(emitPni(pni), 512);
    expect(parsePniSet(two)).toHaveLength(2);
    two[700] ^= 1;
    expect(thrown(() => parsePniSet(two))).toMatchObject({ offset: 512, message: expect.stringMatching(/^PNI 1 \(at 0x200\): PNI checksum/) });
    // Cut: located where the input ends, as a cut single PNI is.
    expect(thrown(() => parsePniSet(new Uint8Array(700)))).toMatchObject({ offset: 700, message: expect.stringMatching(/whole number of 512-byte PNIs, but the input ends at 0x2BC, 188 bytes into PNI 1: the file is truncated$/) });
    expect(() => parsePniSet(new Uint8Array(0))).toThrow(FormatError);
  });
});

const u16 = fc.integer({ min: 0, max: 0xffff });
const record = fc.record({ startBlock: u16, blockCount: u16, partType: u16, backupBlockCount: u16 });
const anyPni: fc.Arbitrary<Pni> = fc.record({
  header: fc.record({ spareByteCount: u16, pageByteCount: u16, blockPageCount: u16, blockCount: u16, unitByteCount: u16 }),
  records: fc.array(record, { maxLength: 62 }),
});

function onlyFormatErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    expect(error.message.length).toBeLessThan(400);
  }
}

describe('properties', () => {
  it('records → emit → parse gives the same PNI, and emit(parse(emit(x))) is emit(x)', () => {
    fc.assert(
      fc.property(anyPni, (value) => {
        const bytes = emitPni(value);
        const parsed = parsePni(bytes);
        expect({ header: parsed.header, records: parsed.records }).toEqual(value);
        expect(emitPni(parsed)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('random 512-byte inputs give only FormatError (almost always the checksum)', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 512, maxLength: 512 }), (bytes) => onlyFormatErrors(() => parsePni(bytes))), { numRuns: 300 });
  });

  it('random inputs with a correct checksum give only FormatError, at most 62 records and a few warnings per record', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 512, maxLength: 512 }), (bytes) => {
        let sum = 0;
        for (let i = 4; i < 512; i++) sum += bytes[i];
        new DataView(bytes.buffer).setUint32(0, sum, true);
        onlyFormatErrors(() => {
          const parsed = parsePni(bytes);
          expect(parsed.records.length).toBeLessThanOrEqual(62);
          expect(parsed.warnings.length).toBeLessThanOrEqual(2 * 62 + 2);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a real PARTINFO.pni cut anywhere is reported truncated where it ends; a cut set names the PNI', () => {
    const real = new Uint8Array(readFileSync(sharedPath('conformance/sstar/cases/pni-doc-example/PARTINFO.pni')));
    for (let length = 0; length < 512; length++) {
      const hexEnd = `0x${length.toString(16).toUpperCase()}`;
      expect(thrown(() => parsePni(real.subarray(0, length))), String(length)).toMatchObject({ offset: length, message: `a PNI is 512 bytes (a 16-byte header and 62 records of 8 bytes), but the input ends at ${hexEnd}: the file is truncated` });
    }
    const set = new Uint8Array(readFileSync(sharedPath('corpus/sstar/vendor-bin/PARTITION_v2_default.pni')));
    expect(thrown(() => parsePniSet(set.subarray(0, 1000)))).toMatchObject({ offset: 1000, message: 'a set of PNIs is a whole number of 512-byte PNIs, but the input ends at 0x3E8, 488 bytes into PNI 1: the file is truncated' });
  });

  it('bit flips and truncations of a valid PNI give only FormatError', () => {
    const valid = emitPni(pni);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 512 * 8 - 1 }), { minLength: 1, maxLength: 16 }), fc.integer({ min: 0, max: 1024 }), (bits, length) => {
        const flipped = valid.slice();
        for (const bit of bits) flipped[Math.floor(bit / 8)] ^= 2 ** (bit % 8);
        onlyFormatErrors(() => parsePni(flipped));
        const resized = new Uint8Array(length);
        resized.set(valid.subarray(0, Math.min(length, 512)));
        onlyFormatErrors(() => parsePni(resized));
        onlyFormatErrors(() => parsePniSet(resized));
      }),
      { numRuns: 300 },
    );
  });

  it('random command lines give only FormatError, and whatever they generate writes a PNI', () => {
    const word = fc.oneof(
      fc.constantFrom('-s', '-p', '-b', '-k', '-u', '-l', '-t', '-y', '-o', '-r', '--', '64', '0x20000', '2048', '0', '65536', 'out.pni', ''),
      fc.array(fc.constantFrom(...'0x12fF(),@-AB9 '.split(''), 'IPL0', '0x20000(CIS)', '-(UBI)', '1'), { maxLength: 60 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 16 }), (argv) => {
        onlyFormatErrors(() => {
          const layout = pniFromArgs(parsePniArgs(argv));
          expect(layout.entries.length).toBeLessThanOrEqual(62);
          expect(emitPni(layout.pni)).toHaveLength(512);
        });
      }),
      { numRuns: 500 },
    );
  });
});
