/**
 * Writes an Android sparse image from extents without ever materialising the holes. Chunking
 * follows img2simg (libsparse 29): every full block is looked at on its own; a block holding one
 * 32-bit value repeated becomes FILL, any other block RAW; neighbours of the same kind (and the
 * same value) merge; a partial last block is RAW, padded with zeros. Holes become DONT_CARE chunks
 * (or, with `holes: 'fill'`, zero FILL chunks exactly as img2simg writes them, which reads them as
 * zeros). RAW and FILL chunks stop below 4 GiB of output, which libsparse's 32-bit lengths hold.
 *
 * The plan is made first (reading the extents once, to find the FILL blocks) so that the header,
 * the chunk list and the exact file size are known before the first byte is streamed; streaming
 * then reads the extents a second time.
 */
import { FormatError } from '../errors';
import { ImageCursor, sortExtents, type Extent } from '../extents';
import { CHUNK_HDR_SZ, encodeChunkHeader, encodeFileHeader, FILE_HDR_SZ, MAJOR_VERSION, maxDataBlocks, type SparseChunk, type SparseHeader } from './format';

export interface SparseWriteOptions {
  /** blk_sz: a non-zero multiple of 4; 4096 when omitted (img2simg's default). */
  blockSize?: number;
  /** How holes are written: DONT_CARE chunks (the default) or zero FILL chunks as img2simg writes them. */
  holes?: 'dont-care' | 'fill';
  /** Whether blocks of one repeated 32-bit value become FILL chunks, as img2simg makes them (default true). */
  detectFill?: boolean;
}

export interface SparseOutput {
  header: SparseHeader;
  chunks: SparseChunk[];
  /** Exact byte size of the sparse file. */
  size: number;
  /** The sparse file, in pieces; each call streams it anew (and reads the extents again). */
  stream: () => AsyncIterable<Uint8Array>;
}

interface Run {
  chunkType: 'raw' | 'fill' | 'dont-care';
  first: number;
  count: number;
  fillValue?: number;
}

/** Coalesces runs as libsparse's backed-block list does: same kind, contiguous, same fill value. */
class Runs {
  readonly list: Run[] = [];

  add(run: Run): void {
    if (run.count === 0) return;
    const last = this.list[this.list.length - 1];
    if (last && last.chunkType === run.chunkType && last.first + last.count === run.first && last.fillValue === run.fillValue) last.count += run.count;
    else this.list.push({ ...run });
  }
}

/** The value a block repeats every 4 bytes, or undefined when it holds anything else. */
function repeatedValue(block: Uint8Array): number | undefined {
  for (let i = 4; i < block.length; i++) if (block[i] !== block[i - 4]) return undefined;
  return block[0] + block[1] * 0x100 + block[2] * 0x10000 + block[3] * 0x1000000;
}

function checkBlockSize(blockSize: number): void {
  if (!Number.isSafeInteger(blockSize) || blockSize < 4 || blockSize % 4 !== 0 || maxDataBlocks(blockSize) < 1) {
    throw new FormatError(`blk_sz must be a multiple of 4 from 4 to 0xFFFFFFF0, found ${String(blockSize)}`);
  }
}

/** Blocks touched by the sorted extents, merged when they touch or adjoin. */
function touchedBlocks(extents: readonly Extent[], blockSize: number): Array<{ first: number; last: number }> {
  const spans: Array<{ first: number; last: number }> = [];
  for (const { offset, length } of extents) {
    const first = Math.floor(offset / blockSize);
    const last = Math.floor((offset + length - 1) / blockSize);
    const previous = spans[spans.length - 1];
    if (previous && first <= previous.last + 1) previous.last = Math.max(previous.last, last);
    else spans.push({ first, last });
  }
  return spans;
}

async function planRuns(extents: readonly Extent[], imageSize: number, blockSize: number, options: SparseWriteOptions): Promise<Run[]> {
  const totalBlks = Math.ceil(imageSize / blockSize);
  const partialTail = imageSize % blockSize !== 0 ? totalBlks - 1 : -1;
  const holesAsFill = options.holes === 'fill';
  const runs = new Runs();
  const hole = (first: number, end: number) => {
    if (!holesAsFill) return runs.add({ chunkType: 'dont-care', first, count: end - first });
    // img2simg reads a hole as zeros: zero FILL, except a partial last block, which is RAW.
    const fullEnd = partialTail >= first && partialTail < end ? partialTail : end;
    runs.add({ chunkType: 'fill', first, count: fullEnd - first, fillValue: 0 });
    if (fullEnd < end) runs.add({ chunkType: 'raw', first: fullEnd, count: 1 });
  };

  const cursor = new ImageCursor(extents);
  const block = new Uint8Array(blockSize);
  let next = 0;
  try {
    for (const { first, last } of touchedBlocks(extents, blockSize)) {
      hole(next, first);
      for (let index = first; index <= last; index++) {
        if (options.detectFill === false || index === partialTail) {
          runs.add({ chunkType: 'raw', first: index, count: last - index + 1 });
          break;
        }
        await cursor.skipTo(index * blockSize);
        let filledTo = 0;
        for await (const piece of cursor.take(blockSize)) {
          block.set(piece, filledTo);
          filledTo += piece.length;
        }
        const value = repeatedValue(block);
        runs.add(value === undefined ? { chunkType: 'raw', first: index, count: 1 } : { chunkType: 'fill', first: index, count: 1, fillValue: value });
      }
      next = last + 1;
    }
  } finally {
    await cursor.close();
  }
  hole(next, totalBlks);
  return runs.list;
}

