/**
 * PARTINFO.pni (SigmaStar ALKAID SPI-NAND partition info, spec §2): 512 bytes, little-endian: a
 * checksum, a 12-byte header and 62 records of 8 bytes. Field names follow the SDK's
 * `SpinandPartitionInfo_t` (pnigenerator.c, U-Boot spinand.h).
 */

export const PNI_BYTES = 512;
export const PNI_HEADER_BYTES = 16;
export const PNI_RECORD_BYTES = 8;
/** `records[62]`: (512 - 16) / 8. */
export const PNI_MAX_RECORDS = 62;

/** The header fields pnigenerator takes from -s, -p, -b, -k and -u. */
export interface PniHeader {
  /** `u16_SpareByteCnt` (-s, default 64). */
  spareByteCount: number;
  /** `u16_PageByteCnt` (-p, default 2048). */
  pageByteCount: number;
  /** `u16_BlkPageCnt` (-b, default 64). */
  blockPageCount: number;
  /** `u16_BlkCnt` (-k, default 1024): blocks in the flash. */
  blockCount: number;
  /** `u16_UnitByteCnt` (-u, default 8): stored only; records are 8 bytes whatever it says. */
  unitByteCount: number;
}

/** One `SPI_NAND_PARTITION_RECORD_t`. */
export interface PniRecord {
  /** `u16_StartBlk`. */
  startBlock: number;
  /** `u16_BlkCnt`. */
  blockCount: number;
  /** `u16_PartType`: a type code (see types.ts), possibly with the LOGICAL/HIDDEN flag bits. */
  partType: number;
  /** `u16_BackupBlkCnt`: spare good blocks after the partition, for bad-block skipping. */
  backupBlockCount: number;
}

/** The file's content; the checksum and `u16_PartCnt` follow from it. */
export interface Pni {
  header: PniHeader;
  records: PniRecord[];
}

/** pnigenerator's defaults. */
export const PNI_DEFAULT_HEADER: Readonly<PniHeader> = {
  spareByteCount: 64,
  pageByteCount: 2048,
  blockPageCount: 64,
  blockCount: 1024,
  unitByteCount: 8,
};

/** Byte offsets in the file. */
export const OFFSET = {
  checksum: 0,
  spareByteCount: 4,
  pageByteCount: 6,
  blockPageCount: 8,
  blockCount: 10,
  partCount: 12,
  unitByteCount: 14,
} as const;

export const RECORD_FIELDS = ['startBlock', 'blockCount', 'partType', 'backupBlockCount'] as const;

/** The unsigned 32-bit sum of bytes 4..511 (`_checkSum`), which U-Boot verifies before using a PNI. */
export function pniChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 4; i < PNI_BYTES; i++) sum += bytes[i];
  return sum;
}
