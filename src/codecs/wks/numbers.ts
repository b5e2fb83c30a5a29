/**
 * The value types of wic's kickstart parser (scripts/lib/wic/ksparser.py at OE-core 2aec21a4):
 * `sizetype("M")` for --size, --fixed-size and the extra spaces (k/K, M, G; a bare number is
 * MiB), `sizetype("K", True)` for --offset (s/S sectors, k/K, M, G; a bare number is KiB), plain
 * Python ints for --align (KiB) and --timeout, `overheadtype`, `systemidtype`. Python's int()
 * also takes surrounding blanks, a sign and `_` between digits; so do we, but a negative size or
 * offset (which wic would turn into a broken layout) is refused.
 */
import { GiB, KiB, MAX_BYTES, MiB } from '../../model/units';
import { quote } from '../quote';

export type Converted<T> = { ok: true; value: T } | { ok: false; reason: string };

const BLANKS = ' \t\n\r\f\v';

/**
 * Python's int(text) for ASCII digits (blanks around, a sign, `_` between digits); undefined when
 * it would raise ValueError. A loop, not a regular expression, so a 10 MB word costs no stack.
 */
export function pyInt(text: string): bigint | undefined {
  let start = 0;
  let end = text.length;
  while (start < end && BLANKS.includes(text[start])) start++;
  while (end > start && BLANKS.includes(text[end - 1])) end--;
  let negative = false;
  if (text[start] === '+' || text[start] === '-') negative = text[start++] === '-';
  if (start === end) return undefined;
  let digits = '';
  for (let i = start; i < end; i++) {
    const char = text[i];
    if (char >= '0' && char <= '9') {
      if (digits.length <= 40) digits += char;
    } else if (char !== '_' || i === start || i === end - 1 || text[i + 1] === '_' || !(text[i - 1] >= '0' && text[i - 1] <= '9')) return undefined;
  }
  // Past 40 digits the exact value no longer matters: it is far above 2^53 either way.
  const value = BigInt(digits);
  return negative ? -value : value;
}

function inRange(value: bigint, text: string, what: string): Converted<number> {
  if (value < 0n) return { ok: false, reason: `${what} ${quote(text)} is negative` };
  if (value > BigInt(MAX_BYTES)) return { ok: false, reason: `${what} ${quote(text)} is above 2^53 - 1 bytes` };
  return { ok: true, value: Number(value) };
}

/** --size, --fixed-size, --extra-space: bytes (always whole KiB). */
export function sizeBytes(text: string): Converted<number> {
  const bare = pyInt(text);
  const suffix = text.slice(-1);
  const number = bare ?? pyInt(text.slice(0, -1));
  const factors: Record<string, number> = { k: KiB, K: KiB, M: MiB, G: GiB };
  const factor = bare !== undefined ? MiB : factors[suffix];
  if (number === undefined || factor === undefined) return { ok: false, reason: `Invalid size: ${quote(text)} (a whole number with k, K, M or G; a bare number is MiB)` };
  return inRange(number * BigInt(factor), text, 'size');
}

/** --offset: bytes (always whole sectors). */
export function offsetBytes(text: string): Converted<number> {
  const bare = pyInt(text);
  const suffix = text.slice(-1);
  const number = bare ?? pyInt(text.slice(0, -1));
  const factors: Record<string, number> = { s: 512, S: 512, k: KiB, K: KiB, M: MiB, G: GiB };
  const factor = bare !== undefined ? KiB : factors[suffix];
  if (number === undefined || factor === undefined) return { ok: false, reason: `Invalid size: ${quote(text)} (a whole number with s, S, k, K, M or G; a bare number is KiB)` };
  return inRange(number * BigInt(factor), text, 'offset');
}

/** --align (KiB) and --timeout: a whole, non-negative number. */
export function wholeNumber(text: string, what: string): Converted<number> {
  const value = pyInt(text);
  if (value === undefined) return { ok: false, reason: `invalid int value: ${quote(text)}` };
  if (value < 0n) return { ok: false, reason: `${what} ${quote(text)} is negative` };
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: `${what} ${quote(text)} is above 2^53 - 1` };
  return { ok: true, value: Number(value) };
}

/** --overhead-factor: a float of at least 1. */
export function overheadFactor(text: string): Converted<number> {
  if (text.length > 64) return { ok: false, reason: `Invalid value: ${quote(text)}` };
  const trimmed = text.trim().replace(/(?<=[0-9])_(?=[0-9])/g, '');
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(trimmed)) return { ok: false, reason: `Invalid value: ${quote(text)}` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, reason: `Invalid value: ${quote(text)}` };
  if (value < 1) return { ok: false, reason: `Overhead factor should be at least 1.0, found ${quote(text)}` };
  return { ok: true, value };
}

/** --system-id: a hex byte from 0x1 to 0xFF; kept as written, as wic keeps it. */
export function systemId(text: string): Converted<string> {
  const match = text.length > 64 ? null : /^[ \t]*[+]?(?:0[xX])?([0-9a-fA-F](?:_?[0-9a-fA-F])*)[ \t]*$/.exec(text);
  const value = match ? parseInt(match[1].replace(/_/g, ''), 16) : NaN;
  if (!(value >= 1 && value <= 0xff)) return { ok: false, reason: `Invalid system type: ${quote(text)}. must be hex between 0x1 and 0xFF` };
  return { ok: true, value: text };
}

/** --diskid with an msdos table: Python's int(text, 0), 32 bits. */
export function msdosDiskId(text: string): Converted<string> {
  if (text.length > 64) return { ok: false, reason: `with --ptable msdos only 32bit integers are allowed for --diskid. ${quote(text)} could not be parsed` };
  const t = text.trim().replace(/(?<=[0-9a-fA-F])_(?=[0-9a-fA-F])/g, '');
  const match = /^[+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[1-9][0-9]*|0+)$/.exec(t);
  const value = match ? (/^[+]?0+$/.test(t) ? 0n : BigInt(match[1].replace(/^0([oO])/, '0o').replace(/^0([bB])/, '0b'))) : undefined;
  if (value === undefined || value > 0xffffffffn) return { ok: false, reason: `with --ptable msdos only 32bit integers are allowed for --diskid. ${quote(text)} could not be parsed` };
  return { ok: true, value: text };
}

/** --diskid with a GPT: what Python's uuid.UUID(text) accepts. */
export function gptDiskId(text: string): Converted<string> {
  const hex = text.replace(/^urn:/, '').replace(/^uuid:/, '').replace(/^\{|\}$/g, '').replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return { ok: false, reason: `only valid uuids are allowed for --diskid. ${quote(text)} could not be parsed` };
  return { ok: true, value: text };
}

/** The shortest spelling sizetype("M") reads back as `bytes` (G, M or K). */
export function formatSizeOption(bytes: number): string | undefined {
  if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes % KiB !== 0) return undefined;
  if (bytes !== 0 && bytes % GiB === 0) return `${bytes / GiB}G`;
  if (bytes !== 0 && bytes % MiB === 0) return `${bytes / MiB}M`;
  return `${bytes / KiB}K`;
}

/** The shortest spelling sizetype("K", True) reads back as `bytes` (G, M, K or sectors). */
export function formatOffsetOption(bytes: number): string | undefined {
  if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes % 512 !== 0) return undefined;
  if (bytes % KiB !== 0) return `${bytes / 512}s`;
  return formatSizeOption(bytes);
}