/** Runs cut to the chunk size limit, with their sizes and offsets in the file. */
function chunksOf(runs: readonly Run[], blockSize: number): SparseChunk[] {
  const chunks: SparseChunk[] = [];
  const limit = maxDataBlocks(blockSize);
  let offset = FILE_HDR_SZ;
  for (const run of runs) {
    const most = run.chunkType === 'dont-care' ? 0xffffffff : limit;
    for (let done = 0; done < run.count; ) {
      const chunkSz = Math.min(most, run.count - done);
      const totalSz = CHUNK_HDR_SZ + (run.chunkType === 'raw' ? chunkSz * blockSize : run.chunkType === 'fill' ? 4 : 0);
      const chunk: SparseChunk = { chunkType: run.chunkType, chunkSz, totalSz, offset, outputBlock: run.first + done };
      if (run.chunkType === 'fill') chunk.fillValue = run.fillValue;
      chunks.push(chunk);
      offset += totalSz;
      done += chunkSz;
    }
  }
  return chunks;
}

/** Small pieces (headers) are gathered into one buffer before they are handed out. */
class Gather {
  private parts: Uint8Array[] = [];
  private size = 0;

  add(bytes: Uint8Array): Uint8Array | undefined {
    this.parts.push(bytes);
    this.size += bytes.length;
    return this.size >= 64 * 1024 ? this.flush() : undefined;
  }

  flush(): Uint8Array | undefined {
    if (this.size === 0) return undefined;
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    this.parts = [];
    this.size = 0;
    return out;
  }
}

async function* streamSparse(header: SparseHeader, chunks: readonly SparseChunk[], extents: readonly Extent[], imageSize: number): AsyncGenerator<Uint8Array> {
  const gather = new Gather();
  gather.add(encodeFileHeader(header));
  const cursor = new ImageCursor(extents);
  try {
    for (const chunk of chunks) {
      const full = gather.add(encodeChunkHeader(chunk));
      if (full) yield full;
      if (chunk.chunkType !== 'raw') continue;
      const pending = gather.flush();
      if (pending) yield pending;
      const start = chunk.outputBlock * header.blkSz;
      const end = start + chunk.chunkSz * header.blkSz;
      await cursor.skipTo(start);
      yield* cursor.take(Math.min(end, imageSize) - start);
      // A partial last block is padded with zeros to a whole block.
      if (end > imageSize) yield new Uint8Array(end - imageSize);
    }
    const rest = gather.flush();
    if (rest) yield rest;
  } finally {
    await cursor.close();
  }
}

/** Plans the sparse image of an `imageSize`-byte image holding `extents`; stream it with `stream()`. */
export async function encodeSparse(extents: readonly Extent[], imageSize: number, options: SparseWriteOptions = {}): Promise<SparseOutput> {
  const blockSize = options.blockSize ?? 4096;
  checkBlockSize(blockSize);
  const sorted = sortExtents(extents, imageSize);
  const totalBlks = Math.ceil(imageSize / blockSize);
  if (totalBlks > 0xffffffff) throw new FormatError(`an image of ${imageSize} bytes needs ${totalBlks} blocks of ${blockSize} bytes; total_blks holds at most 0xFFFFFFFF`);
  const chunks = chunksOf(await planRuns(sorted, imageSize, blockSize, options), blockSize);
  const header: SparseHeader = { majorVersion: MAJOR_VERSION, minorVersion: 0, fileHdrSz: FILE_HDR_SZ, chunkHdrSz: CHUNK_HDR_SZ, blkSz: blockSize, totalBlks, totalChunks: chunks.length, imageChecksum: 0 };
  const last = chunks[chunks.length - 1];
  const size = last ? last.offset + last.totalSz : FILE_HDR_SZ;
  return { header, chunks, size, stream: () => streamSparse(header, chunks, sorted, imageSize) };
}
