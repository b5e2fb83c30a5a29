/** Writing bmap files: round trips through the reader, and the details bmaptool's layout fixes. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { emitBmap } from './emit';
import { parseBmap } from './parse';
import { blocksFor, type BmapInput, type BmapRange } from './records';

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

/** Any valid input: sorted, non-overlapping ranges inside the image, with or without digests. */
const bmapInput: fc.Arbitrary<BmapInput> = fc
  .record({ imageSize: fc.oneof(fc.integer({ min: 1, max: 1 << 24 }), fc.integer({ min: 1, max: 2 ** 44 })), blockSize: fc.constantFrom(1, 3, 512, 4096, 4097, 65536) })
  .chain(({ imageSize, blockSize }) => {
    const blocks = blocksFor(imageSize, blockSize);
    return fc.record({
      imageSize: fc.constant(imageSize),
      blockSize: fc.constant(blockSize),
      ranges: fc.tuple(fc.uniqueArray(fc.integer({ min: 0, max: blocks - 1 }), { maxLength: 24 }), fc.array(fc.option(hex64, { nil: undefined }), { minLength: 24, maxLength: 24 })).map(([points, sums]) => {
        const sorted = [...points].sort((a, b) => a - b);
        const ranges: BmapRange[] = [];
        for (let i = 0; i < sorted.length; i += 2) {
          const range: BmapRange = { first: sorted[i], last: sorted[Math.min(i + 1, sorted.length - 1)] };
          if (sums[i] !== undefined) range.chksum = sums[i];
          ranges.push(range);
        }
        return ranges;
      }),
    });
  });

async function failure(run: () => Promise<unknown>): Promise<FormatError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('emitBmap', () => {
  it('round-trips through parseBmap, and re-emitting what was read gives the same text', async () => {
    await fc.assert(
      fc.asyncProperty(bmapInput, async (input) => {
        const text = await emitBmap(input);
        const bmap = await parseBmap(text);
        expect(bmap).toMatchObject({ version: '2.0', imageSize: input.imageSize, blockSize: input.blockSize, checksumType: 'sha256', ranges: input.ranges });
        expect(bmap.blocksCount).toBe(Math.ceil(input.imageSize / (input.blockSize ?? 4096)));
        expect(await emitBmap(bmap)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('stores the sha256 of the file written with 64 ASCII zeros in place of the checksum', async () => {
    const text = await emitBmap({ imageSize: 8192, ranges: [{ first: 1, last: 1 }] });
    const stored = /<BmapFileChecksum> ([0-9a-f]{64}) </.exec(text)?.[1] ?? '';
    expect(createHash('sha256').update(text.replace(stored, '0'.repeat(64))).digest('hex')).toBe(stored);
  });

  it('writes single blocks without a dash, ranges with one, and no chksum attribute when there is none', async () => {
    const text = await emitBmap({ imageSize: 40960, ranges: [{ first: 0, last: 4, chksum: 'a'.repeat(64) }, { first: 9, last: 9 }] });
    expect(text).toContain(`        <Range chksum="${'a'.repeat(64)}"> 0-4 </Range>\n        <Range> 9 </Range>\n    </BlockMap>\n</bmap>\n`);
  });

  it('overwrites the blanks of the counts like bmaptool (lines copied from bmaptool create on a 10 MiB image)', async () => {
    const text = await emitBmap({ imageSize: 10 * 1024 * 1024, ranges: [{ first: 0, last: 8 }] });
    expect(text).toContain('    <!-- Count of mapped blocks: 36.0 KiB or 0.4%     -->\n    <MappedBlocksCount> 9    </MappedBlocksCount>\n');
  });

  it('refuses inputs the format cannot hold, saying which range is wrong', async () => {
    expect((await failure(() => emitBmap({ imageSize: 0, ranges: [] }))).message).toBe('ImageSize must be a whole number of bytes from 1 to 2^53 - 1, found 0');
    expect((await failure(() => emitBmap({ imageSize: 4096, blockSize: 0, ranges: [] }))).message).toBe('BlockSize must be a whole number of bytes of at least 1, found 0');
    expect((await failure(() => emitBmap({ imageSize: 8192, ranges: [{ first: 1, last: 2 }] }))).message).toBe("Range 1-2 goes past the image's last block 1");
    expect((await failure(() => emitBmap({ imageSize: 81920, ranges: [{ first: 3, last: 5 }, { first: 5, last: 6 }] }))).message).toBe(
      'Range 5-6 does not follow the range 3-5: ranges must be sorted and must not overlap',
    );
    expect((await failure(() => emitBmap({ imageSize: 81920, ranges: [{ first: 3, last: 2 }] }))).message).toBe('Range 3-2: expected block numbers with first <= last, both from 0');
    expect((await failure(() => emitBmap({ imageSize: 81920, ranges: [{ first: 3, last: 3, chksum: 'ABC' }] }))).message).toBe('Range 3: chksum must be 64 lower-case hex digits (sha256)');
    expect((await failure(() => emitBmap({ imageSize: 2 ** 53 - 1, blockSize: 4096, ranges: [] }))).message).toBe('2199023255552 blocks of 4096 bytes go past 2^53 - 1 bytes');
  });
});
