/**
 * The GPT header sector: writing one with its CRC, and checking one read from a disk. A header that
 * fails a check is reported as a problem (what is wrong, at which byte) so the reader can fall back
 * to the other copy; the checks never trust a size field before bounding it.
 */
import { hasAscii, putAscii, putU32le, putU64le, u32le, u64le } from '../bytes';
import { crc32, crc32Update } from '../crc32';
import { guidAt, putGuid } from '../guid';
import { arraySectors, GPT_ENTRY_SIZE, GPT_HEADER_SIZE, GPT_MAX_ENTRIES, GPT_REVISION, GPT_SIGNATURE, type GptHeader, type GptWarning } from './records';

const CRC_OFFSET = 16;

/** The header sector: the 92 header bytes with their CRC, zeros to the end of the sector. */
export function writeHeader(fields: Omit<GptHeader, 'revision' | 'headerSize' | 'headerCrc32' | 'sizeOfPartitionEntry'>, sectorSize: number): Uint8Array {
  const sector = new Uint8Array(sectorSize);
  putAscii(sector, 0, 8, GPT_SIGNATURE, 'Signature');
  putU32le(sector, 8, GPT_REVISION, 'Revision');
  putU32le(sector, 12, GPT_HEADER_SIZE, 'HeaderSize');
  putU64le(sector, 24, fields.myLba, 'MyLBA');
  putU64le(sector, 32, fields.alternateLba, 'AlternateLBA');
  putU64le(sector, 40, fields.firstUsableLba, 'FirstUsableLBA');
  putU64le(sector, 48, fields.lastUsableLba, 'LastUsableLBA');
  putGuid(sector, 56, fields.diskGuid);
  putU64le(sector, 72, fields.partitionEntryLba, 'PartitionEntryLBA');
  putU32le(sector, 80, fields.numberOfPartitionEntries, 'NumberOfPartitionEntries');
  putU32le(sector, 84, GPT_ENTRY_SIZE, 'SizeOfPartitionEntry');
  putU32le(sector, 88, fields.partitionEntryArrayCrc32, 'PartitionEntryArrayCRC32');
  putU32le(sector, CRC_OFFSET, crc32(sector, 0, GPT_HEADER_SIZE), 'HeaderCRC32');
  return sector;
}

export type HeaderCheck = { ok: true; header: GptHeader; warnings: GptWarning[] } | { ok: false; problem: GptWarning };

/** The CRC of the first `size` bytes with the CRC field taken as zero. */
function headerCrc(sector: Uint8Array, size: number): number {
  const zero = new Uint8Array(4);
  let crc = crc32Update(0, sector, 0, CRC_OFFSET);
  crc = crc32Update(crc, zero);
  return crc32Update(crc, sector, CRC_OFFSET + 4, size);
}

const hex = (value: number | bigint) => `0x${value.toString(16)}`;

/**
 * Checks the header in `sector` (read from LBA `lba`) against the disk: signature, size, CRC, its
 * own position, the usable range and where its entry array lies. The array's CRC is the caller's
 * (it needs the reader).
 */
export function checkHeader(sector: Uint8Array, lba: number, sectorSize: number, diskSectors: number, role: 'primary' | 'backup'): HeaderCheck {
  const base = lba * sectorSize;
  const which = `${role} GPT header (LBA ${lba})`;
  const fail = (message: string, field: number): HeaderCheck => ({ ok: false, problem: { message: `${which}: ${message}`, offset: base + field } });
  if (sector.length < GPT_HEADER_SIZE) return fail(`the sector holds ${sector.length} bytes, a header needs ${GPT_HEADER_SIZE}`, 0);
  if (!hasAscii(sector, 0, GPT_SIGNATURE)) return fail(`expected the signature "EFI PART", found ${Array.from(sector.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ')}`, 0);
  const headerSize = u32le(sector, 12, 'HeaderSize');
  if (headerSize < GPT_HEADER_SIZE || headerSize > Math.min(sectorSize, sector.length)) {
    return fail(`HeaderSize ${headerSize} is outside ${GPT_HEADER_SIZE}..${sectorSize}`, 12);
  }
  const storedCrc = u32le(sector, CRC_OFFSET, 'HeaderCRC32');
  const computedCrc = headerCrc(sector, headerSize);
  if (storedCrc !== computedCrc) return fail(`HeaderCRC32 is ${hex(storedCrc)}, the header's bytes give ${hex(computedCrc)}`, CRC_OFFSET);

  const disk = BigInt(diskSectors);
  const myLba = u64le(sector, 24, 'MyLBA');
  if (myLba !== BigInt(lba)) return fail(`MyLBA is ${myLba}, but the header was read from LBA ${lba}`, 24);
  const alternateLba = u64le(sector, 32, 'AlternateLBA');
  if (alternateLba >= disk) return fail(`AlternateLBA ${alternateLba} is beyond the last sector ${diskSectors - 1}`, 32);
  const first = u64le(sector, 40, 'FirstUsableLBA');
  const last = u64le(sector, 48, 'LastUsableLBA');
  if (last >= disk) return fail(`LastUsableLBA ${last} is beyond the last sector ${diskSectors - 1}`, 48);
  if (first > last) return fail(`FirstUsableLBA ${first} is after LastUsableLBA ${last}`, 40);
  if (first <= 1n) return fail(`FirstUsableLBA ${first} overlaps the protective MBR or the header`, 40);

  const entrySize = u32le(sector, 84, 'SizeOfPartitionEntry');
  if (entrySize !== GPT_ENTRY_SIZE) return fail(`SizeOfPartitionEntry is ${entrySize}, expected ${GPT_ENTRY_SIZE}`, 84);
  const count = u32le(sector, 80, 'NumberOfPartitionEntries');
  if (count === 0 || count > GPT_MAX_ENTRIES) return fail(`NumberOfPartitionEntries is ${count}, expected 1 to ${GPT_MAX_ENTRIES}`, 80);
  const entriesLba = u64le(sector, 72, 'PartitionEntryLBA');
  const sectors = BigInt(arraySectors(count, sectorSize));
  const arrayEnd = entriesLba + sectors - 1n;
  if (entriesLba < 2n || arrayEnd >= disk) return fail(`the entry array (LBA ${entriesLba}, ${sectors} sectors) lies outside the disk's ${diskSectors} sectors`, 72);
  if (entriesLba <= last && arrayEnd >= first) return fail(`the entry array (LBA ${entriesLba}..${arrayEnd}) overlaps the usable area ${first}..${last}`, 72);
  if (entriesLba <= myLba && arrayEnd >= myLba) return fail(`the entry array (LBA ${entriesLba}..${arrayEnd}) overlaps the header`, 72);

  const warnings: GptWarning[] = [];
  const revision = u32le(sector, 8, 'Revision');
  if (revision !== GPT_REVISION) warnings.push({ message: `${which}: Revision is ${hex(revision)}, expected 0x10000 (1.0)`, offset: base + 8 });
  return {
    ok: true,
    warnings,
    header: {
      revision,
      headerSize,
      headerCrc32: storedCrc,
      myLba: lba,
      alternateLba: Number(alternateLba),
      firstUsableLba: Number(first),
      lastUsableLba: Number(last),
      diskGuid: guidAt(sector, 56),
      partitionEntryLba: Number(entriesLba),
      numberOfPartitionEntries: count,
      sizeOfPartitionEntry: entrySize,
      partitionEntryArrayCrc32: u32le(sector, 88, 'PartitionEntryArrayCRC32'),
    },
  };
}
