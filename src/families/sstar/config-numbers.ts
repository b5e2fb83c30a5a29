/** Numbers in partition.config values: `0x` hex (any case, leading zeros) or decimal, as the SDK's shell reads them. */
import { FormatError } from '../../codecs/errors';
import { quote } from '../../codecs/quote';
import { MAX_BYTES } from '../../model/units';

export function configNumber(value: string, what: string, line: number | undefined): number {
  const text = value.trim();
  const parsed = /^0[xX][0-9a-fA-F]+$/.test(text) ? parseInt(text, 16) : /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed > MAX_BYTES) {
    throw new FormatError(`${what} is ${quote(value)}, not a decimal or 0x-hex number${line !== undefined ? ` (line ${line})` : ''}`, line !== undefined ? { line } : {}, `${what} is ${quote(value)}, not a decimal or 0x-hex number`);
  }
  return parsed;
}

/** bash's `printf "0x%x"`, as the SDK's multiplyhex writes a product. */
export function bashHex(value: number): string {
  return `0x${value.toString(16)}`;
}
