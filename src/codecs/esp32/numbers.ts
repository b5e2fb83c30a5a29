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
/** Python 3.11+ refuses to convert more decimal digits than this (sys.int_info.default_max_str_digits). */
const MAX_DECIMAL_DIGITS = 4300;
const UNICODE_DIGIT = /\p{Nd}/u;

/** The value of a Unicode decimal digit: they come in runs of ten, from 0 to 9, in code point order. */
function digitValue(code: number): number {
  let first = code;
  while (first > 0 && UNICODE_DIGIT.test(String.fromCodePoint(first - 1))) first--;
  return (code - first) % 10;
}

/**
 * What Python's int() does before it reads a string: every Unicode decimal digit becomes its
 * ASCII digit and every Unicode space a plain space, so `٣` reads as 3 and `0x１` as 1.
 */
function asciiDigits(text: string): string {
  // eslint-disable-next-line no-control-regex -- only text with something outside ASCII needs the walk
  if (!/[^\x00-\x7f]/.test(text)) return text;
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) out += char;
    else if (isPySpace(char)) out += ' ';
    else if (UNICODE_DIGIT.test(char)) out += String(digitValue(code));
    else out += char;
  }
  return out;
}

/** Python's `int(text, 0)` (base 0) or `int(text, 16)`; undefined where Python raises ValueError. */
export function parsePyInt(text: string, base: 0 | 16 = 0): bigint | undefined {
  const stripped = pyStrip(asciiDigits(text));
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
  if (radix === 10 && clean.length > MAX_DECIMAL_DIGITS) return undefined;
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
  const value = BigInt(prefix + clean);
  return negative ? -value : value;
}

/**
 * Keyword → value. `byName` holds the names as the tool holds them (its built-in names are lower
 * case, extra ones as given); a field is looked up lower-cased, as the tool does, so an extra name
 * with a capital letter can never match. `names` keeps the order of the "Known keywords" list.
 */
export interface Keywords {
  byName: Map<string, number>;
  names: string[];
}

/** `crash`: the tool stops on this with a Python exception rather than its own error. */
export type FieldResult = { ok: true; value: bigint } | { ok: false; reason: string; crash?: boolean };

const K = 1024n;
const M = 1024n * 1024n;
/** Beyond this the multiplier only matters as "too large" (keeps `1kkkk…k` lines cheap). */
const HUGE = 1n << 64n;
/**
 * The tool takes suffixes off by recursion: at the depth where it reads a field, more than this
 * many exceed Python's default limit of 1000 frames and it stops with a RecursionError.
 */
const MAX_SUFFIXES = 992;

/**
 * The tool's integer fields, as its parse_int reads them: trailing k/K (×1024) and m/M (×1024²)
 * letters are taken off one by one (`0x2M` is 2 MiB, `1kk` 1 MiB), then the rest is a Python
 * integer or, failing that, a keyword. So a keyword that ends in k or m loses that letter first,
 * exactly as in the tool, and the error names what was left (`nvram` → `Value 'nvra'`).
 */
export function parseIntField(text: string, keywords?: Keywords): FieldResult {
  let rest = text;
  let multiplier = 1n;
  let suffixes = 0;
  for (;;) {
    const last = rest.slice(-1).toLowerCase();
    if (last !== 'k' && last !== 'm') break;
    rest = rest.slice(0, -1);
    if (++suffixes > MAX_SUFFIXES) return { ok: false, crash: true, reason: `Value ${text.slice(0, 40)}… has more K and M suffixes than can be read` };
    if (multiplier <= HUGE) multiplier *= last === 'k' ? K : M;
  }
  const number = parsePyInt(rest);
  if (number !== undefined) {
    if (multiplier > HUGE && number !== 0n) return { ok: true, value: number > 0n ? HUGE * HUGE : -HUGE * HUGE };
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

/** Python's `'%#x' % n` (and f"{n:#x}"): the sign goes before the 0x. */
export function pyHashHex(value: number): string {
  return value < 0 ? `-0x${(-value).toString(16)}` : `0x${value.toString(16)}`;
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

/**
 * Python's repr() of a bytes object (`b'\xeb\xeb'`), which the tool prints in some messages:
 * printable ASCII as itself, tab, newline and carriage return as escapes, other bytes as \xNN,
 * in single quotes unless only double quotes avoid escaping one.
 */
export function pyBytes(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? Array.from(data, (c) => c.charCodeAt(0)) : Array.from(data);
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'";
  const escapes: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x5c: '\\\\' };
  const body = bytes
    .map((b) => escapes[b] ?? (b === quote.charCodeAt(0) ? `\\${quote}` : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`))
    .join('');
  return `b${quote}${body}${quote}`;
}
