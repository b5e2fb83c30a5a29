/** Block ranges from extents, checked against sha256 from node:crypto over the same bytes. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bmapRangesFromExtents } from './ranges';

describe('bmapRangesFromExtents', () => {
  it('maps every touched block, merges touching blocks, and hashes each range up to the end of the image', async () => {
    const layout = fc
      .record({ blockSize: fc.constantFrom(16, 512, 4096), size: fc.integer({ min: 1, max: 40_000 }) })
      .chain(({ blockSize, size }) => fc.record({ blockSize: fc.constant(blockSize), size: fc.constant(size), points: fc.uniqueArray(fc.integer({ min: 0, max: size }), { maxLength: 12 }) }));
    await fc.assert(
      fc.asyncProperty(layout, async ({ blockSize, size, points }) => {
        const sorted = [...points].sort((a, b) => a - b);
        const image = new Uint8Array(size);
        const mapped = new Set<number>();
        const extents = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) {
          const [offset, end] = [sorted[i], sorted[i + 1]];
          for (let at = offset; at < end; at++) {
            image[at] = (at * 13 + 1) % 256;
            mapped.add(Math.floor(at / blockSize));
          }
          extents.push({ offset, length: end - offset, data: () => [image.subarray(offset, end)] });
        }
        const ranges = await bmapRangesFromExtents(extents, size, blockSize);
        // The same map computed block by block.
        const blocks = [...mapped].sort((a, b) => a - b);
        const expected: Array<{ first: number; last: number }> = [];
        for (const block of blocks) {
          const last = expected[expected.length - 1];
          if (last && last.last + 1 === block) last.last = block;
          else expected.push({ first: block, last: block });
        }
        expect(ranges.map(({ first, last }) => ({ first, last }))).toEqual(expected);
        for (const range of ranges) {
          const bytes = image.subarray(range.first * blockSize, Math.min((range.last + 1) * blockSize, size));
          expect(range.chksum).toBe(createHash('sha256').update(bytes).digest('hex'));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a block size below 1 and extents outside the image', async () => {
    await expect(bmapRangesFromExtents([], 100, 0)).rejects.toThrow('block size must be a whole number of bytes of at least 1, found 0');
    await expect(bmapRangesFromExtents([{ offset: 90, length: 20, data: () => [new Uint8Array(20)] }], 100)).rejects.toThrow(/past the end of the 100-byte image/);
  });
});
