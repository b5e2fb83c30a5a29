/**
 * The records of a bmap file (bmap-tools format 2.0), named after its XML elements: an image of
 * `ImageSize` bytes cut into `BlockSize` blocks, of which the `BlockMap` ranges hold data.
 */

export type BmapChecksumType = 'sha256' | 'sha512';

/** Hex digits of each checksum type's digest. */
export const CHECKSUM_DIGITS: Record<BmapChecksumType, number> = { sha256: 64, sha512: 128 };

/** One `<Range>`: blocks `first` to `last`, both included. */
export interface BmapRange {
  first: number;
  last: number;
  /** Lower-case hex digest of the range's bytes (cut at the end of the image); absent when the bmap carries none. */
  chksum?: string;
}

/** A bmap file as read back. */
export interface Bmap {
  /** `version` attribute of `<bmap>`: "2.0", or "1.4" (the same format under a mistaken number). */
  version: string;
  imageSize: number;
  blockSize: number;
  blocksCount: number;
  mappedBlocksCount: number;
  checksumType: BmapChecksumType;
  bmapFileChecksum: string;
  ranges: BmapRange[];
}

/** What `emitBmap` needs: the rest (counts, checksum type, file checksum) follows from it. */
export interface BmapInput {
  imageSize: number;
  /** 4096 when omitted: the FIEMAP granularity bmaptool sees on ext4. */
  blockSize?: number;
  /** Sorted, non-overlapping ranges with sha256 digests. */
  ranges: readonly BmapRange[];
}

export const DEFAULT_BLOCK_SIZE = 4096;

/** Blocks needed for `imageSize` bytes: ceil(imageSize / blockSize), exactly. */
export function blocksFor(imageSize: number, blockSize: number): number {
  const whole = (imageSize - (imageSize % blockSize)) / blockSize;
  return imageSize % blockSize === 0 ? whole : whole + 1;
}
