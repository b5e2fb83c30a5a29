/**
 * Hostile images built by hand: each returns a result with warnings naming the offset they are
 * about; none throws, hangs or allocates in proportion to a size field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { putU16le, putU32be, putU32le, putU64le } from '../codecs/bytes';
import { crc32 } from '../codecs/crc32';
import { emitUimageHeader } from '../codecs/uimage';
import { bytesFile } from '../codecs/read-at';
import { allWarnings, checkInspection } from '../test-support/inspection';
import { inspectFile } from '.';
import { allRegions } from './region';

const MIB = 1024 * 1024;

function mbrEntry(disk: Uint8Array, sector: number, slot: number, type: number, start: number, sectors: number): void {
  const at = sector * 512 + 0x1be + slot * 16;
  disk[at + 4] = type;
  putU32le(disk, at + 8, start);
  putU32le(disk, at + 12, sectors);
  disk[sector * 512 + 510] = 0x55;
  disk[sector * 512 + 511] = 0xaa;
}

async function inspectBytes(bytes: Uint8Array) {
  const result = await inspectFile(bytesFile(bytes));
  checkInspection(result, bytes.length);
  return { ...result, all: [...allWarnings(result.regions), ...result.warnings] };
}

describe('hostile images', () => {
  it('stops an EBR chain that loops back on itself, with a warning at the link', async () => {
    const disk = new Uint8Array(MIB);
    mbrEntry(disk, 0, 0, 0x05, 64, 1024);
    mbrEntry(disk, 64, 0, 0x83, 1, 10);
    mbrEntry(disk, 64, 1, 0x05, 0, 100); // links back to the EBR itself
    const { regions, all } = await inspectBytes(disk);
    expect([...allRegions(regions)].filter((r) => r.type === 'mbr-partition')).toHaveLength(2);
    expect(all.some((w) => /loops back/.test(w.message) && w.offset === 64 * 512 + 0x1be + 16 + 8)).toBe(true);
  });

  it('refuses a GPT that claims 2^32 - 1 entries where it says so', async () => {
    const disk = new Uint8Array(MIB);
    mbrEntry(disk, 0, 0, 0xee, 1, 2047);
    const h = disk.subarray(512, 1024);
    h.set([...'EFI PART'].map((c) => c.charCodeAt(0)));
    putU32le(h, 8, 0x10000);
    putU32le(h, 12, 92);
    putU64le(h, 24, 1);
    putU64le(h, 32, 2047);
    putU64le(h, 40, 34);
    putU64le(h, 48, 2014);
    putU64le(h, 72, 2);
    putU32le(h, 80, 0xffffffff);
    putU32le(h, 84, 128);
    putU32le(h, 16, crc32(h, 0, 92));
    const { regions, all } = await inspectBytes(disk);
    expect(regions[0].type).toBe('gpt');
    expect(all.some((w) => w.offset >= 512 && w.offset < 1024)).toBe(true);
  });

  it('flags sizes of 2^63 and structures past the end of the file', async () => {
    const disk = new Uint8Array(MIB).fill(0xff);
    // squashfs claiming 2^63 bytes at 0
    putU32le(disk, 0, 0x73717368);
    putU32le(disk, 12, 131072);
    putU64le(disk, 40, 2n ** 63n);
    // a uImage-sized FDT claiming 4 GiB at 0x40000
    putU32be(disk, 0x40000, 0xd00dfeed);
    putU32be(disk, 0x40004, 0xfffffff0);
    const { regions, all } = await inspectBytes(disk);
    expect(regions[0]).toMatchObject({ type: 'squashfs', offset: 0, size: MIB });
    expect(all.some((w) => w.offset === 0 && /beyond any file/.test(w.message))).toBe(true);
  });

  it('flags an ext4 whose 64-bit block count is beyond any disk', async () => {
    const disk = new Uint8Array(MIB);
    putU16le(disk, 1024 + 56, 0xef53);
    putU32le(disk, 1024 + 4, 0xffffffff);
    putU32le(disk, 1024 + 24, 2);
    putU32le(disk, 1024 + 96, 0x80 | 0x40);
    putU32le(disk, 1024 + 0x150, 0xffffffff);
    const { regions, all } = await inspectBytes(disk);
    expect(regions[0].type).toBe('ext4');
    expect(all.length).toBeGreaterThan(0);
  });

  it('nests overlapping partitions with a warning on the one that overlaps', async () => {
    const disk = new Uint8Array(4 * MIB);
    mbrEntry(disk, 0, 0, 0x83, 2048, 4096);
    mbrEntry(disk, 0, 1, 0x83, 4096, 4096);
    const { regions } = await inspectBytes(disk);
    const second = [...allRegions(regions)].find((r) => r.type === 'mbr-partition' && r.offset === 4096 * 512)!;
    expect(second.warnings.some((w) => /overlaps the end of mbr-partition/.test(w.message) && w.offset === 4096 * 512)).toBe(true);
  });

  it('flags an ESP32 partition past the end of the flash dump', async () => {
    const flash = new Uint8Array(0x10000).fill(0xff);
    const row = flash.subarray(0x8000, 0x8020);
    row.set([0xaa, 0x50, 0x01, 0x02]);
    putU32le(row, 4, 0x9000);
    putU32le(row, 8, 0xfff00000);
    row.set([...'nvs'].map((c) => c.charCodeAt(0)), 12);
    row.fill(0, 15, 28);
    putU32le(row, 28, 0);
    const { regions, all } = await inspectBytes(flash);
    const nvs = [...allRegions(regions)].find((r) => r.type === 'esp32-partition')!;
    expect(nvs).toMatchObject({ name: 'nvs', offset: 0x9000, size: 0xfff00000 });
    expect(all.some((w) => w.offset === 0x9000 && /past the end of the file/.test(w.message))).toBe(true);
  });

  it('walks 10,000 JFFS2 nodes in one bounded pass', async () => {
    const flash = new Uint8Array(10000 * 12 + 0x10000).fill(0xff);
    for (let i = 0; i < 10000; i++) {
      const at = i * 12;
      putU16le(flash, at, 0x1985);
      putU16le(flash, at + 2, 0x2003);
      putU32le(flash, at + 4, 12);
      // Linux crc32(0, …): zlib's CRC without its inversions.
      putU32le(flash, at + 8, ~crc32Raw(flash.subarray(at, at + 8)) >>> 0);
    }
    const { regions } = await inspectBytes(flash);
    expect(regions[0]).toMatchObject({ type: 'jffs2', details: { nodes: 10000 } });
  });

  it('nests 10,000 structures found inside one partition in one bounded pass', async () => {
    const count = 10000;
    const disk = new Uint8Array((count + 1) * 4096);
    mbrEntry(disk, 0, 0, 0x83, 8, count * 8);
    const header = emitUimageHeader({ time: 0, load: 0, ep: 0, os: 'linux', arch: 'arm', type: 'kernel', comp: 'none', name: 'k' }, { size: 100, dcrc: 0 });
    for (let i = 1; i <= count; i++) disk.set(header, i * 4096);
    const { regions } = await inspectBytes(disk);
    const partition = regions.find((r) => r.type === 'mbr-partition')!;
    expect(partition.children.filter((c) => c.type === 'uimage')).toHaveLength(count);
  });

  it('never throws on random bytes, whatever their length', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 0x12000 }), async (bytes) => {
        checkInspection(await inspectFile(bytesFile(bytes)), bytes.length);
      }),
      { numRuns: 60 },
    );
  });
});

function crc32Raw(bytes: Uint8Array): number {
  // crc32(~0 seeded) inverted twice: the register value zlib starts from 0xFFFFFFFF; here from 0.
  let c = 0;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}
