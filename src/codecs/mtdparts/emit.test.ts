import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { emitMtdparts, emitMtdpartsList } from './emit';
import { parseMtdparts, parseMtdpartsList } from './parse';
import type { MtdDevice, MtdPartition } from './records';

const bytes = fc.oneof(
  fc.integer({ min: 1, max: 0xffff }),
  fc.integer({ min: 1, max: 0x4000 }).map((n) => n * 0x1000),
  fc.integer({ min: 1, max: 64 }).map((n) => n * 2 ** 30),
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
);

const partition = (last: boolean): fc.Arbitrary<MtdPartition> =>
  fc.record(
    {
      size: last ? fc.oneof(bytes, fc.constant('rest' as const)) : bytes,
      offset: fc.option(fc.oneof(fc.constant(0), bytes), { nil: undefined }),
      name: fc.option(fc.string({ maxLength: 12 }).filter((name) => !/[)\0]/.test(name)), { nil: undefined }),
      readOnly: fc.boolean(),
      lock: fc.boolean(),
      slc: fc.boolean(),
    },
    { requiredKeys: ['size', 'readOnly', 'lock', 'slc'] },
  );

const partitions = fc
  .tuple(fc.array(partition(false), { maxLength: 6 }), partition(true))
  .map(([head, last]) => [...head, last]);

const device: fc.Arbitrary<MtdDevice> = fc.record({
  id: fc.string({ maxLength: 10 }).filter((id) => !/[;(\0]/.test(id) && !id.startsWith('mtdparts=')),
  partitions,
});

const options = fc.record({ style: fc.constantFrom('hex' as const, 'short' as const), prefix: fc.boolean() });

describe('emitMtdparts', () => {
  it('writes the SigmaStar/U-Boot hex form, the first offset with @', () => {
    const devices: MtdDevice[] = [
      {
        id: 'nand0',
        partitions: [
          { size: 0x140000, offset: 0, name: 'CIS', readOnly: false, lock: false, slc: false },
          { size: 0x60000, name: 'IPL0', readOnly: false, lock: false, slc: false },
          { size: 'rest', name: 'UBI', readOnly: true, lock: false, slc: false },
        ],
      },
    ];
    expect(emitMtdparts(devices)).toBe('mtdparts=nand0:0x140000@0x0(CIS),0x60000(IPL0),-(UBI)ro');
    expect(emitMtdparts(devices, { style: 'short', prefix: false })).toBe('nand0:1280k@0(CIS),384k(IPL0),-(UBI)ro');
  });

  it('refuses records that would not read back the same', () => {
    const base: MtdPartition = { size: 0x1000, readOnly: false, lock: false, slc: false };
    expect(() => emitMtdpartsList([{ ...base, size: 'rest' }, base])).toThrow(/must be the last/);
    expect(() => emitMtdpartsList([{ ...base, size: 0 }])).toThrow(FormatError);
    expect(() => emitMtdpartsList([{ ...base, size: 2 ** 53 }])).toThrow(/2\^53 - 1/);
    expect(() => emitMtdpartsList([{ ...base, offset: -1 }])).toThrow(FormatError);
    expect(() => emitMtdpartsList([{ ...base, name: 'a)b' }])).toThrow(/cannot hold "\)"/);
    expect(() => emitMtdpartsList([])).toThrow(/at least one partition/);
    expect(() => emitMtdparts([{ id: 'a(b', partitions: [base] }])).toThrow(/mtd-id/);
    expect(() => emitMtdparts([{ id: 'mtdparts=x', partitions: [base] }], { prefix: false })).toThrow(/prefix/);
    expect(() => emitMtdparts([])).toThrow(/at least one device/);
  });

  it('round-trips: devices -> emit -> parse gives the same devices, and emitting again is stable', () => {
    fc.assert(
      fc.property(fc.array(device, { minLength: 1, maxLength: 4 }), options, (devices, style) => {
        const text = emitMtdparts(devices, style);
        const parsed = parseMtdparts(text);
        expect(parsed).toEqual(devices);
        expect(emitMtdparts(parsed, style)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips bare partition lists', () => {
    fc.assert(
      fc.property(partitions, options, (list, style) => {
        expect(parseMtdpartsList(emitMtdpartsList(list, style))).toEqual(list);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseMtdparts on hostile input', () => {
  const onlyFormatErrors = (text: string) => {
    try {
      parseMtdparts(text);
    } catch (error) {
      expect(error).toBeInstanceOf(FormatError);
      const { column } = error as FormatError;
      expect(column).toBeGreaterThanOrEqual(1);
      expect(column).toBeLessThanOrEqual(text.length + 1);
    }
  };

  it('random text (up to 200 characters of the grammar and others) gives a result or a located FormatError', () => {
    const alphabet = fc.constantFrom(...'0123456789xXabcdefkKmMgGtTpPeE@()-,;:=rolksc \0'.split(''));
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 200 }).map((chars) => chars.join('')), onlyFormatErrors), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ maxLength: 200 }), onlyFormatErrors), { numRuns: 500 });
  });

  it('truncations and single-character changes of valid strings give only FormatErrors', () => {
    fc.assert(
      fc.property(fc.array(device, { minLength: 1, maxLength: 3 }), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (devices, at, char) => {
        const text = emitMtdparts(devices);
        const cut = at % (text.length + 1);
        onlyFormatErrors(text.slice(0, cut));
        onlyFormatErrors(text.slice(0, cut) + char + text.slice(cut + 1));
      }),
      { numRuns: 1000 },
    );
  });

  it('a 2 MB string of digits, of separators or of open parentheses fails at a column without a hang', () => {
    for (const text of [`nand0:${'9'.repeat(2_000_000)}`, `nand0:1${','.repeat(2_000_000)}`, `nand0:${'('.repeat(2_000_000)}`, ';'.repeat(2_000_000), `${':'.repeat(2_000_000)}1(`]) {
      expect(() => parseMtdparts(text)).toThrow(FormatError);
    }
  });
});
