/**
 * The records of a DOS (MBR) partition table: sector 0 with its disk signature and four primary
 * entries, and for an extended partition the chain of EBRs, each describing one logical partition.
 * LBAs are 32-bit in the format; here they are absolute sector numbers.
 */

/** Offsets in sector 0 (and in every EBR). */
export const DISK_SIGNATURE_OFFSET = 0x1b8;
export const ENTRIES_OFFSET = 0x1be;
export const ENTRY_SIZE = 16;
export const BOOT_SIGNATURE_OFFSET = 0x1fe;
/** The bytes an MBR or EBR sector holds; larger sectors are zero after them. */
export const MBR_BYTES = 512;

export const PRIMARY_SLOTS = 4;
/** Our limit on a chain of EBRs (the format has none; libfdisk stops at 56, Linux reads on). */
export const MAX_LOGICAL_PARTITIONS = 128;
/** Sectors an MBR can address: start and count are 32-bit. */
export const MAX_MBR_SECTORS = 2 ** 32;
export const MBR_SECTOR_SIZES: readonly number[] = [512, 1024, 2048, 4096];

/** status 0x80: the partition the BIOS boots. */
export const STATUS_BOOTABLE = 0x80;

export interface MbrPartition {
  /** 1–4: the primary slot; 5, 6, …: logical partitions in chain order. */
  number: number;
  bootable: boolean;
  /** The system ID byte (0x83 Linux, 0x0C FAT32 LBA, 0x05/0x0F/0x85 extended, …). */
  type: number;
  /** Absolute LBA of the first sector. */
  startLba: number;
  sectors: number;
  /** Logical partitions: the LBA of the EBR describing this partition (the first is the extended partition's start). */
  ebrLba?: number;
}

export interface MbrTable {
  /** The 32-bit disk signature at 0x1B8 (sfdisk's label-id). */
  diskSignature: number;
  partitions: MbrPartition[];
}

/** A byte range to write at `offset` of the disk; the caller places the pieces. */
export interface MbrPiece {
  offset: number;
  bytes: Uint8Array;
}

export interface MbrWarning {
  message: string;
  offset?: number;
}

/** Random access to the disk: the sector at `lba`, or undefined (or a short array) past the end. */
export type SectorReader = (lba: number) => Uint8Array | undefined;

export function isExtendedType(type: number): boolean {
  return type === 0x05 || type === 0x0f || type === 0x85;
}
