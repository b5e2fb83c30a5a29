/**
 * UBI's on-flash records as Linux defines them (include/uapi/mtd/ubi-media.h), all big-endian:
 * the 64-byte erase-counter header at the start of every PEB, the 64-byte volume-identifier header
 * at the VID header offset of every PEB that holds a LEB, and the 172-byte volume-table records the
 * layout volume keeps. Each record ends with a CRC-32 of the bytes before it, computed as UBI does.
 */
import { crc32 } from '../crc32';
import { putU16be, putU32be, putU64be, putU8, u16be, u32be, u64be } from '../bytes';

export const EC_HEADER_MAGIC = 0x55424923; // "UBI#"
export const VID_HEADER_MAGIC = 0x55424921; // "UBI!"
export const EC_HEADER_SIZE = 64;
export const VID_HEADER_SIZE = 64;
/** Bytes each header's CRC covers: all of it but the CRC field at its end. */
const HEADER_CRC_SPAN = 60;
export const VTBL_RECORD_SIZE = 172;
const VTBL_CRC_SPAN = 168;
export const MAX_VOLUMES = 128;
export const VOLUME_NAME_MAX = 127;
/** UBI_INTERNAL_VOL_START (0x7FFFFFFF − 4096) is the layout volume's id; two LEBs, never more. */
export const LAYOUT_VOLUME_ID = 0x7fffefff;
export const LAYOUT_VOLUME_PEBS = 2;
/** UBI_COMPAT_REJECT: a kernel that does not know the volume refuses the image. */
export const LAYOUT_VOLUME_COMPAT = 5;
export const VOLUME_TYPE = { dynamic: 1, static: 2 } as const;
export type UbiVolumeType = keyof typeof VOLUME_TYPE;
/** UBI_VTBL_AUTORESIZE_FLG: the kernel grows the volume to every free PEB on first attach. */
export const AUTORESIZE_FLAG = 1;

/** UBI's CRC-32: zlib's polynomial from 0xFFFFFFFF, without zlib's final inversion. */
export function ubiCrc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return ~crc32(bytes, start, end) >>> 0;
}

export interface EcHeader {
  version: number;
  eraseCounter: bigint;
  vidHeaderOffset: number;
  dataOffset: number;
  imageSeq: number;
}

export function writeEcHeader(target: Uint8Array, at: number, header: EcHeader): void {
  target.fill(0, at, at + EC_HEADER_SIZE);
  putU32be(target, at, EC_HEADER_MAGIC);
  putU8(target, at + 4, header.version, 'UBI version');
  putU64be(target, at + 8, header.eraseCounter, 'erase counter');
  putU32be(target, at + 16, header.vidHeaderOffset, 'VID header offset');
  putU32be(target, at + 20, header.dataOffset, 'data offset');
  putU32be(target, at + 24, header.imageSeq, 'image sequence number');
  putU32be(target, at + HEADER_CRC_SPAN, ubiCrc(target, at, at + HEADER_CRC_SPAN));
}

export function readEcHeader(bytes: Uint8Array, at: number): EcHeader {
  return { version: bytes[at + 4], eraseCounter: u64be(bytes, at + 8), vidHeaderOffset: u32be(bytes, at + 16), dataOffset: u32be(bytes, at + 20), imageSeq: u32be(bytes, at + 24) };
}

export interface VidHeader {
  version: number;
  volumeType: number;
  copyFlag: number;
  compat: number;
  volumeId: number;
  lnum: number;
  /** Static volumes: bytes of data in this LEB, LEBs the volume uses, CRC of the data. Zero for dynamic ones. */
  dataSize: number;
  usedEbs: number;
  dataPad: number;
  dataCrc: number;
  sqnum: bigint;
}

