import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alignDown, alignUp, bytes, formatHex, formatHexPadded, formatHuman, isAligned, parseBytes } from './units';

const TWO_53 = 2 ** 53;

function parsed(text: string): number {
  const result = parseBytes(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error}`);
  return result.value;
}

function rejection(text: string): string {
  const result = parseBytes(text);
  if (result.ok) throw new Error(`expected "${text}" to be rejected, got ${result.value}`);
  return result.error;
}

describe('parseBytes', () => {
  it.each([
    ['0x1F000', 126976],
    ['0x1f000', 126976],
    ['126976', 126976],
    ['0', 0],
    ['64K', 64 * 1024],
    ['4M', 4 * 1024 * 1024],
    ['1G', 1024 * 1024 * 1024],
    ['2T', 2 * 1024 ** 4],
    ['4 MiB', 4 * 1024 * 1024],
    ['4MiB', 4 * 1024 * 1024],
    ['16KB', 16 * 1024],
    ['24k', 24 * 1024],
    ['512B', 512],
    ['1_048_576', 1048576],
    ['0x10_0000', 0x100000],
    ['  0x8000  ', 0x8000],
  ])('reads %j as %d', (text, value) => {
    expect(parsed(text)).toBe(value);
  });

  it('uses 1024-based units, not 1000-based', () => {
    expect(parsed('1K')).toBe(1024);
    expect(parsed('1M')).toBe(1048576);
    expect(parsed('1G')).toBe(1073741824);
  });

  it.each([
    ['', /nothing/],
    ['   ', /nothing/],
    ['-4K', /negative/],
    ['-1', /negative/],
    ['1.5M', /fractional/],
    ['0.5', /fractional/],
    ['4X', /unknown unit "X"/],
    ['4 PiB', /unknown unit "PiB"/],
    ['abc', /not a byte count/],
    ['0x', /not a byte count|unknown unit/],
    ['1e6', /not a byte count/],
    ['4M4', /not a byte count/],
    ['+4', /not a byte count/],
  ])('rejects %j with a clear message', (text, message) => {
    expect(rejection(text)).toMatch(message);
  });

  it('accepts 2^53 - 1 and rejects 2^53 rather than rounding', () => {
    expect(parsed('9007199254740991')).toBe(TWO_53 - 1);
    expect(parsed('0x1FFFFFFFFFFFFF')).toBe(TWO_53 - 1);
    expect(rejection('9007199254740992')).toMatch(/too large/);
    expect(rejection('0x20000000000000')).toMatch(/too large/);
    // 2^53 + 1 would round to 2^53 as a float; it must be refused, not silently changed.
    expect(rejection('9007199254740993')).toMatch(/too large/);
    expect(rejection('8388608T')).toMatch(/too large/); // 2^23 TiB = 2^63
  });

  it('keeps values above 2^32 exact', () => {
    expect(parsed('0x100000000')).toBe(4294967296);
    expect(parsed('0x1_0000_1000')).toBe(4294967296 + 4096);
    expect(parsed('10G')).toBe(10 * 1073741824);
  });

  it('reads back every hex and decimal rendering of a safe integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (value) => {
        expect(parsed('0x' + value.toString(16))).toBe(value);
        expect(parsed(String(value))).toBe(value);
      }),
    );
  });

  it('multiplies a unit suffix exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 33 }), (kib) => {
        expect(parsed(`${kib}K`)).toBe(kib * 1024);
        expect(parsed(`${kib} KiB`)).toBe(kib * 1024);
      }),
    );
  });

  it('bytes() throws the same message for bad literals', () => {
    expect(bytes('64K')).toBe(65536);
    expect(() => bytes('1.5M')).toThrow(/fractional/);
  });
});

describe('formatHex', () => {
  it('prints upper-case digits with a lower-case prefix and no padding', () => {
    expect(formatHex(126976)).toBe('0x1F000');
    expect(formatHex(0)).toBe('0x0');
    expect(formatHex(0xabcdef)).toBe('0xABCDEF');
  });

  it('prints values above 2^32 exactly', () => {
    expect(formatHex(2 ** 32)).toBe('0x100000000');
    expect(formatHex(10 * 2 ** 30)).toBe('0x280000000');
    expect(formatHex(TWO_53 - 1)).toBe('0x1FFFFFFFFFFFFF');
  });

  it('pads to a width when asked', () => {
    expect(formatHexPadded(0x1f000)).toBe('0x0001F000');
    expect(formatHexPadded(0x1f000, 4)).toBe('0x1F000');
    expect(formatHexPadded(0, 2)).toBe('0x00');
  });
});

describe('formatHuman', () => {
  it.each([
    [0, '0 B'],
    [3, '3 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [126976, '124 KiB'],
    [4 * 1024 * 1024, '4 MiB'],
    [1024 ** 3, '1 GiB'],
    [10 * 1024 ** 3, '10 GiB'],
    [2 * 1024 ** 4, '2 TiB'],
  ])('prints %d exactly as %j', (value, text) => {
    expect(formatHuman(value)).toBe(text);
  });

  it.each([
    [1536, '1.5 KiB'],
    [0x6b0000, '6.69 MiB'], // 6848 KiB = 6.6875 MiB: the largest unit that keeps the value >= 1
    [1024 + 1, '1 KiB'], // 1.0009... rounds to two decimals, trailing zeros trimmed
    [Math.round(1.25 * 1024 * 1024), '1.25 MiB'],
    [681574 * 512, '332.8 MiB'], // 332.7998... MiB
    [1024 * 1024 + 1024 * 100, '1.1 MiB'], // 1.0977 MiB
  ])('prints %d with at most two decimals as %j', (value, text) => {
    expect(formatHuman(value)).toBe(text);
  });
});

describe('alignment helpers', () => {
  it('round up and down to a multiple', () => {
    expect(alignUp(0x1f001, 0x1000)).toBe(0x20000);
    expect(alignUp(0x20000, 0x1000)).toBe(0x20000);
    expect(alignDown(0x1ffff, 0x1000)).toBe(0x1f000);
    expect(alignUp(17, 1)).toBe(17);
    expect(alignUp(17, 0)).toBe(17);
    expect(isAligned(0x30000, 0x10000)).toBe(true);
    expect(isAligned(0x30800, 0x10000)).toBe(false);
    expect(isAligned(5, 1)).toBe(true);
  });

  it('do not wrap above 2^32', () => {
    const fourGiB = 2 ** 32;
    expect(alignUp(fourGiB + 1, 0x1000)).toBe(fourGiB + 0x1000);
    expect(alignDown(fourGiB + 0xfff, 0x1000)).toBe(fourGiB);
    expect(alignUp(5 * fourGiB + 3, 8 * 1024 * 1024)).toBe(5 * fourGiB + 8 * 1024 * 1024);
    expect(isAligned(fourGiB + 0x10000, 0x10000)).toBe(true);
  });

  it('agree with exact BigInt arithmetic on large values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 52 }), fc.integer({ min: 1, max: 2 ** 30 }), (value, alignment) => {
        const v = BigInt(value);
        const a = BigInt(alignment);
        expect(BigInt(alignDown(value, alignment))).toBe((v / a) * a);
        expect(BigInt(alignUp(value, alignment))).toBe(((v + a - 1n) / a) * a);
      }),
    );
  });
});
