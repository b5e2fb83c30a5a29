/**
 * The Android sparse image format (AOSP libsparse sparse_format.h): a 28-byte little-endian file
 * header, then chunks, each a 12-byte header and its data, that together describe `total_blks`
 * output blocks of `blk_sz` bytes. Records are named after the header fields.
 */
import { putU16le, putU32le } from '../bytes';

export const SPARSE_MAGIC = 0xed26ff3a;
export const FILE_HDR_SZ = 28;
export const CHUNK_HDR_SZ = 12;
export const MAJOR_VERSION = 1;

export const CHUNK_TYPES = { raw: 0xcac1, fill: 0xcac2, 'dont-care': 0xcac3, crc32: 0xcac4 } as const;
export type SparseChunkType = keyof typeof CHUNK_TYPES;

/** RAW and FILL chunks stay below 4 GiB of output, which libsparse's 32-bit lengths can hold. */
export function maxDataBlocks(blkSz: number): number {
  return Math.floor((0xffffffff - CHUNK_HDR_SZ) / blkSz);
}

export interface SparseHeader {
  majorVersion: number;
  minorVersion: number;
  fileHdrSz: number;
  chunkHdrSz: number;
  blkSz: number;
  totalBlks: number;
  totalChunks: number;
  /** CRC-32 of the whole output ("don't care" counted as zeros); 0 means none, as img2simg writes. */
  imageChecksum: number;
}

export interface SparseChunk {
  chunkType: SparseChunkType;
  /** Output blocks this chunk stands for (0 for a CRC32 chunk). */
  chunkSz: number;
  /** Bytes of the chunk in the sparse file, its header included. */
  totalSz: number;
  /** File offset of the chunk header. */
  offset: number;
  /** First output block. */
  outputBlock: number;
  /** FILL: the 32-bit pattern, as the little-endian value stored in the file. */
  fillValue?: number;
  /** CRC32: the stored CRC-32 of the output before this chunk. */
  crc32?: number;
}

/** A sparse image read back (or planned): header, chunks in file order, and where the last chunk ends. */
export interface SparseImage {
  header: SparseHeader;
  chunks: SparseChunk[];
  end: number;
}

export function encodeFileHeader(header: SparseHeader): Uint8Array {
  const bytes = new Uint8Array(FILE_HDR_SZ);
  putU32le(bytes, 0, SPARSE_MAGIC);
  putU16le(bytes, 4, header.majorVersion, 'major_version');
  putU16le(bytes, 6, header.minorVersion, 'minor_version');
  putU16le(bytes, 8, FILE_HDR_SZ);
  putU16le(bytes, 10, CHUNK_HDR_SZ);
  putU32le(bytes, 12, header.blkSz, 'blk_sz');
  putU32le(bytes, 16, header.totalBlks, 'total_blks');
  putU32le(bytes, 20, header.totalChunks, 'total_chunks');
  putU32le(bytes, 24, header.imageChecksum, 'image_checksum');
  return bytes;
}

/** The chunk header, followed by the 4-byte value of a FILL or CRC32 chunk. */
export function encodeChunkHeader(chunk: SparseChunk): Uint8Array {
  const value = chunk.chunkType === 'fill' ? chunk.fillValue : chunk.chunkType === 'crc32' ? chunk.crc32 : undefined;
  const bytes = new Uint8Array(CHUNK_HDR_SZ + (value === undefined ? 0 : 4));
  putU16le(bytes, 0, CHUNK_TYPES[chunk.chunkType]);
  putU32le(bytes, 4, chunk.chunkSz, 'chunk_sz');
  putU32le(bytes, 8, chunk.totalSz, 'total_sz');
  if (value !== undefined) putU32le(bytes, CHUNK_HDR_SZ, value, 'fill value');
  return bytes;
}
