/**
 * The `attrs=` field of an sfdisk script: sfdisk reads "RequiredPartition,GUID:60,GUID:63" (names,
 * GUID:<bit> or a bare bit number in C notation, separated by commas or blanks) and dumps
 * "RequiredPartition GUID:60,63" (libfdisk gpt.c, gpt_entry_attrs_{from,to}_string). Only bits
 * 0–2 have names and only 48–63 can be given by number; the value is the GPT entry's u64.
 */
import { FormatError } from '../errors';
import { quote } from '../quote';

const NAMES: readonly string[] = ['RequiredPartition', 'NoBlockIOProtocol', 'LegacyBIOSBootable'];
const FIRST_TYPE_BIT = 48;
const LAST_TYPE_BIT = 63;
const MAX_ATTRIBUTES = (1n << 64n) - 1n;

const bitsOf = (attributes: bigint) => Array.from({ length: LAST_TYPE_BIT + 1 }, (_, bit) => bit).filter((bit) => ((attributes >> BigInt(bit)) & 1n) === 1n);

const isBlank = (char: string | undefined) => char === ' ' || char === '\t';
const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';

/** Names sfdisk accepts for bits 0–2, the misspelling it tolerates included. */
const SFDISK_NAMES: ReadonlyArray<[string, number]> = [
  ['RequiredPartition', 0],
  ['RequiredPartiton', 0],
  ['LegacyBIOSBootable', 2],
  ['NoBlockIOProtocol', 1],
];

/**
 * The `attrs=` text as sfdisk reads it. `column` is where the text starts on its line, so an
 * error points at the bad item.
 */
export function parseSfdiskAttributes(text: string, where: { line?: number; column?: number } = {}): bigint {
  let attributes = 0n;
  let at = 0;
  const fail = (message: string, index = at): never => {
    throw new FormatError(message, { line: where.line, column: where.column === undefined ? undefined : where.column + index });
  };
  while (at < text.length) {
    while (isBlank(text[at])) at++;
    if (at >= text.length) break;
    let bit = -1;
    const named = SFDISK_NAMES.find(([name]) => text.startsWith(name, at));
    if (named) {
      bit = named[1];
      at += named[0].length;
    } else if (isDigit(text[at]) || (text.startsWith('GUID:', at) && isDigit(text[at + 5]))) {
      const item = at;
      if (text[at] === 'G') at += 5;
      // strtol base 0, as sfdisk reads it: 0x… hex, 0… octal, otherwise decimal.
      const digits = /^(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)/i.exec(text.slice(at, at + 24))?.[0] ?? '';
      const value = digits.toLowerCase().startsWith('0x') ? parseInt(digits.slice(2), 16) : digits.startsWith('0') ? parseInt(digits, 8) : Number(digits);
      if (value < FIRST_TYPE_BIT || value > LAST_TYPE_BIT) {
        fail(`attrs: bit ${quote(digits)} cannot be set by number; only the type-specific bits ${FIRST_TYPE_BIT}–${LAST_TYPE_BIT} can (bits 0–2 by name)`, item);
      }
      bit = value;
      at += digits.length;
    } else {
      fail(`attrs: expected RequiredPartition, NoBlockIOProtocol, LegacyBIOSBootable or GUID:<48–63>, found ${quote(text.slice(at))}`);
    }
    if (at < text.length && text[at] !== ',' && !isBlank(text[at])) fail(`attrs: expected "," or a blank after the attribute, found ${quote(text.slice(at))}`);
    attributes |= 1n << BigInt(bit);
    while (isBlank(text[at])) at++;
    if (text[at] === ',') at++;
  }
  return attributes;
}

/** Bits sfdisk cannot write (3–47): its dump leaves them out. */
export function unwritableAttributeBits(attributes: bigint): number[] {
  return bitsOf(attributes).filter((bit) => bit >= NAMES.length && bit < FIRST_TYPE_BIT);
}

/**
 * The attributes as `sfdisk --dump` prints them: names for bits 0–2, then `GUID:` and the set
 * type bits joined by commas. sfdisk has no text for bits 3–47, so those are a FormatError rather
 * than silently lost.
 */
export function formatSfdiskAttributes(attributes: bigint): string {
  if (attributes < 0n || attributes > MAX_ATTRIBUTES) throw new FormatError(`attributes 0x${attributes.toString(16)} do not fit in 64 bits`);
  const bits = bitsOf(attributes);
  const unnamed = bits.filter((bit) => bit >= NAMES.length && bit < FIRST_TYPE_BIT);
  if (unnamed.length > 0) {
    throw new FormatError(`attribute bit${unnamed.length > 1 ? 's' : ''} ${unnamed.join(', ')} cannot be written in an sfdisk script (it names bits 0–2 and 48–63 only)`);
  }
  const names = bits.filter((bit) => bit < NAMES.length).map((bit) => NAMES[bit]);
  const typeBits = bits.filter((bit) => bit >= FIRST_TYPE_BIT);
  if (typeBits.length > 0) names.push(`GUID:${typeBits.join(',')}`);
  return names.join(' ');
}
