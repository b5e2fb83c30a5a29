/**
 * Numbers as sfdisk reads them (util-linux lib/strutils.c, parse_size): C's base-0 integers
 * (`0x` hex, a leading `0` octal, otherwise decimal), then an optional unit K, M, G, T, P, E, Z or
 * Y (either case), 1024-based alone or with `iB`, 1000-based with `B`. A value with a unit is a
 * byte count that sfdisk turns into sectors by truncating division.
 */
import { MAX_BYTES } from '../../model/units';
import { quote } from '../quote';
import type { SfdiskAmount } from './records';

const POWERS = 'KMGTPEZY';

export type NumberResult = { ok: true; amount: SfdiskAmount } | { ok: false; reason: string };

/** The integer prefix as C's strtoumax(…, 0) reads it. */
function integerPrefix(text: string): { digits: string; value: bigint } | undefined {
  const hexMatch = /^0[xX][0-9a-fA-F]+/.exec(text);
  if (hexMatch) return { digits: hexMatch[0], value: BigInt(hexMatch[0]) };
  const octalMatch = /^0[0-7]*/.exec(text);
  if (octalMatch) return { digits: octalMatch[0], value: octalMatch[0].length > 1 ? BigInt(`0o${octalMatch[0].slice(1)}`) : 0n };
  const decimalMatch = /^[1-9][0-9]*/.exec(text);
  if (decimalMatch) return { digits: decimalMatch[0], value: BigInt(decimalMatch[0]) };
  return undefined;
}

/** Bytes (or sectors, for no unit) per unit of `suffix`, or undefined when sfdisk rejects it. */
export function unitMultiplier(suffix: string): bigint | undefined {
  if (suffix === '') return 1n;
  const power = POWERS.indexOf(suffix[0].toUpperCase()) + 1;
  if (power === 0) return undefined;
  const rest = suffix.slice(1);
  const base = rest === '' || rest === 'iB' || rest === 'ib' ? 1024n : rest === 'B' || rest === 'b' ? 1000n : undefined;
  return base === undefined ? undefined : base ** BigInt(power);
}

/** A start or size value (no sign). */
export function parseAmount(text: string): NumberResult {
  const prefix = integerPrefix(text);
  if (!prefix) return { ok: false, reason: `expected a number of sectors or a size such as 4MiB, found ${quote(text)}` };
  const suffix = text.slice(prefix.digits.length);
  if (/^[.,][0-9]/.test(suffix)) return { ok: false, reason: `fractional size ${quote(text)}: write a whole number in a smaller unit (1536KiB for 1.5MiB)` };
  const multiplier = unitMultiplier(suffix);
  if (multiplier === undefined) return { ok: false, reason: `unknown unit ${quote(suffix)} in ${quote(text)} (use KiB, MiB, GiB, … or no unit for sectors)` };
  if (prefix.value * multiplier > BigInt(MAX_BYTES)) return { ok: false, reason: `${quote(text)} is too large: the limit is 2^53 - 1` };
  return { ok: true, amount: { value: Number(prefix.value), suffix } };
}

/** A plain integer (no unit), as the numeric headers take it. */
export function parseCount(text: string): { ok: true; value: number } | { ok: false; reason: string } {
  const result = parseAmount(text);
  if (!result.ok) return result;
  if (result.amount.suffix !== '') return { ok: false, reason: `expected a number without a unit, found ${quote(text)}` };
  return { ok: true, value: result.amount.value };
}

/** The amount in sectors of `sectorSize` bytes (a byte count is truncated, as sfdisk does). */
export function amountSectors(amount: SfdiskAmount, sectorSize: number): number {
  const multiplier = unitMultiplier(amount.suffix) ?? 1n;
  if (amount.suffix === '') return amount.value;
  return Number((BigInt(amount.value) * multiplier) / BigInt(sectorSize));
}

/** A number with a unit is rounded by sfdisk to the grain; a bare sector count is taken exactly. */
export function isExplicitSectors(amount: SfdiskAmount): boolean {
  return amount.suffix === '';
}
