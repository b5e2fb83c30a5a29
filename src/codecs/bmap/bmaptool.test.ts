/**
 * Conformance with bmaptool 3.6 (Debian's bmap-tools): for sparse files written here, our .bmap is
 * byte-identical to `bmaptool create`'s, and `bmaptool copy` accepts ours and restores the image.
 */
import { mkdtempSync, openSync, closeSync, ftruncateSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { debianTool, runTool } from '../../test-support/debian';
import { emitBmap } from './emit';
import type { Extent } from '../extents';
import { parseBmap } from './parse';
import { bmapRangesFromExtents } from './ranges';

const bmaptool = debianTool('bmaptool', 'bmap-tools');
const dir = mkdtempSync(join(tmpdir(), 'flashmap-bmap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MiB = 1024 * 1024;

/** Deterministic pseudo-random bytes (xorshift32). */
function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

interface Sample {
  name: string;
  size: number;
  /** Data written at these offsets; everything else stays a hole of the sparse file. */
  data: Array<{ offset: number; bytes: Uint8Array }>;
}

/** Writes the sparse file and returns its path and the extents describing it, in pieces of 5,000 bytes. */
function write(sample: Sample): { path: string; extents: Extent[] } {
  const path = join(dir, `${sample.name}.img`);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, sample.size);
  for (const { offset, bytes } of sample.data) writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
  const extents = sample.data.map(({ offset, bytes }) => ({
    offset,
    length: bytes.length,
    data: function* () {
      for (let at = 0; at < bytes.length; at += 5000) yield bytes.subarray(at, at + 5000);
    },
  }));
  return { path, extents };
}

const samples: Sample[] = [
  {
    // GPT-like: protective MBR, header and entry array in blocks 0-4; backup array and header in the last 33 sectors.
    name: 'gpt-like',
    size: 64 * MiB,
    data: [
      { offset: 0, bytes: noise(34 * 512, 1) },
      { offset: MiB + 100, bytes: noise(9000, 2) },
      { offset: 8 * MiB, bytes: noise(3 * 4096, 3) },
      { offset: 8 * MiB + 3 * 4096, bytes: noise(10, 4) },
      { offset: 20 * MiB, bytes: new Uint8Array(8192) },
      { offset: 64 * MiB - 33 * 512, bytes: noise(33 * 512, 5) },
    ],
  },
  { name: 'partial-last-block', size: 5 * MiB + 1000, data: [{ offset: 4096, bytes: noise(4096, 6) }, { offset: 5 * MiB + 10, bytes: noise(990, 7) }] },
  { name: 'one-byte', size: 1, data: [] },
  { name: 'all-hole', size: 10 * MiB, data: [] },
  { name: 'all-data', size: 3 * 4096 + 7, data: [{ offset: 0, bytes: noise(3 * 4096 + 7, 8) }] },
];

describe('bmaptool create / copy', () => {
  for (const sample of samples) {
    it(`${sample.name}: our .bmap equals bmaptool's byte for byte, and bmaptool copy restores the image with it`, async () => {
      const { path, extents } = write(sample);
      const reference = join(dir, `${sample.name}.ref.bmap`);
      runTool(bmaptool, ['-q', 'create', '-o', reference, path]);
      const expected = readFileSync(reference, 'utf8');
      const { blockSize } = await parseBmap(expected);
      const ranges = await bmapRangesFromExtents(extents, sample.size, blockSize);
      const ours = await emitBmap({ imageSize: sample.size, blockSize, ranges });
      expect(ours).toBe(expected);

      const oursPath = join(dir, `${sample.name}.bmap`);
      writeFileSync(oursPath, ours);
      const out = join(dir, `${sample.name}.out`);
      runTool(bmaptool, ['-q', 'copy', '--bmap', oursPath, path, out]);
      expect(readFileSync(out).equals(readFileSync(path))).toBe(true);
    });
  }

  it('bmaptool copy rejects our .bmap once a range checksum no longer matches the image', async () => {
    const { path, extents } = write(samples[0]);
    const ranges = await bmapRangesFromExtents(extents, samples[0].size);
    const data = readFileSync(path);
    data[MiB + 200] ^= 1;
    const changed = join(dir, 'changed.img');
    writeFileSync(changed, data);
    const oursPath = join(dir, 'changed.bmap');
    writeFileSync(oursPath, await emitBmap({ imageSize: samples[0].size, ranges }));
    const result = spawnSync(bmaptool, ['-q', 'copy', '--bmap', oursPath, changed, join(dir, 'changed.out')], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/checksum mismatch for blocks range 256-258/);
  });
});
