/** The sparse writer: round trips through our reader and expander, stability, chunk limits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { expandSparse } from './expand';
import type { Extent } from '../extents';
import { parseSparse } from './parse';
import { readBytes } from '../read-at';
import { encodeSparse, type SparseWriteOptions } from './write';

async function collect(pieces: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const piece of pieces) {
    parts.push(piece.slice());
    size += piece.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Index of the first byte where the two differ (-1 when equal): quick on large arrays. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length))) return -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** Extents that hand out the image's bytes in pieces of 1,000 (async, to exercise both paths). */
function extentsOver(image: Uint8Array, spans: Array<[number, number]>): Extent[] {
  return spans.map(([offset, length]) => ({
    offset,
    length,
    data: async function* () {
      for (let at = offset; at < offset + length; at += 1000) yield image.subarray(at, Math.min(at + 1000, offset + length));
    },
  }));
}

/** An image with random, zero, 0xFF and patterned blocks in random extents; holes stay zero. */
const imageCase = fc
  .record({
    blockSize: fc.constantFrom(4, 64, 1024, 4096),
    blocks: fc.integer({ min: 0, max: 40 }),
    tail: fc.nat({ max: 3 }),
    options: fc.record({ holes: fc.constantFrom<SparseWriteOptions['holes']>('dont-care', 'fill'), detectFill: fc.boolean() }),
  })
  .chain(({ blockSize, blocks, tail, options }) => {
    const size = blocks * blockSize + (tail === 0 ? 0 : tail * Math.max(1, blockSize / 4) - 1);
    return fc.record({
      blockSize: fc.constant(blockSize),
      size: fc.constant(size),
      options: fc.constant(options),
      kinds: fc.array(fc.constantFrom('random', 'zero', 'ff', 'pattern'), { minLength: blocks + 1, maxLength: blocks + 1 }),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      points: fc.uniqueArray(fc.integer({ min: 0, max: size }), { maxLength: 10 }),
    });
  })
  .map(({ blockSize, size, options, kinds, seed, points }) => {
    const image = new Uint8Array(size);
    let x = seed;
    for (let i = 0; i < size; i++) {
      const kind = kinds[Math.floor(i / blockSize)];
      x = (x * 1103515245 + 12345) % 2 ** 31;
      image[i] = kind === 'random' ? x % 256 : kind === 'ff' ? 0xff : kind === 'pattern' ? [0x78, 0x56, 0x34, 0x12][i % 4] : 0;
    }
    const sorted = [...points].sort((a, b) => a - b);
    const spans: Array<[number, number]> = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) spans.push([sorted[i], sorted[i + 1] - sorted[i]]);
    // Bytes outside the extents are holes: they read as zeros.
    const raw = new Uint8Array(size);
    for (const [offset, length] of spans) raw.set(image.subarray(offset, offset + length), offset);
    return { blockSize, size, options, image: raw, extents: extentsOver(raw, spans) };
  });

describe('encodeSparse', () => {
  it('round-trips: the stream has the announced size, parses to the same chunks and expands to the image', async () => {
    await fc.assert(
      fc.asyncProperty(imageCase, async ({ blockSize, size, options, image, extents }) => {
        const output = await encodeSparse(extents, size, { ...options, blockSize });
        const bytes = await collect(output.stream());
        expect(bytes.length).toBe(output.size);
        const parsed = await parseSparse(readBytes(bytes), bytes.length);
        expect(parsed.header).toEqual(output.header);
        expect(parsed.chunks).toEqual(output.chunks);
        const expanded = await collect(expandSparse(parsed, readBytes(bytes)));
        const rounded = Math.ceil(size / blockSize) * blockSize;
        expect(expanded.length).toBe(rounded);
        expect(firstDifference(expanded.subarray(0, size), image)).toBe(-1);
        expect(expanded.subarray(size).every((b) => b === 0)).toBe(true);
        // Streaming twice gives the same bytes.
        expect(firstDifference(await collect(output.stream()), bytes)).toBe(-1);
      }),
      { numRuns: 150 },
    );
  });

  it('is stable: re-encoding what a sparse file expands to gives the same file', async () => {
    await fc.assert(
      fc.asyncProperty(imageCase, async ({ blockSize, size, options, extents }) => {
        const first = await encodeSparse(extents, size, { ...options, blockSize });
        const bytes = await collect(first.stream());
        const parsed = await parseSparse(readBytes(bytes), bytes.length);
        const expanded = await collect(expandSparse(parsed, readBytes(bytes)));
        // RAW chunks (and FILL chunks, when they may be data) become the extents; the rest stay holes.
        const again: Extent[] = parsed.chunks
          .filter((chunk) => chunk.chunkType === 'raw' || (chunk.chunkType === 'fill' && options.detectFill))
          .map((chunk) => {
            const offset = chunk.outputBlock * blockSize;
            const length = Math.min(chunk.chunkSz * blockSize, size - offset);
            return { offset, length, data: () => [expanded.subarray(offset, offset + length)] };
          })
          .filter((extent) => extent.length > 0);
        const second = await encodeSparse(again, size, { ...options, blockSize });
        expect(firstDifference(await collect(second.stream()), bytes)).toBe(-1);
      }),
      { numRuns: 100 },
    );
  });

  it('reads nothing to plan holes, and cuts FILL runs below 4 GiB of output (16 GiB image, no data)', async () => {
    const size = 16 * 1024 ** 3;
    const filled = await encodeSparse([], size, { holes: 'fill' });
    expect(filled.chunks.map((c) => [c.chunkType, c.chunkSz])).toEqual([
      ['fill', 1048575],
      ['fill', 1048575],
      ['fill', 1048575],
      ['fill', 1048575],
      ['fill', 4],
    ]);
    const skipped = await encodeSparse([], size);
    expect(skipped.chunks).toEqual([{ chunkType: 'dont-care', chunkSz: 4194304, totalSz: 12, offset: 28, outputBlock: 0 }]);
    expect(skipped.size).toBe(40);
  });

  it('writes only RAW chunks for data when fill detection is off, without reading while planning', async () => {
    let reads = 0;
    const extent: Extent = { offset: 4096, length: 8192, data: () => (reads++, [new Uint8Array(8192)]) };
    const output = await encodeSparse([extent], 5 * 4096, { detectFill: false });
    expect(reads).toBe(0);
    expect(output.chunks.map((c) => [c.chunkType, c.outputBlock, c.chunkSz])).toEqual([
      ['dont-care', 0, 1],
      ['raw', 1, 2],
      ['dont-care', 3, 2],
    ]);
  });

  it('refuses block sizes and image sizes the format cannot hold', async () => {
    await expect(encodeSparse([], 4096, { blockSize: 1022 })).rejects.toThrow('blk_sz must be a multiple of 4 from 4 to 0xFFFFFFF0, found 1022');
    await expect(encodeSparse([], 2 ** 32 * 4096 + 1)).rejects.toThrow(/needs 4294967297 blocks of 4096 bytes; total_blks holds at most 0xFFFFFFFF/);
    await expect(encodeSparse([{ offset: 10, length: 10, data: () => [] }], 15)).rejects.toThrow(FormatError);
  });
});
