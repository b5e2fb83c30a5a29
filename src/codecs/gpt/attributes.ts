/**
 * GPT partition attributes (UEFI §5.3.3): a u64 whose bits 0–2 are defined for every partition and
 * bits 48–63 belong to the partition type. Two text forms here: bit names (RequiredPartition,
 * GUID:60, …) and a hex u64. (The `attrs=` form of sfdisk scripts lives with the sfdisk codec.)
 */
import { FormatError, type FormatLocation } from '../errors';
import { quote } from '../quote';

export const FIRST_TYPE_BIT = 48;
export const LAST_TYPE_BIT = 63;

export const MAX_ATTRIBUTES = (1n << 64n) - 1n;

/** The names sfdisk and the UEFI specification use for bits 0–2 (RequiredPartition is bit 0). */
export const ATTRIBUTE_NAMES: readonly string[] = ['RequiredPartition', 'NoBlockIOProtocol', 'LegacyBIOSBootable'];

/** Type-specific meanings the designer shows (Microsoft basic data, ChromeOS kernel). */
const TYPE_BIT_MEANINGS: Record<string, Record<number, string>> = {
  'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7': { 60: 'read-only', 61: 'shadow copy', 62: 'hidden', 63: 'no automount' },
  'FE3A2A5D-4F32-41A7-B725-ACCC3285A309': { 56: 'successful boot' },
};

export function hasBit(attributes: bigint, bit: number): boolean {
  return ((attributes >> BigInt(bit)) & 1n) === 1n;
}

export function withBit(attributes: bigint, bit: number): bigint {
  return attributes | (1n << BigInt(bit));
}

/** Set bits in ascending order. */
export function attributeBits(attributes: bigint): number[] {
  const bits: number[] = [];
  for (let bit = 0; bit <= LAST_TYPE_BIT; bit++) if (hasBit(attributes, bit)) bits.push(bit);
  return bits;
}

/** One label per set bit: a name for bits 0–2, the type's meaning or `GUID:<bit>` for 48–63, `bit <n>` otherwise. */
export function describeAttributes(attributes: bigint, typeGuid?: string): string[] {
  const meanings = typeGuid ? TYPE_BIT_MEANINGS[typeGuid.toUpperCase()] : undefined;
  return attributeBits(attributes).map((bit) => {
    if (bit < ATTRIBUTE_NAMES.length) return ATTRIBUTE_NAMES[bit];
    if (bit >= FIRST_TYPE_BIT) return meanings?.[bit] ? `GUID:${bit} (${meanings[bit]})` : `GUID:${bit}`;
    return `bit ${bit}`;
  });
}

/** `0x0000000000000001`: the u64 as 16 hex digits. */
export function formatAttributesHex(attributes: bigint): string {
  checkRange(attributes);
  return `0x${attributes.toString(16).toUpperCase().padStart(16, '0')}`;
}

/** A hex u64 (`0x` optional, 1–16 digits). */
export function parseAttributesHex(text: string, where: FormatLocation = {}): bigint {
  if (!/^(0x)?[0-9a-f]{1,16}$/i.test(text)) throw new FormatError(`attributes: expected a hex number of up to 16 digits, found ${quote(text)}`, where);
  return BigInt(text.toLowerCase().startsWith('0x') ? text : `0x${text}`);
}

function checkRange(attributes: bigint): void {
  if (attributes < 0n || attributes > MAX_ATTRIBUTES) throw new FormatError(`attributes 0x${attributes.toString(16)} do not fit in 64 bits`);
}

/** One name per set bit: RequiredPartition, NoBlockIOProtocol, LegacyBIOSBootable, GUID:<48–63>, bit <3–47>. */
export function attributeNames(attributes: bigint): string[] {
  checkRange(attributes);
  return attributeBits(attributes).map((bit) => (bit < ATTRIBUTE_NAMES.length ? ATTRIBUTE_NAMES[bit] : bit >= FIRST_TYPE_BIT ? `GUID:${bit}` : `bit ${bit}`));
}

/** The u64 the names of attributeNames stand for. */
export function attributesFromNames(names: readonly string[]): bigint {
  let attributes = 0n;
  for (const name of names) {
    const named = ATTRIBUTE_NAMES.indexOf(name);
    const numbered = /^(?:GUID:|bit )([0-9]{1,2})$/.exec(name);
    const bit = named >= 0 ? named : numbered ? Number(numbered[1]) : -1;
    const misnumbered = name.startsWith('GUID:') ? bit < FIRST_TYPE_BIT : name.startsWith('bit ') && (bit < ATTRIBUTE_NAMES.length || bit >= FIRST_TYPE_BIT);
    if (bit < 0 || bit > LAST_TYPE_BIT || misnumbered) {
      throw new FormatError(`attributes: expected ${ATTRIBUTE_NAMES.join(', ')}, GUID:48 to GUID:63 or bit 3 to bit 47, found ${quote(name)}`);
    }
    attributes = withBit(attributes, bit);
  }
  return attributes;
}
