/**
 * Properties: records → emitMxp → parseMxp gives the same records, and rewriting is stable; lists →
 * mxpFromLists → mxpLists gives the same lists. Hostile inputs (random tables, bit flips,
 * truncations, random list text) give only a FormatError, with messages of bounded size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { emitMxp, formatMxpList, mxpFromLists, mxpLists, parseMxp, type MxpRecord } from './index';

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const listNameChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.'.split(''));

/** An optional field, dropped when it holds mxpgenerator's value (the reader omits those). */
const optionalNumber = (max: number, fill: number) => fc.option(fc.integer({ min: 0, max }), { nil: undefined }).map((v) => (v === fill ? undefined : v));
const optionalBytes = (length: number, fill: number) =>
  fc.option(fc.uint8Array({ minLength: length, maxLength: length }), { nil: undefined }).map((v) => (v === undefined || v.every((b) => b === fill) ? undefined : v));

const record: fc.Arbitrary<MxpRecord> = fc
  .record({
    name: fc.string({ unit: printable, maxLength: 15 }),
    start: fc.maxSafeNat(),
    size: fc.maxSafeNat(),
    type: fc.integer({ min: 1, max: 255 }),
    version: fc.integer({ min: 0, max: 255 }),
    format: fc.integer({ min: 0, max: 255 }),
    status: fc.integer({ min: 0, max: 255 }),
    padding: optionalNumber(0xff, 0xff),
    block: optionalNumber(0xffffffff, 0xffffffff),
    blockCount: optionalNumber(0xffffffff, 0xffffffff),
    crc32: optionalNumber(0xffffffff, 0xffffffff),
    backup: optionalBytes(16, 0x00),
    hash: optionalBytes(32, 0xff),
    reserved: optionalBytes(24, 0xff),
    reserved2: optionalBytes(7, 0xff),
  })
  .map((fields) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as unknown as MxpRecord);

function onlyFormatErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    expect(error.message.length).toBeLessThan(400);
  }
}

describe('round trips', () => {
  it('records → emit → parse gives the same records, and emit(parse(emit(x))) is emit(x)', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const bytes = emitMxp(records);
        expect(bytes).toHaveLength(4096);
        const table = parseMxp(bytes);
        expect(table.records).toEqual(records);
        expect(emitMxp(table.records)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('lists → records → lists gives the same lists and variant, and the same records again', () => {
    const name = fc.oneof(fc.string({ unit: listNameChar, minLength: 1, maxLength: 15 }), fc.constant('UBOOT_ENV')).filter((n) => n !== 'BOOT');
    const entry = fc.record({ name, size: fc.integer({ min: 0, max: 0x4000000 }) });
    const lists = fc.record({ boot: fc.array(entry, { minLength: 1, maxLength: 14 }), sys: fc.array(entry, { minLength: 1, maxLength: 15 }), envMerge: fc.boolean() });
    fc.assert(
      fc.property(lists, ({ boot, sys, envMerge }) => {
        const records = mxpFromLists(formatMxpList(boot), formatMxpList(sys), { envMerge });
        const back = mxpLists(records);
        expect([back.bootList, back.sysList]).toEqual([formatMxpList(boot), formatMxpList(sys)]);
        expect(mxpFromLists(back.bootList, back.sysList, { envMerge: back.envMerge })).toEqual(records);
        expect(parseMxp(emitMxp(records)).generation).toBe(back.envMerge ? 'mxpgenerator-env-merge' : 'mxpgenerator');
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostile inputs give only FormatError', () => {
  const valid = emitMxp(mxpFromLists('0x10000(IPL),0x10000(IPL_CUST),0x10000(MXPT),0x1F000(UBOOT),0x1000(UBOOT_ENV)', '0x200000(KERNEL),0x400000(rootfs)'));

  it('random 4096-byte tables (at most 30 records, a few warnings)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4096, maxLength: 4096 }), (bytes) => {
        onlyFormatErrors(() => {
          const table = parseMxp(bytes);
          expect(table.records.length).toBeLessThanOrEqual(30);
          expect(table.warnings.length).toBeLessThanOrEqual(40);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('random tables with every magic in place (reaching the record decoder)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4096, maxLength: 4096 }), (bytes) => {
        for (let i = 0; i < 30; i++) {
          bytes.set(valid.subarray(i * 136, i * 136 + 4), i * 136);
          bytes.set(valid.subarray(i * 136 + 125, i * 136 + 129), i * 136 + 125);
        }
        onlyFormatErrors(() => parseMxp(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('bit flips of a valid table (1 to 32 flips)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4096 * 8 - 1 }), { minLength: 1, maxLength: 32 }), (bits) => {
        const bytes = valid.slice();
        for (const bit of bits) bytes[Math.floor(bit / 8)] ^= 2 ** (bit % 8);
        onlyFormatErrors(() => {
          const table = parseMxp(bytes);
          expect(emitMxp(table.records)).toHaveLength(4096);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('truncated and overlong tables are located errors', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8192 }), (length) => {
        fc.pre(length !== 4096);
        const bytes = new Uint8Array(length);
        bytes.set(valid.subarray(0, Math.min(length, 4096)));
        let offset: number | undefined;
        try {
          parseMxp(bytes);
        } catch (error) {
          if (!(error instanceof FormatError)) throw error;
          offset = error.offset;
        }
        expect(offset).toBe(Math.min(length, 4096));
      }),
      { numRuns: 200 },
    );
  });

  it('random list text (up to 300 characters of the grammar\'s alphabet)', () => {
    const alphabet = fc.constantFrom(...'0x1fF(),@- A\t'.split(''), 'UBOOT_ENV', '0x1000(A)', ',');
    const text = fc.array(alphabet, { maxLength: 300 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, fc.boolean(), (boot, sys, envMerge) => {
        onlyFormatErrors(() => {
          const records = mxpFromLists(boot, sys, { envMerge });
          expect(records.length).toBeLessThanOrEqual(30);
          expect(emitMxp(records)).toHaveLength(4096);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('emitting 10,000 records is one FormatError', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ name: `P${i}`, start: i, size: 1, type: 3, version: 1, format: 0, status: 0 }));
    expect(() => emitMxp(many)).toThrow(FormatError);
  });
});
