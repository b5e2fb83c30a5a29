/**
 * Conformance with Debian's libsparse tools (android-sdk-libsparse-utils 29): img2simg as the
 * reference encoder, simg2img as the reference expander, simg_dump -v as the reference chunk lister.
 */
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { debianTool, runTool } from '../../test-support/debian';
import { expandedReader, expandSparse } from './expand';
import type { Extent } from '../extents';
import type { SparseChunk, SparseImage } from './format';
import { parseSparse } from './parse';
import { readBytes } from '../read-at';
import { encodeSparse, type SparseWriteOptions } from './write';

const img2simg = debianTool('img2simg', 'android-sdk-libsparse-utils');
const simg2img = debianTool('simg2img', 'android-sdk-libsparse-utils');
const simgDump = debianTool('simg_dump', 'android-sdk-libsparse-utils');
const dir = mkdtempSync(join(tmpdir(), 'flashmap-sparse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MiB = 1024 * 1024;
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

const pattern = (length: number, bytes: number[]) => Uint8Array.from({ length }, (_, i) => bytes[i % bytes.length]);

async function collect(pieces: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const piece of pieces) parts.push(piece);
  return new Uint8Array(Buffer.concat(parts));
}

interface Sample {
  name: string;
  size: number;
  blockSize?: number;
  data: Array<{ offset: number; bytes: Uint8Array }>;
}

const samples: Sample[] = [
  {
    name: 'mixed',
    size: 16 * MiB,
    data: [
      { offset: 0, bytes: noise(20000, 1) },
      { offset: 40960, bytes: pattern(8192, [0xff]) },
      { offset: 49152, bytes: new Uint8Array(3 * 4096) },
      { offset: 61440, bytes: pattern(4096 * 2, [0x78, 0x56, 0x34, 0x12]) },
      { offset: 4096 * 1000 + 100, bytes: noise(5000, 2) },
      { offset: 8 * MiB, bytes: pattern(4096 * 3 + 10, [0xaa, 0x55]) },
      { offset: 16 * MiB - 4096, bytes: noise(4096, 3) },
    ],
  },
  { name: 'partial-tail-data', size: 10 * MiB + 1000, data: [{ offset: 4096, bytes: noise(4096, 4) }, { offset: 10 * MiB + 10, bytes: noise(990, 5) }] },
  { name: 'partial-tail-hole', size: 3 * MiB + 464, data: [{ offset: MiB, bytes: noise(100, 6) }] },
  { name: 'block-1024', size: 2 * MiB, blockSize: 1024, data: [{ offset: 1000, bytes: noise(3000, 7) }, { offset: 9216, bytes: pattern(2048, [1, 2, 3, 4]) }] },
  { name: 'all-hole', size: 4 * MiB, data: [] },
];

/** The sparse file on disk (holes left as holes) and the extents describing it. */
function write(sample: Sample): { path: string; image: Uint8Array; extents: Extent[] } {
  const path = join(dir, `${sample.name}.raw`);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, sample.size);
  for (const { offset, bytes } of sample.data) writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
  const extents = sample.data.map(({ offset, bytes }) => ({ offset, length: bytes.length, data: () => [bytes.subarray(0, 3000), bytes.subarray(3000)] }));
  return { path, image: new Uint8Array(readFileSync(path)), extents };
}

async function encodeTo(path: string, extents: Extent[], size: number, options: SparseWriteOptions): Promise<Uint8Array> {
  const output = await encodeSparse(extents, size, options);
  const bytes = await collect(output.stream());
  expect(bytes.length).toBe(output.size);
  writeFileSync(path, bytes);
  return bytes;
}

/** simg_dump -v rows: data offset, data bytes, first output block, blocks, type. */
function dumpRows(path: string): Array<[number, number, number, number, string]> {
  const { stdout } = runTool(simgDump, ['-v', path]);
  return stdout
    .split('\n')
    .map((line) => /^\s*\d+\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(.*?)\s*$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), match[5]]);
}

function ourRows(image: SparseImage): Array<[number, number, number, number, string]> {
  const type = (chunk: SparseChunk) =>
    chunk.chunkType === 'raw' ? 'Raw data' : chunk.chunkType === 'fill' ? `Fill with 0x${(chunk.fillValue ?? 0).toString(16).toUpperCase().padStart(8, '0')}` : chunk.chunkType === 'dont-care' ? "Don't care" : `Unverified CRC32 0x${(chunk.crc32 ?? 0).toString(16).toUpperCase().padStart(8, '0')}`;
  return image.chunks.map((chunk) => [chunk.offset + image.header.chunkHdrSz, chunk.totalSz - image.header.chunkHdrSz, chunk.outputBlock, chunk.chunkSz, type(chunk)]);
}

describe('against img2simg, simg2img and simg_dump', () => {
  for (const sample of samples) {
    const blockSize = sample.blockSize ?? 4096;

    it(`${sample.name}: with zero FILL for holes our file equals img2simg's byte for byte`, async () => {
      const { path, extents } = write(sample);
      const reference = join(dir, `${sample.name}.ref.simg`);
      runTool(img2simg, [path, reference, String(blockSize)]);
      const ours = await encodeTo(join(dir, `${sample.name}.fill.simg`), extents, sample.size, { blockSize, holes: 'fill' });
      expect(same(ours, new Uint8Array(readFileSync(reference)))).toBe(true);
    });

    it(`${sample.name}: with DONT_CARE holes simg2img expands ours to the image, and simg_dump lists our chunks`, async () => {
      const { image, extents } = write(sample);
      const oursPath = join(dir, `${sample.name}.simg`);
      const ours = await encodeTo(oursPath, extents, sample.size, { blockSize });
      const out = join(dir, `${sample.name}.out`);
      runTool(simg2img, [oursPath, out]);
      const expanded = new Uint8Array(readFileSync(out));
      // simg2img writes whole blocks: a partial last block comes back padded with zeros.
      expect(expanded.length).toBe(Math.ceil(sample.size / blockSize) * blockSize);
      expect(same(expanded.subarray(0, sample.size), image)).toBe(true);
      expect(expanded.subarray(sample.size).every((b) => b === 0)).toBe(true);
      expect(ourRows(await parseSparse(readBytes(ours), ours.length))).toEqual(dumpRows(oursPath));
    });

    it(`${sample.name}: our reader gives img2simg's file the chunk list simg_dump -v prints, and expands it like simg2img`, async () => {
      const { path } = write(sample);
      const reference = join(dir, `${sample.name}.ref2.simg`);
      runTool(img2simg, [path, reference, String(blockSize)]);
      const bytes = new Uint8Array(readFileSync(reference));
      const image = await parseSparse(readBytes(bytes), bytes.length);
      expect(ourRows(image)).toEqual(dumpRows(reference));
      const out = join(dir, `${sample.name}.ref.out`);
      runTool(simg2img, [reference, out]);
      const expanded = new Uint8Array(readFileSync(out));
      expect(same(await collect(expandSparse(image, readBytes(bytes))), expanded)).toBe(true);
      const readAt = expandedReader(image, readBytes(bytes));
      for (const [from, length] of fc.sample(fc.tuple(fc.nat({ max: expanded.length - 1 }), fc.nat({ max: 70000 })), { numRuns: 40, seed: 3 })) {
        const take = Math.min(length, expanded.length - from);
        expect(same(await readAt(from, take), expanded.subarray(from, from + take))).toBe(true);
      }
    });
  }
});
