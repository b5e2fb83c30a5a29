/**
 * Numbers as gen_esp32part.py reads and writes them. Reading follows Python's `int(text, 0)`
 * (decimal, 0x/0o/0b prefixes, `_` between digits, a sign, surrounding whitespace; a decimal with a
 * leading zero is invalid) plus the tool's K/M suffixes. Values are exact (BigInt) until they are
 * known to fit in a JavaScript number.
 */

/** The characters Python's str.strip() removes (str.isspace), which differ from String.trim(). */
const PY_SPACE = '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

export function isPySpace(char: string): boolean {
  return char.length === 1 && PY_SPACE.includes(char);
}

/** Python's str.strip(): unlike String.trim() it keeps U+FEFF and removes U+001C..U+001F and U+0085. */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPySpace(text[start])) start++;
  while (end > start && isPySpace(text[end - 1])) end--;
  return text.slice(start, end);
}

const PREFIXED: Array<[RegExp, number]> = [
  [/^0[xX]((?:_?[0-9a-fA-F])+)$/, 16],
  [/^0[oO]((?:_?[0-7])+)$/, 8],
  [/^0[bB]((?:_?[01])+)$/, 2],
];
const DECIMAL = /^([1-9](?:_?[0-9])*|0(?:_?0)*)$/;
const BARE_HEX = /^([0-9a-fA-F](?:_?[0-9a-fA-F])*)$/;

/** Python's `int(text, 0)` (base 0) or `int(text, 16)`; undefined where Python raises ValueError. */
export function parsePyInt(text: string, base: 0 | 16 = 0): bigint | undefined {
  const stripped = pyStrip(text);
  const negative = stripped.startsWith('-');
  const body = stripped.startsWith('-') || stripped.startsWith('+') ? stripped.slice(1) : stripped;
  let digits: string | undefined;
  let radix = 10;
  if (base === 16) {
    digits = (PREFIXED[0][0].exec(body) ?? BARE_HEX.exec(body))?.[1];
    radix = 16;
  } else {
    for (const [pattern, patternRadix] of PREFIXED) {
      const match = pattern.exec(body);
      if (match) [digits, radix] = [match[1], patternRadix];
    }
    if (digits === undefined) digits = DECIMAL.exec(body)?.[1];
  }
  if (digits === undefined) return undefined;
  const clean = digits.replace(/_/g, '');
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
  const value = BigInt(prefix + clean);
  return negative ? -value : value;
}

/** Keyword → value, looked up by lower-case name; `names` keeps the display order for messages. */
export interface Keywords {
  byName: Map<string, number>;
  names: string[];
}

export type FieldResult = { ok: true; value: bigint } | { ok: false; reason: string };

const K = 1024n;
const M = 1024n * 1024n;
/** Beyond this the multiplier only matters as "too large" (keeps `1kkkk…k` lines cheap). */
const HUGE = 1n << 64n;

/**
 * The tool's integer fields: a Python integer, optionally followed by k/K (×1024) or m/M (×1024²)
 * letters (applied repeatedly, `0x2M` is 2 MiB), or a keyword when one is given. A full keyword
 * match is tried first, so an extra subtype named like `my_fsm` works (the tool would strip the `m`).
 */
export function parseIntField(text: string, keywords?: Keywords): FieldResult {
  const exact = keywords?.byName.get(text.toLowerCase());
  if (exact !== undefined) return { ok: true, value: BigInt(exact) };
  let rest = text;
  let multiplier = 1n;
  let huge = false;
  for (;;) {
    const last = rest.slice(-1).toLowerCase();
    if (last !== 'k' && last !== 'm') break;
    rest = rest.slice(0, -1);
    if (!huge) multiplier *= last === 'k' ? K : M;
    if (multiplier > HUGE) huge = true;
  }
  const number = parsePyInt(rest);
  if (number !== undefined) {
    if (huge && number !== 0n) return { ok: true, value: number > 0n ? HUGE * HUGE : -HUGE * HUGE };
    return { ok: true, value: number * multiplier };
  }
  if (!keywords || keywords.names.length === 0) return { ok: false, reason: `Invalid field value ${rest}` };
  const keyword = keywords.byName.get(rest.toLowerCase());
  if (keyword !== undefined) return { ok: true, value: BigInt(keyword) * multiplier };
  return { ok: false, reason: `Value '${rest}' is not valid. Known keywords: ${keywords.names.join(', ')}` };
}

/** Python's `'%x' % n`: lower-case hex, a minus sign before negative values. */
export function pyHex(value: number): string {
  return value < 0 ? `-${(-value).toString(16)}` : value.toString(16);
}

/** `0x9000`: how the tool prints offsets. */
export function formatOffset(value: number): string {
  return `0x${pyHex(value)}`;
}

/** Sizes in the normalised CSV: `<n>M` when a whole number of MiB, else `<n>K`, else hex (0 is `0M`). */
export function formatSize(value: number): string {
  if (value % 0x100000 === 0) return `${value / 0x100000}M`;
  if (value % 0x400 === 0) return `${value / 0x400}K`;
  return formatOffset(value);
}

/**
 * Python's `'%.1f' % (bytes / 2**20)`: the quotient is exact in binary, so a tie rounds to even
 * (4.25 → "4.2"), which toFixed(1) would round up.
 */
export function formatMiB1(bytes: number): string {
  const scaled = BigInt(bytes) * 10n;
  const unit = 1n << 20n;
  let tenths = scaled / unit;
  const twice = (scaled % unit) * 2n;
  if (twice > unit || (twice === unit && tenths % 2n === 1n)) tenths += 1n;
  return `${tenths / 10n}.${tenths % 10n}`;
}
