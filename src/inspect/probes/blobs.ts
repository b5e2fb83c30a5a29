/**
 * Streams and executables: gzip, xz, lzma and zstd (their headers hold no length, so the region
 * runs while the data does: to the first erased or zero 4 KiB sector), ELF (sized by its section
 * and program headers), Android sparse images (chunks walked, never inflated).
 */
import { u16be, u16le, u32be, u32le, u64le } from '../../codecs/bytes';
import { parseSparse } from '../../codecs/android-sparse';
import { checkEnd, located, startsWith, isPowerOfTwo, type Probe, type ProbeContext } from '../probe';
import { region, type RegionType } from '../region';
import type { ImageReader } from '../reader';

const SECTOR = 0x1000;
/** A stream is followed this far at most (its region ends there with a note). */
const MAX_STREAM = 256 * 1024 * 1024;

const uniform = (bytes: Uint8Array, value: number) => bytes.every((b) => b === value);

/** Where the data from `offset` runs into an erased or zero sector (or the file's end). */
async function dataRunEnd(reader: ImageReader, offset: number): Promise<number> {
  const limit = Math.min(reader.size, offset + MAX_STREAM);
  let at = Math.min(limit, Math.floor(offset / SECTOR) * SECTOR + SECTOR);
  while (at < limit) {
    const sector = await reader.bytes(at, Math.min(SECTOR, limit - at));
    if (uniform(sector, 0xff) || uniform(sector, 0)) break;
    at += sector.length;
  }
  return at;
}

function stream(name: RegionType, magic: readonly number[], more: (w: Uint8Array) => boolean, describe: (w: Uint8Array) => Record<string, unknown>): Probe {
  return {
    name,
    matches: (w) => startsWith(w, magic) && more(w),
    async read({ reader }: ProbeContext, offset: number) {
      const head = await reader.bytes(offset, 32);
      const end = await dataRunEnd(reader, offset);
      return [region(name, offset, end - offset, null, { ...describe(head), sizeFrom: 'data run (the stream header holds no length)' })];
    },
  };
}

export const gzipProbe = stream('gzip', [0x1f, 0x8b, 0x08], (w) => (w[3] & 0xe0) === 0, (w) => ({ magic: '1F 8B', method: 'deflate', mtime: u32le(w, 4), os: w[9] }));
export const xzProbe = stream('xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], () => true, (w) => ({ magic: 'FD 37 7A 58 5A 00', check: ['none', 'crc32', '', '', 'crc64', '', '', '', '', '', 'sha256'][w[7] & 0x0f] ?? w[7] & 0x0f }));
export const zstdProbe = stream('zstd', [0x28, 0xb5, 0x2f, 0xfd], () => true, () => ({ magic: '28 B5 2F FD' }));
// LZMA-alone: properties byte 0x5D, a power-of-two dictionary, and a known or unknown (-1) size.
export const lzmaProbe = stream(
  'lzma',
  [0x5d, 0x00, 0x00],
  (w) => isPowerOfTwo(u32le(w, 1)) && u32le(w, 1) >= 0x10000 && (u64le(w, 5) === 0xffffffffffffffffn || u64le(w, 5) < 1n << 40n),
  (w) => ({ magic: '5D 00 00', dictionarySize: u32le(w, 1), uncompressedSize: u64le(w, 5) === 0xffffffffffffffffn ? null : Number(u64le(w, 5)) }),
);

const ELF_MACHINES: Record<number, string> = { 3: 'x86', 8: 'MIPS', 40: 'ARM', 62: 'x86-64', 94: 'Xtensa', 183: 'AArch64', 243: 'RISC-V' };

export const elfProbe: Probe = {
  name: 'elf',
  matches: (w) => startsWith(w, [0x7f, 0x45, 0x4c, 0x46]) && (w[4] === 1 || w[4] === 2) && (w[5] === 1 || w[5] === 2),
  async read({ reader, size }, offset) {
    const h = await reader.bytes(offset, 64);
    if (h.length < 52) return [];
    const is64 = h[4] === 2;
    const le = h[5] === 1;
    const u16 = (at: number) => (le ? u16le(h, at) : u16be(h, at));
    const u32 = (at: number) => (le ? u32le(h, at) : u32be(h, at));
    const u64 = (at: number) => (le ? Number(u64le(h, at)) : u32be(h, at) * 2 ** 32 + u32be(h, at + 4));
    if (is64 && h.length < 64) return [];
    const phoff = is64 ? u64(0x20) : u32(0x1c);
    const shoff = is64 ? u64(0x28) : u32(0x20);
    const [phentsize, phnum, shentsize, shnum] = is64 ? [u16(0x36), u16(0x38), u16(0x3a), u16(0x3c)] : [u16(0x2a), u16(0x2c), u16(0x2e), u16(0x30)];
    let end = Math.max(is64 ? 64 : 52, shoff + shentsize * shnum, phoff + phentsize * phnum);
    // Segments' file ranges (bounded: at most 256 program headers are read).
    if (phnum > 0 && phnum <= 256 && phoff + phentsize * phnum <= size - offset) {
      const table = await reader.bytes(offset + phoff, phentsize * phnum);
      const t16 = (at: number) => (le ? u32le(table, at) : u32be(table, at));
      for (let i = 0; i < phnum && (i + 1) * phentsize <= table.length; i++) {
        const at = i * phentsize;
        const fileOffset = is64 ? (le ? Number(u64le(table, at + 8)) : t16(at + 8) * 2 ** 32 + t16(at + 12)) : t16(at + 4);
        const fileSize = is64 ? (le ? Number(u64le(table, at + 32)) : t16(at + 32) * 2 ** 32 + t16(at + 36)) : t16(at + 16);
        end = Math.max(end, fileOffset + fileSize);
      }
    }
    if (!Number.isSafeInteger(end)) return [];
    return [checkEnd(region('elf', offset, end, null, { magic: '7F 45 4C 46', class: is64 ? 'ELF64' : 'ELF32', endian: le ? 'little' : 'big', machine: ELF_MACHINES[u16(0x12)] ?? u16(0x12), type: u16(0x10), entry: `0x${(is64 ? u64(0x18) : u32(0x18)).toString(16)}` }), size)];
  },
};

export const sparseProbe: Probe = {
  name: 'android-sparse',
  atStartOnly: true,
  matches: (w) => u32le(w, 0) === 0xed26ff3a,
  async read({ reader, size }, offset) {
    if (offset !== 0) return [];
    try {
      const image = await parseSparse((at, length) => reader.bytes(at, length), size);
      const { header, chunks } = image;
      const count = (type: string) => chunks.filter((c) => c.chunkType === type).length;
      return [
        region('android-sparse', 0, image.end, null, {
          magic: '0xED26FF3A',
          version: `${header.majorVersion}.${header.minorVersion}`,
          blockSize: header.blkSz,
          blocks: header.totalBlks,
          expandedSize: header.blkSz * header.totalBlks,
          chunks: chunks.length,
          raw: count('raw'),
          fill: count('fill'),
          dontCare: count('dont-care'),
          crc32: count('crc32'),
        }),
      ];
    } catch (error) {
      const r = region('android-sparse', 0, 28, null, { readable: false });
      r.warnings.push(located(error, 0));
      return [r];
    }
  },
};
