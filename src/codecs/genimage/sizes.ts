/**
 * genimage's numbers (util.c strtoul_suffix): C's strtoull with base 0 (0x hex, a leading 0 is
 * octal), then one suffix — k or K (×1024), M (×1024²), G (×1024³), s (×512 sectors). genimage
 * ignores whatever follows the suffix; we refuse it, and values above 2^53 − 1, with the reason.
 */
import { GiB, KiB, MAX_BYTES, MiB } from '../../model/units';
import { quote } from '../quote';

const FACTORS: Record<string, number> = { '': 1, k: KiB, K: KiB, M: MiB, G: GiB, s: 512 };

export type SizeResult = { ok: true; value: number } | { ok: false; reason: string };

export function parseSize(text: string): SizeResult {
  const match = /^\s*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)(.?)(.*)$/s.exec(text);
  if (!match) return { ok: false, reason: `${quote(text)} is not a size: expected a number with an optional k, K, M, G or s suffix` };
  const [, digits, suffix, rest] = match;
  if (!(suffix in FACTORS)) return { ok: false, reason: `invalid size suffix ${quote(suffix + rest)} in ${quote(text)} (use k, K, M, G or s)` };
  if (rest !== '') return { ok: false, reason: `${quote(text)} has ${quote(rest)} after the size (genimage would ignore it)` };
  // Beyond 30 digits the value is far above 2^53 whatever its base (and BigInt parsing is not linear).
  if (digits.replace(/^0[xX]?0*/, '').length > 30) return { ok: false, reason: `${quote(text)} is above 2^53 - 1 bytes` };
  const octal = digits.length > 1 && /^0[0-7]/.test(digits);
  const value = BigInt(octal ? `0o${digits.slice(1)}` : digits) * BigInt(FACTORS[suffix]);
  if (value > BigInt(MAX_BYTES)) return { ok: false, reason: `${quote(text)} is above 2^53 - 1 bytes` };
  return { ok: true, value: Number(value) };
}

/** The shortest exact spelling: `1G`, `4M`, `8K`, or plain bytes. */
export function formatSize(value: number): string {
  for (const [suffix, factor] of [['G', GiB], ['M', MiB], ['K', KiB]] as const) {
    if (value >= factor && value % factor === 0) return `${value / factor}${suffix}`;
  }
  return String(value);
}
