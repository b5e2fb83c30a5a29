/**
 * Linux's memparse(): simple_strtoull with base 0 (`0x` hex, a leading `0` octal, else decimal)
 * followed by at most one of the binary suffixes K M G T P E in either case. Values are exact up
 * to 2^53 - 1; anything larger is refused where the number starts, instead of wrapping as the
 * kernel's 64-bit shifts would.
 */
import { FormatError } from '../errors';
import { formatHex, MAX_BYTES } from '../../model/units';

const SUFFIX_SHIFT: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 };

export interface MemSize {
  value: number;
  /** Index just after the number and its suffix. */
  end: number;
}

function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return 99;
}

/** The number at `start`, or undefined when no digit is there (the kernel would read 0). */
export function memparse(text: string, start: number, what: string): MemSize | undefined {
  let index = start;
  let base = 10;
  if (text[index] === '0' && (text[index + 1] === 'x' || text[index + 1] === 'X') && digitValue(text.charCodeAt(index + 2)) < 16) {
    base = 16;
    index += 2;
  } else if (text[index] === '0') {
    base = 8;
  }
  const first = index;
  let value = 0;
  while (index < text.length && digitValue(text.charCodeAt(index)) < base) {
    value = value * base + digitValue(text.charCodeAt(index));
    if (value > MAX_BYTES) throw tooLarge(text, start, what);
    index++;
  }
  if (index === first) return undefined;
  const shift = SUFFIX_SHIFT[(text[index] ?? '').toLowerCase()];
  if (shift !== undefined) {
    value *= 1024 ** shift;
    index++;
    if (value > MAX_BYTES) throw tooLarge(text, start, what);
  }
  return { value, end: index };
}

function tooLarge(text: string, start: number, what: string): FormatError {
  let end = start;
  while (end < text.length && end - start < 40 && /[0-9a-zA-Z]/.test(text[end])) end++;
  return new FormatError(`${what} "${text.slice(start, end)}" at column ${start + 1} is larger than 2^53 - 1 bytes`, { column: start + 1 });
}

/** `0x20000`: the hex form SigmaStar and U-Boot scripts use. */
export function hexSize(value: number): string {
  return formatHex(value);
}

const UNITS: Array<[number, string]> = [
  [1024 ** 3, 'g'],
  [1024 ** 2, 'm'],
  [1024, 'k'],
];

/**
 * The shortest text memparse reads back as `value`: decimal, hex, or a whole number of k/m/g
 * (the suffixes both Linux and U-Boot understand); on a tie the suffixed form wins.
 */
export function shortSize(value: number): string {
  let best = String(value);
  const hex = formatHex(value);
  if (hex.length < best.length) best = hex;
  for (const [factor, suffix] of UNITS) {
    if (value > 0 && value % factor === 0) {
      const text = `${value / factor}${suffix}`;
      if (text.length <= best.length) best = text;
    }
  }
  return best;
}
