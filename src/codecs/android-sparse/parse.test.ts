/** The sparse reader and expander on files built here byte by byte from sparse_format.h. */
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { expandedReader, expandSparse } from './expand';
import { parseSparse } from './parse';
import { readBytes, type ReadAt } from '../read-at';

interface ChunkSpec {
  type: number;
  chunkSz: number;
  data: Uint8Array;
  totalSz?: number;
}

interface FileSpec {
  blkSz?: number;
  fileHdrSz?: number;
  chunkHdrSz?: number;
  totalBlks?: number;
  totalChunks?: number;
  imageChecksum?: number;
  major?: number;
  chunks: ChunkSpec[];
}

const RAW = 0xcac1;
const FILL = 0xcac2;
const DONT_CARE = 0xcac3;
const CRC32 = 0xcac4;

/** A sparse file laid out as sparse_format.h says; header sizes above 28/12 are padded with 0xEE. */
function sparseFile(spec: FileSpec): Uint8Array {
  const blkSz = spec.blkSz ?? 4096;
  const fileHdrSz = spec.fileHdrSz ?? 28;
  const chunkHdrSz = spec.chunkHdrSz ?? 12;
  const parts: number[] = [];
  const header = new DataView(new ArrayBuffer(fileHdrSz));
  new Uint8Array(header.buffer).fill(0xee, 28);
  header.setUint32(0, 0xed26ff3a, true);
  header.setUint16(4, spec.major ?? 1, true);
  header.setUint16(6, 0, true);
  header.setUint16(8, fileHdrSz, true);
  header.setUint16(10, chunkHdrSz, true);
  header.setUint32(12, blkSz, true);
  header.setUint32(16, spec.totalBlks ?? spec.chunks.reduce((sum, c) => sum + (c.type === CRC32 ? 0 : c.chunkSz), 0), true);
  header.setUint32(20, spec.totalChunks ?? spec.chunks.length, true);
  header.setUint32(24, spec.imageChecksum ?? 0, true);
  parts.push(...new Uint8Array(header.buffer));
  for (const chunk of spec.chunks) {
    const view = new DataView(new ArrayBuffer(chunkHdrSz));
    new Uint8Array(view.buffer).fill(0xee, 12);
    view.setUint16(0, chunk.type, true);
    view.setUint16(2, 0, true);
    view.setUint32(4, chunk.chunkSz, true);
    view.setUint32(8, chunk.totalSz ?? chunkHdrSz + chunk.data.length, true);
    parts.push(...new Uint8Array(view.buffer), ...chunk.data);
  }
  return Uint8Array.from(parts);
}

const le32 = (value: number) => Uint8Array.from([value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24]);
const raw = (blocks: number, seed: number, blkSz = 4096) => ({ type: RAW, chunkSz: blocks, data: Uint8Array.from({ length: blocks * blkSz }, (_, i) => (i * seed + 7) % 256) });

/** Byte equality that stays quick on large arrays. */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

async function collect(pieces: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const piece of pieces) parts.push(piece.slice());
  return new Uint8Array(Buffer.concat(parts));
}

