/** The extent cursor: zeros in holes, exact lengths, every stream opened at most once. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from './errors';
import { ImageCursor, sortExtents, type Extent } from './extents';

/** Extents over an image, each stream cut into pieces at the given points, sync or async. */
function extentsOf(image: Uint8Array, spans: Array<[number, number]>, cuts: number[], useAsync: boolean, opened: number[] = []): Extent[] {
  return spans.map(([offset, length], index) => ({
    offset,
    length,
    data: () => {
      opened[index] = (opened[index] ?? 0) + 1;
      const bytes = image.subarray(offset, offset + length);
      const points = [...new Set(cuts.map((c) => c % (length + 1)))].sort((a, b) => a - b);
      const pieces = [0, ...points, length].slice(1).map((end, i, all) => bytes.subarray(i === 0 ? 0 : all[i - 1], end));
      if (!useAsync) return pieces;
      return (async function* () {
        yield* pieces;
      })();
    },
  }));
}

async function collect(pieces: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const piece of pieces) parts.push(piece.slice());
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

async function failure(run: () => Promise<unknown>): Promise<FormatError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

/** Random non-overlapping spans inside an image of `size` bytes. */
const layout = fc.integer({ min: 1, max: 3000 }).chain((size) =>
  fc.tuple(
    fc.constant(size),
    fc.uniqueArray(fc.integer({ min: 0, max: size }), { maxLength: 12 }).map((points) => {
      const sorted = [...points].sort((a, b) => a - b);
      const spans: Array<[number, number]> = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) spans.push([sorted[i], sorted[i + 1] - sorted[i]]);
      return spans;
    }),
    fc.array(fc.nat(), { maxLength: 5 }),
    fc.boolean(),
  ),
);

describe('ImageCursor', () => {
  it('reads the image with zeros in the holes, whatever the piece sizes', async () => {
    await fc.assert(
      fc.asyncProperty(layout, fc.array(fc.nat({ max: 700 }), { maxLength: 6 }), async ([size, spans, cuts, useAsync], steps) => {
        const image = new Uint8Array(size);
        for (const [offset, length] of spans) for (let i = 0; i < length; i++) image[offset + i] = 1 + ((offset * 31 + i) % 255);
        const opened: number[] = [];
        const cursor = new ImageCursor(sortExtents(extentsOf(image, spans, cuts, useAsync, opened), size));
        // Read in a few takes of random lengths, then the rest.
        const parts: Uint8Array[] = [];
        for (const step of steps) {
          const length = Math.min(step, size - cursor.position);
          parts.push(await collect(cursor.take(length)));
        }
        parts.push(await collect(cursor.take(size - cursor.position)));
        expect(Uint8Array.from(parts.flatMap((p) => [...p]))).toEqual(image);
        expect(opened.every((count) => count === 1)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('skips whole extents without opening them, and reads through the one it lands in', async () => {
    const image = Uint8Array.from({ length: 100 }, (_, i) => i);
    const opened: number[] = [];
    const cursor = new ImageCursor(sortExtents(extentsOf(image, [[10, 10], [40, 20]], [3], false, opened), 100));
    await cursor.skipTo(45);
    expect(await collect(cursor.take(10))).toEqual(image.subarray(45, 55));
    expect(opened).toEqual([undefined, 1]);
    await expect(cursor.skipTo(20)).rejects.toThrow(FormatError);
  });

  it('refuses streams that are shorter or longer than their extent, or that hand out something else', async () => {
    const short: Extent = { offset: 0, length: 10, data: () => [new Uint8Array(4)] };
    expect((await failure(() => collect(new ImageCursor([short]).take(10)))).message).toBe('extent at 0x0 supplied 4 bytes, but its length is 10');
    const long: Extent = { offset: 8, length: 4, data: () => [new Uint8Array(3), new Uint8Array(3)] };
    expect((await failure(() => collect(new ImageCursor([long]).take(12)))).message).toBe('extent at 0x8 supplied more than its length of 4 bytes');
    const trailing: Extent = { offset: 0, length: 4, data: () => [new Uint8Array(4), new Uint8Array(1)] };
    expect((await failure(() => collect(new ImageCursor([trailing]).take(4)))).message).toBe('extent at 0x0 supplied more than its length of 4 bytes');
    const wrong = { offset: 0, length: 4, data: () => ['abcd'] } as unknown as Extent;
    expect((await failure(() => collect(new ImageCursor([wrong]).take(4)))).message).toBe('extent at 0x0 supplied a piece that is not a Uint8Array');
  });

  it('cuts holes into pieces of at most 64 KiB, each a fresh buffer', async () => {
    const pieces: Uint8Array[] = [];
    for await (const piece of new ImageCursor([]).take(200_000)) pieces.push(piece);
    expect(pieces.map((p) => p.length)).toEqual([65536, 65536, 65536, 3392]);
    expect(new Set(pieces.map((p) => p.buffer)).size).toBe(4);
  });
});

describe('sortExtents', () => {
  const extent = (offset: number, length: number): Extent => ({ offset, length, data: () => [new Uint8Array(length)] });

  it('sorts, drops empty extents, and refuses overlaps and extents outside the image', () => {
    expect(sortExtents([extent(50, 10), extent(0, 0), extent(10, 40)], 60).map((e) => e.offset)).toEqual([10, 50]);
    expect(() => sortExtents([extent(0, 20), extent(10, 5)], 60)).toThrow('extent at 0xA overlaps the extent at 0x0 (which ends at 0x14)');
    expect(() => sortExtents([extent(50, 20)], 60)).toThrow('extent at 0x32 of 20 bytes ends at 0x46, past the end of the 60-byte image');
    expect(() => sortExtents([extent(1.5, 2)], 60)).toThrow('extent offset must be a whole number of bytes from 0 to 2^53 - 1, found 1.5');
    expect(() => sortExtents([], 2 ** 53)).toThrow(FormatError);
  });
});
