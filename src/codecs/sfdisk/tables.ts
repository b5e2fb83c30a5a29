/**
 * The tables sfdisk writes, as resolveSfdiskScript gives them and the dump functions take them.
 * They have the shape of the MBR codec's MbrTable and the GPT codec's GptTable (codec folders do
 * not import each other), so a bridge hands them to emitMbr / emitGpt and back unchanged.
 */

export interface SfdiskDosPartition {
  /** 1–4 primary slot, 5… logical in chain order. */
  number: number;
  bootable: boolean;
  type: number;
  startLba: number;
  sectors: number;
  /** Logical partitions: the sector of the EBR describing the partition. */
  ebrLba?: number;
}

export interface SfdiskDosTable {
  diskSignature: number;
  partitions: SfdiskDosPartition[];
}

export interface SfdiskGptPartition {
  /** 1-based entry index. */
  number: number;
  typeGuid: string;
  uniqueGuid: string;
  firstLba: number;
  /** Inclusive. */
  lastLba: number;
  attributes: bigint;
  name: string;
}

export interface SfdiskGptTable {
  diskGuid: string;
  firstUsableLba: number;
  lastUsableLba: number;
  partitions: SfdiskGptPartition[];
}

/** libfdisk's GPT_NPARTITIONS: the entry count of a new table. */
export const DEFAULT_TABLE_LENGTH = 128;
/** The GPT codec's limit on entries (a 2 MiB array); a longer table-length is refused. */
export const MAX_TABLE_LENGTH = 16384;
/** GPT_PART_NAME_LEN: sfdisk keeps at most 36 UCS-2 characters of a name. */
export const GPT_NAME_CHARACTERS = 36;
/** 32-bit LBAs: the sectors an MBR can address. */
export const MAX_DOS_SECTORS = 2 ** 32;

/** Sectors of a GPT entry array of `entries` 128-byte entries. */
export function arraySectors(entries: number, sectorSize: number): number {
  return Math.ceil((entries * 128) / sectorSize);
}

export function isExtendedType(type: number): boolean {
  return type === 0x05 || type === 0x0f || type === 0x85;
}
