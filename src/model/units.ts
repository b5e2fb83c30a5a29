/**
 * Byte quantities: parsing what people type (`0x1F000`, `126976`, `64K`, `4 MiB`) and printing
 * offsets as hex and sizes in binary units. Values are exact integers up to 2^53 - 1; anything
 * larger is an error rather than a silently rounded float.
 */

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

/** Largest byte count the model holds exactly (2^53 - 1). */
export const MAX_BYTES = Number.MAX_SAFE_INTEGER;

export type ParseResult = { ok: true; value: number } | { ok: false; error: string };

const UNIT_FACTORS: Record<string, bigint> = {
  '': 1n,
  b: 1n,
  k: 1024n,
  kb: 1024n,
  kib: 1024n,
  m: 1024n ** 2n,
  mb: 1024n ** 2n,
  mib: 1024n ** 2n,
  g: 1024n ** 3n,
  gb: 1024n ** 3n,
  gib: 1024n ** 3n,
  t: 1024n ** 4n,
  tb: 1024n ** 4n,
  tib: 1024n ** 4n,
};

const SIZE_PATTERN = /^(0x[0-9a-f]+|[0-9]+)\s*([a-z]*)$/i;

/**
 * Parse a byte count. Accepts decimal, `0x` hex, and a 1024-based unit suffix
 * (K, M, G, T with optional `B`/`iB`). Rejects signs, fractions, garbage and values above 2^53 - 1.
 */
export function parseBytes(input: string): ParseResult {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'expected a number of bytes, found nothing' };
  if (text.startsWith('-')) return { ok: false, error: `negative value "${text}": sizes and offsets are never negative` };
  if (/^[0-9]*\.[0-9]/.test(text)) {
    return { ok: false, error: `fractional value "${text}": give a whole number of bytes (for example 1536K instead of 1.5M)` };
  }
  const match = SIZE_PATTERN.exec(text.replace(/_/g, ''));
  if (!match) return { ok: false, error: `"${text}" is not a byte count (examples: 0x1F000, 126976, 64K, 4M, 1G)` };
  const [, digits, unit] = match;
  const factor = UNIT_FACTORS[unit.toLowerCase()];
  if (factor === undefined) return { ok: false, error: `unknown unit "${unit}" in "${text}" (use K, M, G or T)` };
  const value = BigInt(digits) * factor;
  if (value > BigInt(MAX_BYTES)) {
    return { ok: false, error: `"${text}" is too large: the limit is 2^53 - 1 bytes` };
  }
  return { ok: true, value: Number(value) };
}

/** Like parseBytes but throws; for trusted literals in presets and tests. */
export function bytes(input: string): number {
  const result = parseBytes(input);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** `0x1F000`: upper-case digits, lower-case prefix, no padding. */
export function formatHex(value: number): string {
  return '0x' + value.toString(16).toUpperCase();
}

/** `0x0001F000`: hex padded to at least `width` digits (8 by default). */
export function formatHexPadded(value: number, width = 8): string {
  return '0x' + value.toString(16).toUpperCase().padStart(width, '0');
}

const HUMAN_UNITS: Array<[number, string]> = [
  [TiB, 'TiB'],
  [GiB, 'GiB'],
  [MiB, 'MiB'],
  [KiB, 'KiB'],
];

/**
 * `124 KiB`, `4 MiB`, `332.79 MiB`, `3 B`: the largest binary unit that keeps the value >= 1,
 * exact when the value divides evenly, otherwise two decimals (trailing zeros trimmed).
 */
export function formatHuman(value: number): string {
  for (const [factor, name] of HUMAN_UNITS) {
    if (value >= factor) {
      if (value % factor === 0) return `${value / factor} ${name}`;
      const rounded = (value / factor).toFixed(2).replace(/\.?0+$/, '');
      return `${rounded} ${name}`;
    }
  }
  return `${value} B`;
}

/** Round up to a multiple of `alignment` (alignment <= 1 leaves the value unchanged). */
export function alignUp(value: number, alignment: number): number {
  if (alignment <= 1) return value;
  const remainder = value % alignment;
  return remainder === 0 ? value : value + (alignment - remainder);
}

/** Round down to a multiple of `alignment`. */
export function alignDown(value: number, alignment: number): number {
  if (alignment <= 1) return value;
  return value - (value % alignment);
}

export function isAligned(value: number, alignment: number): boolean {
  return alignment <= 1 || value % alignment === 0;
}
