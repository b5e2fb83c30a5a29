/** Reading bmap files: the checks, their located messages, and hostile input. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { emitBmap } from './emit';
import { parseBmap } from './parse';

const SUM = (n: number) => n.toString(16).padStart(2, '0').repeat(32);

/** A valid bmap: 64 MiB image, ranges 0-4, 100, 16383. */
const valid = await emitBmap({ imageSize: 64 * 1024 * 1024, ranges: [{ first: 0, last: 4, chksum: SUM(1) }, { first: 100, last: 100, chksum: SUM(2) }, { first: 16383, last: 16383, chksum: SUM(3) }] });

/** The text with its file checksum recomputed, so that only the edit itself can be wrong. */
function resealed(text: string, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  const match = /<BmapFileChecksum> ([0-9a-f]+) <\/BmapFileChecksum>/.exec(text);
  if (!match) return text;
  const zeroed = text.replace(match[1], '0'.repeat(match[1].length));
  const digits = algorithm === 'sha256' ? 64 : 128;
  const blank = zeroed.replace('0'.repeat(match[1].length), '0'.repeat(digits));
  return blank.replace('0'.repeat(digits), createHash(algorithm).update(blank).digest('hex'));
}

function edit(from: string | RegExp, to: string): string {
  return resealed(valid.replace(from, to));
}

