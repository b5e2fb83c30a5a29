/**
 * Streams, executables and NAND dumps made by their own tools: gzip, xz, lzma and zstd by Debian's
 * compressors, an ELF by the toolchain (/usr/bin/true), a SPI-NAND dump with its spare bytes
 * after every page holding the PNI pnigenerator's codec writes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emitPni, PNI_DEFAULT_HEADER } from '../codecs/pni';
import { bytesFile } from '../codecs/read-at';
import { debianTool } from '../test-support/debian';
import { spawnSync } from 'node:child_process';
import { inspectFile } from '.';

/** Output of `tool args` on `input`, as bytes. */
function compress(path: string, args: string[], input: Uint8Array): Uint8Array {
  const result = spawnSync(path, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${path} exited ${String(result.status)}`);
  return new Uint8Array(result.stdout);
}

/** Text that compresses to a few KiB: distinct lines. */
const payload = new TextEncoder().encode(Array.from({ length: 20000 }, (_, i) => `line ${i * 7919}\n`).join(''));

describe('streams and executables', () => {
  it.each([
    ['gzip', 'gzip', 'gzip', ['-9', '-n', '-c']],
    ['xz', 'xz', 'xz-utils', ['-c']],
    ['lzma', 'lzma', 'xz-utils', ['-c']],
    ['zstd', 'zstd', 'zstd', ['-c', '-q']],
  ] as const)('%s: found in an erased flash, its region running to the erased space', async (type, binary, pkg, args) => {
    const stream = compress(debianTool(binary, pkg), [...args], payload);
    const flash = new Uint8Array(0x100000).fill(0xff);
    flash.set(stream, 0x20000);
    const { regions } = await inspectFile(bytesFile(flash));
    const found = regions.find((r) => r.type === type)!;
    expect(found.offset).toBe(0x20000);
    // The data run ends at the first erased 4 KiB sector after the stream.
    expect(found.size).toBe(Math.ceil(stream.length / 4096) * 4096);
  });

  it('sizes an ELF executable by its section and program headers', async () => {
    const elf = new Uint8Array(readFileSync('/usr/bin/true'));
    const [region] = (await inspectFile(bytesFile(elf))).regions;
    expect(region).toMatchObject({ type: 'elf', offset: 0, size: elf.length, details: { class: 'ELF64' } });
  });
});

describe('SPI-NAND dumps', () => {
  it.each([0, 64])('reads the CIS of a dump with %i spare bytes after each page', async (spare) => {
    const header = { ...PNI_DEFAULT_HEADER, blockCount: 64 };
    const pni = emitPni({ header, records: [
      { startBlock: 0, blockCount: 10, partType: 0x00, backupBlockCount: 0 },
      { startBlock: 10, blockCount: 2, partType: 0x01, backupBlockCount: 0 },
    ] });
    const page = header.pageByteCount + spare;
    const block = header.blockPageCount * page;
    const dump = new Uint8Array(header.blockCount * block).fill(0xff);
    for (const k of [0, 1, 2, 3, 4]) dump.set(pni, 2 * k * block + page);
    const { regions } = await inspectFile(bytesFile(dump));
    // The CIS region sits inside the PNI's own CIS partition (the same blocks).
    expect(regions[0].children[0]).toMatchObject({ type: 'cis', offset: 0, size: 10 * block, details: { pageSize: 2048, spareSize: spare, oobInterleaved: spare > 0, copies: 5 } });
    expect(regions.filter((r) => r.type === 'pni-partition').map((r) => [r.offset, r.size])).toEqual([
      [0, 10 * block],
      [10 * block, 2 * block],
    ]);
  });
});
