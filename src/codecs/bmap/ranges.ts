/**
 * The block map of an image given as extents: every block an extent touches is mapped, touching or
 * adjacent blocks merge into one range (as bmaptool merges FIEMAP extents), and each range's sha256
 * covers its blocks, cut at the end of the image for a partial last block. Only the extents' bytes
 * (and the zero tails of their partial blocks) are read, once, in order.
 */
import { createSHA256 } from 'hash-wasm';
import { FormatError } from '../errors';
import { ImageCursor, sortExtents, type Extent } from '../extents';
import { DEFAULT_BLOCK_SIZE, type BmapRange } from './records';

/** The mapped block ranges (without checksums) of extents already sorted by `sortExtents`. */
function mappedBlocks(extents: readonly Extent[], blockSize: number): Array<{ first: number; last: number }> {
  const ranges: Array<{ first: number; last: number }> = [];
  for (const { offset, length } of extents) {
    const first = (offset - (offset % blockSize)) / blockSize;
    const end = offset + length - 1;
    const last = (end - (end % blockSize)) / blockSize;
    const previous = ranges[ranges.length - 1];
    if (previous && first <= previous.last + 1) previous.last = Math.max(previous.last, last);
    else ranges.push({ first, last });
  }
  return ranges;
}

/** Sorted, non-overlapping ranges with their sha256, ready for `emitBmap`. */
export async function bmapRangesFromExtents(extents: readonly Extent[], imageSize: number, blockSize = DEFAULT_BLOCK_SIZE): Promise<BmapRange[]> {
  if (!Number.isSafeInteger(blockSize) || blockSize < 1) throw new FormatError(`block size must be a whole number of bytes of at least 1, found ${String(blockSize)}`);
  const sorted = sortExtents(extents, imageSize);
  const hasher = await createSHA256();
  const cursor = new ImageCursor(sorted);
  const result: BmapRange[] = [];
  try {
    for (const { first, last } of mappedBlocks(sorted, blockSize)) {
      const start = first * blockSize;
      const end = Math.min((last + 1) * blockSize, imageSize);
      await cursor.skipTo(start);
      hasher.init();
      for await (const piece of cursor.take(end - start)) hasher.update(piece);
      result.push({ first, last, chksum: hasher.digest('hex') });
    }
  } finally {
    await cursor.close();
  }
  return result;
}