async function failure(input: string | Uint8Array): Promise<FormatError> {
  try {
    await parseBmap(input);
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('parseBmap', () => {
  it('reads the fields and ranges', async () => {
    expect(await parseBmap(valid)).toEqual({
      version: '2.0',
      imageSize: 67108864,
      blockSize: 4096,
      blocksCount: 16384,
      mappedBlocksCount: 7,
      checksumType: 'sha256',
      bmapFileChecksum: /<BmapFileChecksum> ([0-9a-f]{64})/.exec(valid)?.[1],
      ranges: [
        { first: 0, last: 4, chksum: SUM(1) },
        { first: 100, last: 100, chksum: SUM(2) },
        { first: 16383, last: 16383, chksum: SUM(3) },
      ],
    });
  });

  it('accepts version 1.4 (the same format), bytes with a BOM, and sha512 checksums', async () => {
    expect((await parseBmap(edit('version="2.0"', 'version="1.4"'))).version).toBe('1.4');
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(valid)]);
    const sealed = createHash('sha256').update(Buffer.from(bom).toString('latin1').replace(/<BmapFileChecksum> [0-9a-f]{64}/, `<BmapFileChecksum> ${'0'.repeat(64)}`), 'latin1').digest('hex');
    const withBom = Buffer.from(Buffer.from(bom).toString('latin1').replace(/(<BmapFileChecksum> )[0-9a-f]{64}/, `$1${sealed}`), 'latin1');
    expect((await parseBmap(new Uint8Array(withBom))).ranges).toHaveLength(3);
    const sha512 = resealed(valid.replace('<ChecksumType> sha256 </ChecksumType>', '<ChecksumType> sha512 </ChecksumType>').replace(/chksum="([0-9a-f]{64})"/g, 'chksum="$1$1"'), 'sha512');
    const bmap = await parseBmap(sha512);
    expect(bmap.checksumType).toBe('sha512');
    expect(bmap.ranges[0].chksum).toBe(SUM(1).repeat(2));
  });

  it('names SHA-1 for version 1.3 and refuses other versions, at the version attribute', async () => {
    const line = lineOf(valid, '<bmap version');
    expect(await failure(edit('version="2.0"', 'version="1.3"'))).toMatchObject({
      line,
      column: 7,
      message: `bmap format version 1.3 uses SHA-1 checksums (BmapFileSHA1 and sha1= attributes), which are not accepted: recreate the bmap with bmaptool 3.1 or later (format 2.0, sha256) (line ${line}, column 7)`,
    });
    expect((await failure(edit('version="2.0"', 'version="3.0"'))).message).toMatch(/^bmap format version 3.0 is not supported: only versions up to 2.0 are/);
    expect((await failure(edit('version="2.0"', 'version="1.2"'))).message).toMatch(/^bmap format version 1.2 is not supported: expected 2.0 \(or 1.4\)/);
    expect((await failure(edit('version="2.0"', 'version="two"'))).message).toMatch(/^bmap version "two" is not of the form major.minor/);
    expect((await failure(edit(' version="2.0"', ''))).message).toMatch(/^<bmap> has no version attribute/);
  });

  it('checks BlocksCount against ImageSize with bmaptool\'s words, at the number', async () => {
    const line = lineOf(valid, '<BlocksCount> 16384');
    expect(await failure(edit('<BlocksCount> 16384 ', '<BlocksCount> 16385 '))).toMatchObject({
      line,
      column: 19,
      message: `Inconsistent bmap - image size does not match blocks count (67108864 bytes != 16385 blocks * 4096 bytes) (line ${line}, column 19)`,
    });
  });

  it('checks each range: the form, first <= last, inside the image, sorted, not overlapping', async () => {
    const line = lineOf(valid, '> 100 <');
    expect(await failure(edit('> 100 <', '> 4 <'))).toMatchObject({ line, message: expect.stringMatching(/^<Range> "4" starts at or before the end of the range before it \(block 4\)/) });
    expect((await failure(edit('> 100 <', '> 3-7 <'))).message).toMatch(/^<Range> "3-7" starts at or before the end/);
    expect((await failure(edit('> 100 <', '> 101-100 <'))).message).toMatch(/^bad range \(first > last\): "101-100"/);
    expect((await failure(edit('> 16383 <', '> 16384 <'))).message).toMatch(/^<Range> "16384" goes past the last block 16383 of the image/);
    expect((await failure(edit('> 100 <', '> 1e2 <'))).message).toMatch(/^<Range> must hold a block number or two joined by "-", found "1e2"/);
    expect((await failure(edit(`chksum="${SUM(2)}"`, 'chksum="abc"'))).message).toMatch(/^The chksum attribute must be 64 lower-case hex digits \(sha256\), found "abc"/);
    expect((await failure(edit('<BlockMap>', '<BlockMap><Other/>'))).message).toMatch(/^<BlockMap> must hold only <Range> elements, found <Other>/);
  });

  it('checks MappedBlocksCount against the ranges', async () => {
    expect((await failure(edit('<MappedBlocksCount> 7 ', '<MappedBlocksCount> 8 '))).message).toMatch(/^<MappedBlocksCount> is 8, but the ranges hold 7 blocks/);
  });

  it('verifies the file checksum: any edit of a sealed file is a mismatch at <BmapFileChecksum>', async () => {
    const line = lineOf(valid, '<BmapFileChecksum>');
    const changed = valid.replace(`chksum="${SUM(2)}"`, `chksum="${SUM(4)}"`);
    expect(await failure(changed)).toMatchObject({ line, column: 24, message: expect.stringMatching(/^checksum mismatch for the bmap file: calculated [0-9a-f]{64}, the file says [0-9a-f]{64}/) });
  });

  it('needs every element once, numbers as whole numbers within 2^53 - 1', async () => {
    expect((await failure(edit(/ *<ChecksumType>.*\n/, ''))).message).toMatch(/^<bmap> has no <ChecksumType> element/);
    expect((await failure(edit('<BlockSize> 4096 </BlockSize>', '<BlockSize> 4096 </BlockSize><BlockSize> 4096 </BlockSize>'))).message).toMatch(/^<BlockSize> appears twice \(first at line \d+\)/);
    expect((await failure(edit('<ImageSize> 67108864 ', '<ImageSize> 99999999999999999999 '))).message).toMatch(/^<ImageSize> "99999999999999999999" is above 2\^53 - 1/);
    expect((await failure(edit('<ImageSize> 67108864 ', '<ImageSize> -1 '))).message).toMatch(/^<ImageSize> must hold a whole number, found "-1"/);
    expect((await failure(edit('<ImageSize> 67108864 ', '<ImageSize> 0 '))).message).toMatch(/^<ImageSize> must be at least 1, found 0/);
    expect((await failure(edit('<ChecksumType> sha256 ', '<ChecksumType> md5 '))).message).toMatch(/^<ChecksumType> "md5" is not supported: expected sha256 \(or sha512\)/);
    expect((await failure(edit('<bmap version', '<map version').replace('</bmap>', '</map>'))).message).toMatch(/^expected the root element <bmap>, found <map>/);
  });

  it('reports undecodable bytes with their offset', async () => {
    const bytes = new Uint8Array(Buffer.from(valid));
    bytes[50] = 0xff;
    expect(await failure(bytes)).toMatchObject({ offset: 50, message: 'the bmap file is not valid UTF-8 (bad byte at offset 50)' });
  });

  it('reads 10,000 ranges', async () => {
    const ranges = Array.from({ length: 10_000 }, (_, i) => ({ first: i * 3, last: i * 3 + 1, chksum: SUM(i % 256) }));
    const bmap = await parseBmap(await emitBmap({ imageSize: 30_000 * 4096, ranges }));
    expect(bmap.ranges).toEqual(ranges);
    expect(bmap.mappedBlocksCount).toBe(20_000);
  });

  it('keeps messages short when a field holds 1 MB of text', async () => {
    const message = (await failure(edit('<ChecksumType> sha256 ', `<ChecksumType> ${'x'.repeat(1_000_000)} `))).message;
    expect(message.length).toBeLessThan(150);
  });

  it('gives only FormatErrors for random bytes, truncations and byte flips of a valid file (1,500 cases)', async () => {
    const bytes = new Uint8Array(Buffer.from(valid));
    const truncated = fc.nat({ max: bytes.length - 1 }).map((end) => bytes.slice(0, end));
    const flipped = fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, mask]) => {
      const copy = bytes.slice();
      copy[at] ^= mask;
      return copy;
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), truncated, flipped), async (input) => {
        // Every change of a sealed file is caught: by the XML reader, the checks or the checksum.
        expect(await failure(input)).toBeInstanceOf(FormatError);
      }),
      { numRuns: 1500 },
    );
  });
});