async function failure(bytes: Uint8Array, fileSize = bytes.length): Promise<FormatError> {
  try {
    const image = await parseSparse(readBytes(bytes), fileSize);
    await collect(expandSparse(image, readBytes(bytes)));
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

/** The expansion by the definition of each chunk type, for comparison. */
function expected(spec: FileSpec): Uint8Array {
  const blkSz = spec.blkSz ?? 4096;
  const parts: Uint8Array[] = [];
  for (const chunk of spec.chunks) {
    if (chunk.type === RAW) parts.push(chunk.data);
    if (chunk.type === DONT_CARE) parts.push(new Uint8Array(chunk.chunkSz * blkSz));
    if (chunk.type === FILL) {
      const out = new Uint8Array(chunk.chunkSz * blkSz);
      for (let i = 0; i < out.length; i++) out[i] = chunk.data[i % 4];
      parts.push(out);
    }
  }
  return new Uint8Array(Buffer.concat(parts));
}

describe('parseSparse and expandSparse', () => {
  const spec: FileSpec = {
    chunks: [raw(2, 3), { type: FILL, chunkSz: 3, data: le32(0x12345678) }, { type: DONT_CARE, chunkSz: 4, data: new Uint8Array(0) }, raw(1, 5)],
  };

  it('lists the chunks with their offsets and output blocks, reading only headers', async () => {
    const bytes = sparseFile(spec);
    const reads: Array<[number, number]> = [];
    const image = await parseSparse((offset, length) => (reads.push([offset, length]), bytes.subarray(offset, offset + length)), bytes.length);
    expect(image.header).toEqual({ majorVersion: 1, minorVersion: 0, fileHdrSz: 28, chunkHdrSz: 12, blkSz: 4096, totalBlks: 10, totalChunks: 4, imageChecksum: 0 });
    expect(image.chunks).toEqual([
      { chunkType: 'raw', chunkSz: 2, totalSz: 8204, offset: 28, outputBlock: 0 },
      { chunkType: 'fill', chunkSz: 3, totalSz: 16, offset: 8232, outputBlock: 2, fillValue: 0x12345678 },
      { chunkType: 'dont-care', chunkSz: 4, totalSz: 12, offset: 8248, outputBlock: 5 },
      { chunkType: 'raw', chunkSz: 1, totalSz: 4108, offset: 8260, outputBlock: 9 },
    ]);
    expect(image.end).toBe(bytes.length);
    expect(reads.reduce((sum, [, length]) => sum + length, 0)).toBe(28 + 4 * 12 + 4);
    expect(same(await collect(expandSparse(image, readBytes(bytes))), expected(spec))).toBe(true);
  });

  it('honours larger file_hdr_sz and chunk_hdr_sz by skipping the extra bytes', async () => {
    const wide = sparseFile({ ...spec, fileHdrSz: 40, chunkHdrSz: 20 });
    const image = await parseSparse(readBytes(wide), wide.length);
    expect(image.chunks.map((c) => [c.offset, c.totalSz])).toEqual([[40, 8212], [8252, 24], [8276, 20], [8296, 4116]]);
    expect(same(await collect(expandSparse(image, readBytes(wide))), expected(spec))).toBe(true);
  });

  it('reads any range of the expanded image without expanding the rest', async () => {
    const bytes = sparseFile(spec);
    const image = await parseSparse(readBytes(bytes), bytes.length);
    const whole = expected(spec);
    const readAt = expandedReader(image, readBytes(bytes));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: whole.length }), fc.nat({ max: whole.length }), async (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(same(await readAt(from, to - from), whole.subarray(from, to))).toBe(true);
      }),
      { numRuns: 200 },
    );
    await expect(readAt(whole.length - 1, 2)).rejects.toThrow(`cannot read 2 bytes at ${whole.length - 1}: the expanded image has ${whole.length} bytes`);
  });

  it('verifies CRC32 chunks and a non-zero image_checksum against the output (zlib crc32 as reference)', async () => {
    const body = [raw(1, 9), { type: DONT_CARE, chunkSz: 2, data: new Uint8Array(0) }];
    const output = expected({ chunks: body });
    const good = sparseFile({ chunks: [...body, { type: CRC32, chunkSz: 0, data: le32(crc32(output)) }], imageChecksum: crc32(output) });
    expect((await collect(expandSparse(await parseSparse(readBytes(good), good.length), readBytes(good)))).length).toBe(3 * 4096);
    const badChunk = sparseFile({ chunks: [...body, { type: CRC32, chunkSz: 0, data: le32(crc32(output) ^ 1) }] });
    expect(await failure(badChunk)).toMatchObject({ offset: 28 + 4108 + 12 + 12, message: expect.stringMatching(/^crc32 chunk at 0x1034 holds 0x[0-9A-F]+, but the output so far has CRC-32 0x/) });
    const badImage = sparseFile({ chunks: body, imageChecksum: 1 });
    expect(await failure(badImage)).toMatchObject({ offset: 24, message: expect.stringMatching(/^image_checksum is 0x1, but the expanded image has CRC-32/) });
  });

  it('refuses bad headers with the offset of the field', async () => {
    const bytes = sparseFile(spec);
    const withField = (offset: number, value: number, size: 2 | 4) => {
      const copy = bytes.slice();
      const view = new DataView(copy.buffer);
      if (size === 2) view.setUint16(offset, value, true);
      else view.setUint32(offset, value, true);
      return copy;
    };
    expect(await failure(withField(0, 0x12345678, 4))).toMatchObject({ offset: 0, message: 'not an Android sparse image: magic should be 0xED26FF3A, found 0x12345678 (offset 0x0)' });
    expect(await failure(withField(4, 2, 2))).toMatchObject({ offset: 4, message: expect.stringMatching(/^sparse format major version 2 is not supported/) });
    expect(await failure(withField(8, 20, 2))).toMatchObject({ offset: 8, message: expect.stringMatching(/^file_hdr_sz is 20, less than the 28 bytes/) });
    expect(await failure(withField(10, 8, 2))).toMatchObject({ offset: 10 });
    expect(await failure(withField(12, 4094, 4))).toMatchObject({ offset: 12, message: expect.stringMatching(/^blk_sz must be a non-zero multiple of 4, found 4094/) });
    expect(await failure(withField(16, 11, 4))).toMatchObject({ offset: 16, message: 'the 4 chunks stand for 10 output blocks, but total_blks is 11 (offset 0x10)' });
    expect(await failure(withField(16, 9, 4))).toMatchObject({ message: expect.stringMatching(/^chunk 4 of 4 \(raw\) ends at output block 10, past total_blks 9/) });
    expect(await failure(new Uint8Array(10))).toMatchObject({ offset: 0, message: expect.stringMatching(/^a sparse image starts with a 28-byte header, but the file has 10 bytes/) });
  });

  it('refuses total_chunks = 2^32 - 1 at once, from the file size alone', async () => {
    const bytes = sparseFile({ ...spec, totalChunks: 0xffffffff });
    let reads = 0;
    const counting: ReadAt = (offset, length) => (reads++, bytes.subarray(offset, offset + length));
    await expect(parseSparse(counting, bytes.length)).rejects.toThrow(/^total_chunks is 4294967295, but a file of 12368 bytes has room for at most 1028 chunk headers of 12 bytes/);
    expect(reads).toBe(1);
  });

  it('refuses chunks whose sizes disagree with their type, the file size or total_blks', async () => {
    expect(await failure(sparseFile({ chunks: [{ ...raw(1, 1), chunkSz: 0xffffffff }] }))).toMatchObject({
      offset: 36,
      message: expect.stringMatching(/^chunk 1 of 1 \(raw\): total_sz is 4108, expected chunk_hdr_sz 12 \+ 4294967295 blocks of 4096 bytes = 17592186040332/),
    });
    expect(await failure(sparseFile({ chunks: [{ type: FILL, chunkSz: 0xffffffff, data: le32(0) }], totalBlks: 5 }))).toMatchObject({ message: expect.stringMatching(/ends at output block 4294967295, past total_blks 5/) });
    expect(await failure(sparseFile({ chunks: [{ type: DONT_CARE, chunkSz: 1, data: le32(0) }] }))).toMatchObject({ message: expect.stringMatching(/^chunk 1 of 1 \(dont-care\): total_sz is 16, expected chunk_hdr_sz 12 \+ 0/) });
    expect(await failure(sparseFile({ chunks: [{ type: CRC32, chunkSz: 1, data: le32(0) }], totalBlks: 1 }))).toMatchObject({ message: expect.stringMatching(/^chunk 1 of 1: a crc32 chunk stands for no output blocks, but chunk_sz is 1/) });
    expect(await failure(sparseFile({ chunks: [{ type: 0xcac5, chunkSz: 1, data: new Uint8Array(0) }], totalBlks: 1 }))).toMatchObject({ offset: 28, message: expect.stringMatching(/^chunk 1 of 1: unknown chunk type 0xCAC5/) });
    const file = sparseFile(spec);
    expect(await failure(file.subarray(0, file.length - 1))).toMatchObject({ offset: 8260, message: expect.stringMatching(/^chunk 4 of 4 \(raw\) of 4108 bytes runs past the end of the file/) });
  });

  it('refuses a file that is shorter than the size it was announced with', async () => {
    const file = sparseFile(spec);
    expect(await failure(file.subarray(0, 8246), file.length)).toMatchObject({ offset: 8246, message: 'chunk 2 of 4 value: needed 4 bytes at 0x2034, the file gave 2' });
    expect(await failure(file.subarray(0, 8240), file.length)).toMatchObject({ offset: 8240, message: 'chunk 2 of 4 header: needed 12 bytes at 0x2028, the file gave 8' });
  });

  it('gives only FormatErrors for random bytes, truncations and flips, with reads bounded by the file size', async () => {
    const file = sparseFile({ chunks: [raw(1, 3), { type: FILL, chunkSz: 2, data: le32(7) }, { type: DONT_CARE, chunkSz: 3, data: new Uint8Array(0) }, { type: CRC32, chunkSz: 0, data: le32(0) }] });
    const truncated = fc.nat({ max: file.length - 1 }).map((end) => file.slice(0, end));
    const flipped = fc.array(fc.tuple(fc.nat({ max: 120 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => {
      const copy = file.slice();
      for (const [at, mask] of flips) copy[Math.min(at, copy.length - 1)] ^= mask;
      return copy;
    });
    const header = fc.uint8Array({ minLength: 28, maxLength: 200 }).map((tail) => Uint8Array.from([0x3a, 0xff, 0x26, 0xed, 1, 0, 28, 0, 12, 0, ...tail.subarray(10)]));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 100 }), truncated, flipped, header), async (bytes) => {
        let reads = 0;
        const counting: ReadAt = (offset, length) => (reads++, bytes.subarray(offset, offset + length));
        try {
          await collect(expandSparse(await parseSparse(counting, bytes.length), counting));
        } catch (error) {
          if (!(error instanceof FormatError)) throw error;
          expect(error.offset === undefined || (error.offset >= 0 && error.offset <= bytes.length)).toBe(true);
        }
        // Header, then at most one header read and one value read per chunk that fits, plus RAW data pieces.
        expect(reads).toBeLessThanOrEqual(1 + 2 * Math.ceil(bytes.length / 12) + Math.ceil(bytes.length / 2 ** 20) + 4);
      }),
      { numRuns: 1500 },
    );
  });
});
