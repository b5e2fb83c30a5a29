/**
 * The 128-byte partition entry: PartitionTypeGUID, UniquePartitionGUID, StartingLBA, EndingLBA
 * (inclusive), Attributes, PartitionName (36 UTF-16LE units, NUL-padded). An entry whose type GUID
 * is zero is unused.
 */
import { putU16le, putU64le, u16le, u64le } from '../bytes';
import { FormatError } from '../errors';
import { guidAt, isZeroGuidAt, putGuid } from '../guid';
import { MAX_ATTRIBUTES } from './attributes';
import { quote } from '../quote';
import { GPT_ENTRY_SIZE, GPT_NAME_UNITS, type GptPartition, type GptWarning } from './records';

const NAME_OFFSET = 56;
const MAX_LBA = BigInt(Number.MAX_SAFE_INTEGER);

/** Why a name cannot be stored, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name.length > GPT_NAME_UNITS) return `is ${name.length} UTF-16 code units long, the entry holds ${GPT_NAME_UNITS}`;
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    if (unit === 0) return 'contains a NUL character, which would end it';
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = name.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return 'contains an unpaired UTF-16 surrogate';
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return 'contains an unpaired UTF-16 surrogate';
  }
  return undefined;
}

/** Writes a used entry at `at` (the 128 bytes are zero beforehand). */
export function writeEntry(target: Uint8Array, at: number, partition: GptPartition): void {
  const problem = nameProblem(partition.name);
  if (problem) throw new FormatError(`partition ${partition.number}: the name ${quote(partition.name)} ${problem}`);
  if (partition.attributes < 0n || partition.attributes > MAX_ATTRIBUTES) {
    throw new FormatError(`partition ${partition.number}: attributes ${partition.attributes} do not fit in 64 bits`);
  }
  putGuid(target, at, partition.typeGuid);
  putGuid(target, at + 16, partition.uniqueGuid);
  putU64le(target, at + 32, partition.firstLba, 'StartingLBA');
  putU64le(target, at + 40, partition.lastLba, 'EndingLBA');
  putU64le(target, at + 48, partition.attributes, 'Attributes');
  for (let i = 0; i < partition.name.length; i++) putU16le(target, at + NAME_OFFSET + 2 * i, partition.name.charCodeAt(i));
}

/**
 * The name up to its first NUL unit. A lone surrogate (a corrupt name) becomes U+FFFD with a
 * warning rather than failing the whole table.
 */
function readName(bytes: Uint8Array, at: number, diskOffset: number, number: number, warnings: GptWarning[]): string {
  const units: number[] = [];
  for (let i = 0; i < GPT_NAME_UNITS; i++) {
    const unit = u16le(bytes, at + NAME_OFFSET + 2 * i, 'PartitionName');
    if (unit === 0) break;
    units.push(unit);
  }
  let name = '';
  let repaired = false;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    const next = units[i + 1];
    if (unit >= 0xd800 && unit <= 0xdbff && next !== undefined && next >= 0xdc00 && next <= 0xdfff) {
      name += String.fromCharCode(unit, next);
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      name += '\uFFFD';
      repaired = true;
    } else {
      name += String.fromCharCode(unit);
    }
  }
  if (repaired) warnings.push({ message: `partition ${number}: the name has an unpaired UTF-16 surrogate, shown as U+FFFD`, offset: diskOffset + NAME_OFFSET });
  return name;
}

/**
 * The entry at `at` of `bytes` (the array as read), or undefined when unused. `diskOffset` is the
 * entry's byte offset on the disk, for warnings and errors.
 */
export function readEntry(bytes: Uint8Array, at: number, number: number, diskOffset: number, warnings: GptWarning[]): GptPartition | undefined {
  if (at + GPT_ENTRY_SIZE > bytes.length) throw new FormatError(`partition entry ${number} is cut short`, { offset: diskOffset });
  if (isZeroGuidAt(bytes, at)) return undefined;
  const first = u64le(bytes, at + 32, 'StartingLBA');
  const last = u64le(bytes, at + 40, 'EndingLBA');
  if (first > MAX_LBA || last > MAX_LBA) {
    const field = first > MAX_LBA ? 'StartingLBA' : 'EndingLBA';
    const value = first > MAX_LBA ? first : last;
    warnings.push({ message: `partition ${number}: ${field} 0x${value.toString(16)} is beyond any disk (above 2^53 - 1); entry ignored`, offset: diskOffset + (field === 'StartingLBA' ? 32 : 40) });
    return undefined;
  }
  const attributes = u64le(bytes, at + 48, 'Attributes');
  return {
    number,
    typeGuid: guidAt(bytes, at),
    uniqueGuid: guidAt(bytes, at + 16),
    firstLba: Number(first),
    lastLba: Number(last),
    attributes,
    name: readName(bytes, at, diskOffset, number, warnings),
  };
}
