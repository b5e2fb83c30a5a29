/** Filesystem superblocks: squashfs, ext2/3/4, FAT (vfat) and UBIFS; each sized by its own header. */
import { u16le, u32le, u64le } from '../../codecs/bytes';
import { guidFromBytes } from './guid';
import { checkEnd, cString, isPowerOfTwo, warning, type Probe } from '../probe';
import { region, type Region, type RegionType } from '../region';

/** A header whose size no file can have (above 2^53): the region runs to the file's end, flagged. */
function beyondAnyFile(type: RegionType, offset: number, size: number, claim: string): Region {
  const r = region(type, offset, Math.max(0, size - offset), null, { truncated: true });
  r.warnings.push(warning(offset, `${type} header claims ${claim}, beyond any file; shown up to the end of the file`));
  return r;
}

const SQUASHFS_COMPRESSION = ['', 'gzip', 'lzma', 'lzo', 'xz', 'lz4', 'zstd'];

export const squashfsProbe: Probe = {
  name: 'squashfs',
  matches: (w) => u32le(w, 0) === 0x73717368,
  async read({ reader, size }, offset) {
    const sb = await reader.bytes(offset, 96);
    if (sb.length < 96) return [];
    const bytesUsed = u64le(sb, 40);
    const blockSize = u32le(sb, 12);
    if (!isPowerOfTwo(blockSize) || bytesUsed < 96n) return [];
    if (bytesUsed > BigInt(Number.MAX_SAFE_INTEGER)) return [beyondAnyFile('squashfs', offset, size, `bytes_used 0x${bytesUsed.toString(16)}`)];
    const compression = u16le(sb, 20);
    return [
      checkEnd(
        region('squashfs', offset, Number(bytesUsed), null, {
          magic: 'hsqs',
          version: `${u16le(sb, 28)}.${u16le(sb, 30)}`,
          inodes: u32le(sb, 4),
          blockSize,
          compression: SQUASHFS_COMPRESSION[compression] ?? compression,
          mkfsTime: u32le(sb, 8),
          bytesUsed: Number(bytesUsed),
        }),
        size,
      ),
    ];
  },
};

const EXT_MAGIC_AT = 1024 + 56;
const INCOMPAT_EXTENTS = 0x40;
const INCOMPAT_64BIT = 0x80;
const INCOMPAT_FLEX_BG = 0x200;
const COMPAT_HAS_JOURNAL = 0x4;

export const extProbe: Probe = {
  name: 'ext',
  matches: (w) => u16le(w, EXT_MAGIC_AT) === 0xef53,
  async read({ reader, size }, offset) {
    const sb = await reader.bytes(offset + 1024, 1024);
    if (sb.length < 1024) return [];
    const logBlock = u32le(sb, 24);
    if (logBlock > 6) return [];
    const blockSize = 1024 * 2 ** logBlock;
    const incompat = u32le(sb, 96);
    const compat = u32le(sb, 92);
    const blocks = u32le(sb, 4) + (incompat & INCOMPAT_64BIT ? u32le(sb, 0x150) * 2 ** 32 : 0);
    if (!Number.isSafeInteger(blocks * blockSize)) return [beyondAnyFile('ext4', offset, size, `${blocks} blocks of ${blockSize} bytes`)];
    const type = incompat & (INCOMPAT_EXTENTS | INCOMPAT_64BIT | INCOMPAT_FLEX_BG) ? 'ext4' : compat & COMPAT_HAS_JOURNAL ? 'ext3' : 'ext2';
    const label = cString(sb, 120, 16);
    return [
      checkEnd(
        region(type, offset, blocks * blockSize, label || null, {
          magic: '0xEF53',
          blockSize,
          blocks,
          inodes: u32le(sb, 0),
          uuid: guidFromBytes(sb, 104),
          featureCompat: compat,
          featureIncompat: incompat,
          featureRoCompat: u32le(sb, 100),
        }),
        size,
      ),
    ];
  },
};

export const fatProbe: Probe = {
  name: 'vfat',
  matches: (w) =>
    (w[0] === 0xeb || w[0] === 0xe9) && w[510] === 0x55 && w[511] === 0xaa && [512, 1024, 2048, 4096].includes(u16le(w, 11)) && isPowerOfTwo(w[13]) && w[16] > 0 && (cString(w, 54, 5) === 'FAT12' || cString(w, 54, 5) === 'FAT16' || cString(w, 82, 5) === 'FAT32'),
  async read({ reader, size }, offset) {
    const bs = await reader.bytes(offset, 512);
    if (bs.length < 512) return [];
    const sectorSize = u16le(bs, 11);
    const total = u16le(bs, 19) || u32le(bs, 32);
    const fat32 = cString(bs, 82, 5) === 'FAT32';
    const label = cString(bs, fat32 ? 71 : 43, 11).trimEnd();
    return [
      checkEnd(
        region('vfat', offset, total * sectorSize, label && label !== 'NO NAME' ? label : null, {
          fatType: fat32 ? 'FAT32' : cString(bs, 54, 5),
          sectorSize,
          sectorsPerCluster: bs[13],
          reservedSectors: u16le(bs, 14),
          fats: bs[16],
          sectors: total,
          hiddenSectors: u32le(bs, 28),
          volumeId: `0x${u32le(bs, fat32 ? 67 : 39).toString(16).toUpperCase().padStart(8, '0')}`,
        }),
        size,
      ),
    ];
  },
};

export const ubifsProbe: Probe = {
  name: 'ubifs',
  // The superblock node (type 6) is the first node of LEB 0.
  matches: (w) => u32le(w, 0) === 0x06101831 && w[20] === 6,
  async read({ reader, size }, offset) {
    const sb = await reader.bytes(offset, 4096);
    if (sb.length < 128) return [];
    const minIo = u32le(sb, 32);
    const lebSize = u32le(sb, 36);
    const lebCount = u32le(sb, 40);
    if (lebSize === 0 || lebCount === 0) return [];
    return [
      checkEnd(
        region('ubifs', offset, lebSize * lebCount, null, {
          magic: '0x06101831',
          minIoSize: minIo,
          lebSize,
          lebCount,
          maxLebCount: u32le(sb, 44),
          fmtVersion: u32le(sb, 80),
          uuid: guidFromBytes(sb, 108),
        }),
        size,
      ),
    ];
  },
};
