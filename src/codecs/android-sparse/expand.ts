/**
 * The raw image inside a sparse image: streamed from front to back (as simg2img writes it, with
 * the CRC32 chunks and a non-zero image_checksum verified on the way), or read at any offset
 * without expanding what comes before.
 */
import { FormatError } from '../errors';
import { crc32Update } from '../crc32';
import { formatHex } from '../../model/units';
import type { SparseChunk, SparseImage } from './format';
import { readExactly, type ReadAt } from '../read-at';

/** Output is handed out in pieces of at most 1 MiB, each a fresh buffer. */
const PIECE = 1024 * 1024;

function filled(value: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  if (value === 0) return bytes;
  // Little-endian pattern, repeated by doubling copies.
  for (let i = 0; i < 4 && i < size; i++) bytes[i] = Math.floor(value / 2 ** (8 * i)) % 256;
  for (let done = 4; done < size; done *= 2) bytes.copyWithin(done, 0, Math.min(done, size - done));
  return bytes;
}

/** Bytes [from, from + size) of one chunk's output, in pieces. */
async function* chunkOutput(image: SparseImage, chunk: SparseChunk, read: ReadAt, from: number, size: number): AsyncGenerator<Uint8Array> {
  const dataOffset = chunk.offset + image.header.chunkHdrSz;
  for (let done = 0; done < size; ) {
    const length = Math.min(PIECE, size - done);
    if (chunk.chunkType === 'raw') yield await readExactly(read, dataOffset + from + done, length, `raw chunk at ${formatHex(chunk.offset)}`);
    else if (chunk.chunkType === 'fill') {
      // The pattern repeats every 4 bytes from the chunk start; a read may begin mid-pattern.
      const phase = (from + done) % 4;
      yield filled(chunk.fillValue ?? 0, length + phase).subarray(phase);
    }
    else yield new Uint8Array(length);
    done += length;
  }
}

/** The whole raw image (total_blks × blk_sz bytes), in order. */
export async function* expandSparse(image: SparseImage, read: ReadAt): AsyncGenerator<Uint8Array> {
  const { header, chunks } = image;
  const checking = header.imageChecksum !== 0 || chunks.some((chunk) => chunk.chunkType === 'crc32');
  let crc = 0;
  for (const chunk of chunks) {
    if (chunk.chunkType === 'crc32') {
      if (chunk.crc32 !== crc) {
        throw new FormatError(`crc32 chunk at ${formatHex(chunk.offset)} holds ${formatHex(chunk.crc32 ?? 0)}, but the output so far has CRC-32 ${formatHex(crc)}`, { offset: chunk.offset + header.chunkHdrSz });
      }
      continue;
    }
    for await (const piece of chunkOutput(image, chunk, read, 0, chunk.chunkSz * header.blkSz)) {
      if (checking) crc = crc32Update(crc, piece);
      yield piece;
    }
  }
  if (header.imageChecksum !== 0 && header.imageChecksum !== crc) {
    throw new FormatError(`image_checksum is ${formatHex(header.imageChecksum)}, but the expanded image has CRC-32 ${formatHex(crc)}`, { offset: 24 });
  }
}

/**
 * A ReadAt over the expanded image: a read touches only the chunks it overlaps (found by binary
 * search), so an inspector can look inside a multi-GiB sparse image without expanding it.
 */
export function expandedReader(image: SparseImage, read: ReadAt): ReadAt {
  const { blkSz, totalBlks } = image.header;
  const size = totalBlks * blkSz;
  const covering = image.chunks.filter((chunk) => chunk.chunkSz > 0);
  return async (offset, length) => {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > size) {
      throw new FormatError(`cannot read ${String(length)} bytes at ${String(offset)}: the expanded image has ${size} bytes`);
    }
    const out = new Uint8Array(length);
    let low = 0;
    let high = covering.length - 1;
    const block = Math.floor(offset / blkSz);
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (covering[middle].outputBlock <= block) low = middle;
      else high = middle - 1;
    }
    for (let index = low, done = 0; done < length; index++) {
      const chunk = covering[index];
      const chunkStart = chunk.outputBlock * blkSz;
      const from = offset + done - chunkStart;
      const take = Math.min(length - done, chunk.chunkSz * blkSz - from);
      for await (const piece of chunkOutput(image, chunk, read, from, take)) {
        out.set(piece, done);
        done += piece.length;
      }
    }
    return out;
  };
}
