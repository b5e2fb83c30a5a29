/** Number syntax: Python's int(text, 0) plus the tool's K/M suffixes (spec §3.3); output forms (§8). */
import { describe, expect, it } from 'vitest';
import { formatMiB1, formatSize, parseIntField, parsePyInt, pyStrip } from './numbers';

describe('parsePyInt (Python int(text, 0))', () => {
  it.each([
    ['0', 0n],
    ['00', 0n],
    ['0_0', 0n],
    ['36864', 36864n],
    ['1_000', 1000n],
    ['0x9000', 0x9000n],
    ['0X9000', 0x9000n],
    ['0x6_000', 0x6000n],
    ['0x_1f', 0x1fn],
    ['0o17', 15n],
    ['0b101', 5n],
    ['-0x1000', -4096n],
    ['+5', 5n],
    [' \t7\n', 7n],
    ['٣', 3n],
    ['0x１', 1n],
    ['１０', 10n],
  ])('%j is %s', (text, value) => {
    expect(parsePyInt(text)).toBe(value);
  });

  it.each(['', '036864', '07', '0x', '_1', '1_', '1__0', '0x_', '1.5', '- 5', '1e3', 'abc', '0b2', '0o8', '0１', '1'.repeat(4301)])('%j is not an integer', (text) => {
    expect(parsePyInt(text)).toBeUndefined();
  });

  it('reads base 16 with or without the 0x prefix', () => {
    expect(parsePyInt('40', 16)).toBe(0x40n);
    expect(parsePyInt('0x41', 16)).toBe(0x41n);
    expect(parsePyInt('0xg', 16)).toBeUndefined();
  });

  it('exceeds 2^53 exactly (BigInt)', () => {
    expect(parsePyInt('0x1_0000_0000_0000_0001')).toBe(2n ** 64n + 1n);
  });
});

describe('parseIntField (K/M suffixes, keywords)', () => {
  const keywords = { byName: new Map([['nvs', 2], ['ota', 0]]), names: ['nvs', 'ota'] };

  it.each([
    ['4K', 4096n],
    ['4k', 4096n],
    ['1M', 1048576n],
    ['0x10k', 0x4000n],
    ['0x2M', 0x200000n],
    ['1kk', 1048576n],
    ['4 K', 4096n],
    ['0kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk', 0n],
  ])('%j is %s', (text, value) => {
    expect(parseIntField(text)).toEqual({ ok: true, value });
  });

  it('rejects fractions and garbage with the tool wording', () => {
    expect(parseIntField('1.5M')).toEqual({ ok: false, reason: 'Invalid field value 1.5' });
    expect(parseIntField('N/A')).toEqual({ ok: false, reason: 'Invalid field value N/A' });
  });

  it('looks up keywords case-insensitively and lists them when unknown', () => {
    expect(parseIntField('NVS', keywords)).toEqual({ ok: true, value: 2n });
    expect(parseIntField('0x3', keywords)).toEqual({ ok: true, value: 3n });
    expect(parseIntField('fat', keywords)).toEqual({ ok: false, reason: "Value 'fat' is not valid. Known keywords: nvs, ota" });
  });

  it('treats a value with a huge multiplier as out of range rather than looping', () => {
    const result = parseIntField('1' + 'm'.repeat(900));
    expect(result.ok && result.value > 2n ** 64n).toBe(true);
  });

  it('gives up, as the tool does with a RecursionError, on more than 992 suffixes', () => {
    expect(parseIntField('0' + 'k'.repeat(992))).toEqual({ ok: true, value: 0n });
    expect(parseIntField('0' + 'k'.repeat(993))).toMatchObject({ ok: false, crash: true });
  });
});

describe('output forms', () => {
  it.each([
    [0, '0M'],
    [0x100000, '1M'],
    [0x1b0000, '1728K'],
    [0x6000, '24K'],
    [0x36fffc, '0x36fffc'],
    [0x1800, '6K'],
    [0x3ff, '0x3ff'],
  ])('size %i prints as %s', (value, text) => {
    expect(formatSize(value)).toBe(text);
  });

  it("rounds the flash-size message's MB like Python's %.1f (ties to even)", () => {
    expect(formatMiB1(4 * 1048576 + 1)).toBe('4.0');
    expect(formatMiB1(0x440000)).toBe('4.2'); // 4.25 exactly
    expect(formatMiB1(0x460000)).toBe('4.4'); // 4.375 → 4.4
    expect(formatMiB1(0x4c0000)).toBe('4.8'); // 4.75 exactly, tie to even
  });

  it("strips Python's whitespace, not JavaScript's", () => {
    expect(pyStrip('\u001c a \u0085')).toBe('a');
    expect(pyStrip('\ufeffa')).toBe('\ufeffa');
  });
});
