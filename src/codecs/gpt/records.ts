/**
 * The records of a GUID Partition Table (UEFI §5.3): the header as stored at LBA 1 and at the last
 * LBA, the 128-byte partition entry, and the table a designer edits. LBAs are exact numbers (a
 * 64-bit field above 2^53 − 1 is a located error when read); attributes are a bigint.
 */
import { MAX_BYTES } from '../../model/units';

export const GPT_SIGNATURE = 'EFI PART';
export const GPT_REVISION = 0x00010000;
/** Bytes of the header that the CRC covers (sfdisk, gdisk and the UEFI minimum). */
export const GPT_HEADER_SIZE = 92;
export const GPT_ENTRY_SIZE = 128;
/** Entries sfdisk, gdisk and genimage create by default (a 16 KiB array). */
export const GPT_DEFAULT_ENTRIES = 128;
/**
 * Our limit on NumberOfPartitionEntries (a 2 MiB array). The field is 32 bits; reading a claimed
 * 2^32 entries would mean half a terabyte, so a table claiming more is refused where it says so.
 */
export const GPT_MAX_ENTRIES = 16384;
/** PartitionName: 36 UTF-16LE code units. */
export const GPT_NAME_UNITS = 36;
export const GPT_SECTOR_SIZES: readonly number[] = [512, 1024, 2048, 4096];

/** One header, field names as in the UEFI specification. */
export interface GptHeader {
  revision: number;
  headerSize: number;
  headerCrc32: number;
  myLba: number;
  alternateLba: number;
  firstUsableLba: number;
  lastUsableLba: number;
  diskGuid: string;
  partitionEntryLba: number;
  numberOfPartitionEntries: number;
  sizeOfPartitionEntry: number;
  partitionEntryArrayCrc32: number;
}

/** A used entry (its PartitionTypeGUID is not zero). */
export interface GptPartition {
  /** 1-based index of the entry in the array (sfdisk's partition number). */
  number: number;
  typeGuid: string;
  uniqueGuid: string;
  firstLba: number;
  /** Inclusive. */
  lastLba: number;
  attributes: bigint;
  /** At most 36 UTF-16 code units. */
  name: string;
}

export interface GptTable {
  diskGuid: string;
  /** Default: as sfdisk computes it (the 1 MiB boundary when the disk is large enough). */
  firstUsableLba?: number;
  /** Default: the sector before the backup entry array. */
  lastUsableLba?: number;
  partitions: GptPartition[];
}

/** A byte range to write at `offset` of the disk; the caller places the pieces. */
export interface GptPiece {
  offset: number;
  bytes: Uint8Array;
}

export interface GptWarning {
  message: string;
  offset?: number;
}

/** Sectors the entry array occupies. */
export function arraySectors(entryCount: number, sectorSize: number): number {
  return Math.ceil((entryCount * GPT_ENTRY_SIZE) / sectorSize);
}

/**
 * FirstUsableLBA and LastUsableLBA as sfdisk (libfdisk gpt.c, count_first_last_lba) computes them
 * for a new table: last = disk end minus the backup array and header; first = the 1 MiB boundary
 * (libfdisk's default first LBA; one sector on disks of 4 MiB or less) when it lies beyond the
 * primary array, otherwise the sector after the array. With the array moved (`entriesLba` > 2),
 * first is at least the sector after it.
 */
export function defaultUsableRange(options: { sectorSize: number; diskSectors: number; entryCount: number; entriesLba: number }): { first: number; last: number } {
  const { sectorSize, diskSectors, entryCount, entriesLba } = options;
  const sectors = arraySectors(entryCount, sectorSize);
  const last = diskSectors - 2 - sectors;
  const afterArray = entriesLba + sectors;
  const topology = libfdiskFirstLba(sectorSize, diskSectors);
  const first = afterArray < topology && topology < last ? topology : afterArray;
  return { first, last };
}

/** libfdisk's default first partition sector: 1 MiB, or one sector on a disk of at most 4 MiB. */
export function libfdiskFirstLba(sectorSize: number, diskSectors: number): number {
  const mib = (1024 * 1024) / sectorSize;
  return diskSectors <= mib * 4 ? 1 : mib;
}

/** Largest disk in sectors of this size whose byte size is still exact. */
export function maxDiskSectors(sectorSize: number): number {
  return Math.floor(MAX_BYTES / sectorSize);
}