export function writeVidHeader(target: Uint8Array, at: number, header: VidHeader): void {
  target.fill(0, at, at + VID_HEADER_SIZE);
  putU32be(target, at, VID_HEADER_MAGIC);
  putU8(target, at + 4, header.version, 'UBI version');
  putU8(target, at + 5, header.volumeType, 'volume type');
  putU8(target, at + 6, header.copyFlag, 'copy flag');
  putU8(target, at + 7, header.compat, 'compat');
  putU32be(target, at + 8, header.volumeId, 'volume id');
  putU32be(target, at + 12, header.lnum, 'LEB number');
  putU32be(target, at + 20, header.dataSize, 'data size');
  putU32be(target, at + 24, header.usedEbs, 'used eraseblocks');
  putU32be(target, at + 28, header.dataPad, 'data pad');
  putU32be(target, at + 32, header.dataCrc, 'data CRC');
  putU64be(target, at + 40, header.sqnum, 'sequence number');
  putU32be(target, at + HEADER_CRC_SPAN, ubiCrc(target, at, at + HEADER_CRC_SPAN));
}

export function readVidHeader(bytes: Uint8Array, at: number): VidHeader {
  return {
    version: bytes[at + 4],
    volumeType: bytes[at + 5],
    copyFlag: bytes[at + 6],
    compat: bytes[at + 7],
    volumeId: u32be(bytes, at + 8),
    lnum: u32be(bytes, at + 12),
    dataSize: u32be(bytes, at + 20),
    usedEbs: u32be(bytes, at + 24),
    dataPad: u32be(bytes, at + 28),
    dataCrc: u32be(bytes, at + 32),
    sqnum: u64be(bytes, at + 40),
  };
}

/** Whether the header at `at` carries `magic` and a CRC that matches. */
export function headerIntact(bytes: Uint8Array, at: number, magic: number): 'ok' | 'no magic' | 'bad crc' {
  if (u32be(bytes, at) !== magic) return 'no magic';
  return u32be(bytes, at + HEADER_CRC_SPAN) === ubiCrc(bytes, at, at + HEADER_CRC_SPAN) ? 'ok' : 'bad crc';
}

export interface VtblRecord {
  reservedPebs: number;
  alignment: number;
  dataPad: number;
  volumeType: number;
  updateMarker: number;
  /** The name's bytes (UTF-8 as the kernel sees them: any bytes but NUL). */
  name: Uint8Array;
  flags: number;
}

/** A record; an unused slot is all zeros but its CRC (`emptyRecord`). */
export function writeVtblRecord(target: Uint8Array, at: number, record: VtblRecord): void {
  target.fill(0, at, at + VTBL_RECORD_SIZE);
  putU32be(target, at, record.reservedPebs, 'reserved PEBs');
  putU32be(target, at + 4, record.alignment, 'alignment');
  putU32be(target, at + 8, record.dataPad, 'data pad');
  putU8(target, at + 12, record.volumeType, 'volume type');
  putU8(target, at + 13, record.updateMarker, 'update marker');
  putU16be(target, at + 14, record.name.length, 'name length');
  target.set(record.name, at + 16);
  putU8(target, at + 144, record.flags, 'volume flags');
  putU32be(target, at + VTBL_CRC_SPAN, ubiCrc(target, at, at + VTBL_CRC_SPAN));
}

export const emptyRecord: VtblRecord = { reservedPebs: 0, alignment: 0, dataPad: 0, volumeType: 0, updateMarker: 0, name: new Uint8Array(0), flags: 0 };

export function vtblRecordIntact(bytes: Uint8Array, at: number): boolean {
  return u32be(bytes, at + VTBL_CRC_SPAN) === ubiCrc(bytes, at, at + VTBL_CRC_SPAN);
}

export function readVtblRecord(bytes: Uint8Array, at: number): VtblRecord & { nameLength: number } {
  const nameLength = u16be(bytes, at + 14);
  return {
    reservedPebs: u32be(bytes, at),
    alignment: u32be(bytes, at + 4),
    dataPad: u32be(bytes, at + 8),
    volumeType: bytes[at + 12],
    updateMarker: bytes[at + 13],
    nameLength,
    name: bytes.slice(at + 16, at + 16 + Math.min(nameLength, VOLUME_NAME_MAX)),
    flags: bytes[at + 144],
  };
}
