/**
 * Writes a GPT as sfdisk does for a new table: the protective MBR, the primary header and entry
 * array, the backup array and the backup header at the last sector, each as a piece the caller
 * places (a disk may be many GiB; only the table areas are produced).
 */
import { putU32le } from '../bytes';
import { crc32 } from '../crc32';
import { FormatError } from '../errors';
import { normalizeGuid, ZERO_GUID } from '../guid';
import { writeEntry } from './entry';
import { writeHeader } from './header';
import {
  arraySectors,
  defaultUsableRange,
  GPT_DEFAULT_ENTRIES,
  GPT_ENTRY_SIZE,
  GPT_MAX_ENTRIES,
  GPT_SECTOR_SIZES,
  maxDiskSectors,
  type GptPartition,
  type GptPiece,
  type GptTable,
} from './records';

export interface GptEmitOptions {
  sectorSize: number;
  diskSectors: number;
  /** PartitionEntryLBA of the primary array (2 unless the array is moved to make room for a bootloader). */
  entriesLba?: number;
  /** NumberOfPartitionEntries (128 unless the table says otherwise). */
  entryCount?: number;
}

const isCount = (value: number) => Number.isSafeInteger(value) && value >= 0;

function checkOptions(options: GptEmitOptions): Required<GptEmitOptions> {
  const { sectorSize, diskSectors, entriesLba = 2, entryCount = GPT_DEFAULT_ENTRIES } = options;
  if (!GPT_SECTOR_SIZES.includes(sectorSize)) throw new FormatError(`sector size must be one of ${GPT_SECTOR_SIZES.join(', ')} bytes, found ${String(sectorSize)}`);
  if (!isCount(diskSectors) || diskSectors > maxDiskSectors(sectorSize)) {
    throw new FormatError(`disk size must be a whole number of sectors up to ${maxDiskSectors(sectorSize)}, found ${String(diskSectors)}`);
  }
  if (!Number.isInteger(entryCount) || entryCount < 1 || entryCount > GPT_MAX_ENTRIES) {
    throw new FormatError(`the entry array holds 1 to ${GPT_MAX_ENTRIES} entries, found ${String(entryCount)}`);
  }
  if (!isCount(entriesLba) || entriesLba < 2) throw new FormatError(`the primary entry array must start at LBA 2 or later, found ${String(entriesLba)}`);
  return { sectorSize, diskSectors, entriesLba, entryCount };
}

function checkPartitions(partitions: readonly GptPartition[], entryCount: number, first: number, last: number): void {
  const numbers = new Set<number>();
  for (const partition of partitions) {
    const { number } = partition;
    if (!Number.isInteger(number) || number < 1 || number > entryCount) throw new FormatError(`partition number ${String(number)} is outside the entry array (1 to ${entryCount})`);
    if (numbers.has(number)) throw new FormatError(`partition ${number} is given twice`);
    numbers.add(number);
    if (normalizeGuid(partition.typeGuid, {}, `partition ${number} type`) === ZERO_GUID) throw new FormatError(`partition ${number}: the zero type GUID marks an unused entry`);
    normalizeGuid(partition.uniqueGuid, {}, `partition ${number} unique GUID`);
    if (!isCount(partition.firstLba) || !isCount(partition.lastLba) || partition.firstLba > partition.lastLba) {
      throw new FormatError(`partition ${number}: expected whole sectors with first <= last, found ${String(partition.firstLba)}..${String(partition.lastLba)}`);
    }
    if (partition.firstLba < first || partition.lastLba > last) {
      throw new FormatError(`partition ${number} (sectors ${partition.firstLba}..${partition.lastLba}) is outside the usable sectors ${first}..${last}`);
    }
  }
  const sorted = [...partitions].sort((a, b) => a.firstLba - b.firstLba);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].firstLba <= sorted[i - 1].lastLba) {
      throw new FormatError(`partitions ${sorted[i - 1].number} (${sorted[i - 1].firstLba}..${sorted[i - 1].lastLba}) and ${sorted[i].number} (${sorted[i].firstLba}..${sorted[i].lastLba}) overlap`);
    }
  }
}

/** Sector 0 as sfdisk writes it for GPT: one 0xEE entry from LBA 1 over the disk (capped at 2^32 − 1). */
export function protectiveMbr(sectorSize: number, diskSectors: number): Uint8Array {
  const sector = new Uint8Array(sectorSize);
  sector.set([0x00, 0x00, 0x02, 0x00, 0xee, 0xff, 0xff, 0xff], 0x1be);
  putU32le(sector, 0x1c6, 1);
  putU32le(sector, 0x1ca, Math.min(diskSectors - 1, 0xffffffff));
  sector[510] = 0x55;
  sector[511] = 0xaa;
  return sector;
}

/** The pieces of the table, in disk order. */
export function emitGpt(table: GptTable, options: GptEmitOptions): GptPiece[] {
  const { sectorSize, diskSectors, entriesLba, entryCount } = checkOptions(options);
  const sectors = arraySectors(entryCount, sectorSize);
  const lastLba = diskSectors - 1;
  const backupArrayLba = lastLba - sectors;
  const defaults = defaultUsableRange({ sectorSize, diskSectors, entryCount, entriesLba });
  const first = table.firstUsableLba ?? defaults.first;
  const last = table.lastUsableLba ?? defaults.last;
  if (!isCount(first) || !isCount(last) || first < entriesLba + sectors || last >= backupArrayLba || first > last) {
    throw new FormatError(
      `usable sectors ${String(first)}..${String(last)} do not fit between the primary entry array (ending at LBA ${entriesLba + sectors - 1}) and the backup array (from LBA ${backupArrayLba}) of a ${diskSectors}-sector disk`,
    );
  }
  const diskGuid = normalizeGuid(table.diskGuid, {}, 'disk GUID');
  checkPartitions(table.partitions, entryCount, first, last);

  const array = new Uint8Array(sectors * sectorSize);
  for (const partition of table.partitions) writeEntry(array, (partition.number - 1) * GPT_ENTRY_SIZE, partition);
  const arrayCrc = crc32(array, 0, entryCount * GPT_ENTRY_SIZE);
  const common = { firstUsableLba: first, lastUsableLba: last, diskGuid, numberOfPartitionEntries: entryCount, partitionEntryArrayCrc32: arrayCrc };
  const primary = writeHeader({ ...common, myLba: 1, alternateLba: lastLba, partitionEntryLba: entriesLba }, sectorSize);
  const backup = writeHeader({ ...common, myLba: lastLba, alternateLba: 1, partitionEntryLba: backupArrayLba }, sectorSize);
  return [
    { offset: 0, bytes: protectiveMbr(sectorSize, diskSectors) },
    { offset: sectorSize, bytes: primary },
    { offset: entriesLba * sectorSize, bytes: array },
    { offset: backupArrayLba * sectorSize, bytes: array.slice() },
    { offset: lastLba * sectorSize, bytes: backup },
  ];
}
