/**
 * U-Boot's choice between the two copies of a redundant environment (env_import_redund in
 * env/common.c): a copy with a bad CRC loses; when both are valid the flag bytes decide, the
 * higher flag winning except that 0 beats 255 (the counter wrapped), equal flags keep the first.
 */
import { FormatError } from '../errors';
import { findUbootEnvHeader, readUbootEnvVars, type UbootEnvHeader, type UbootEnvImage, type UbootEnvParseOptions } from './parse';

export interface RedundantChoice {
  copy: 'first' | 'second';
  env: UbootEnvImage;
  /** Why this copy, in U-Boot's terms. */
  reason: string;
}

type Checked = { ok: true; header: UbootEnvHeader } | { ok: false; error: FormatError };

function check(bytes: Uint8Array, options: Omit<UbootEnvParseOptions, 'redundant'>): Checked {
  try {
    return { ok: true, header: findUbootEnvHeader(bytes, { ...options, redundant: true }) };
  } catch (error) {
    if (error instanceof FormatError) return { ok: false, error };
    throw error;
  }
}

/** Which copy U-Boot loads from a pair read at CONFIG_ENV_OFFSET and CONFIG_ENV_OFFSET_REDUND. */
export function selectRedundantCopy(first: Uint8Array, second: Uint8Array, options: Omit<UbootEnvParseOptions, 'redundant'> = {}): RedundantChoice {
  const a = check(first, options);
  const b = check(second, options);
  if (!a.ok) {
    if (!b.ok) throw new FormatError(`both copies are bad (first: ${a.error.message}; second: ${b.error.message})`);
    return { copy: 'second', env: readUbootEnvVars(second, b.header), reason: `only the second copy has a valid CRC (first: ${a.error.message})` };
  }
  if (!b.ok) return { copy: 'first', env: readUbootEnvVars(first, a.header), reason: `only the first copy has a valid CRC (second: ${b.error.message})` };

  const flagA = a.header.flag!;
  const flagB = b.header.flag!;
  let copy: 'first' | 'second';
  let reason: string;
  if (flagA === 255 && flagB === 0) [copy, reason] = ['second', 'both valid; flag 0 follows 255 (the counter wrapped)'];
  else if (flagB === 255 && flagA === 0) [copy, reason] = ['first', 'both valid; flag 0 follows 255 (the counter wrapped)'];
  else if (flagA > flagB) [copy, reason] = ['first', `both valid; the first copy's flag ${flagA} is higher than ${flagB}`];
  else if (flagB > flagA) [copy, reason] = ['second', `both valid; the second copy's flag ${flagB} is higher than ${flagA}`];
  else [copy, reason] = ['first', `both valid with the same flag ${flagA}: U-Boot keeps the first`];
  return copy === 'first' ? { copy, env: readUbootEnvVars(first, a.header), reason } : { copy, env: readUbootEnvVars(second, b.header), reason };
}
