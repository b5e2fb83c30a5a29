/**
 * Where UBI puts things inside a PEB, from the flash's erase block, minimal I/O unit and sub-page,
 * as ubinize (libubigen's ubigen_info_init) and the kernel derive them: the VID header goes in the
 * first sub-page after the EC header unless told otherwise, the data starts at the first min-I/O
 * boundary after the VID header, and the LEB is the rest of the PEB. The volume table holds one
 * record per volume the LEB has room for, at most 128.
 */
import { FormatError } from '../errors';
import { EC_HEADER_SIZE, MAX_VOLUMES, VID_HEADER_SIZE, VTBL_RECORD_SIZE } from './media';

export interface UbiFlash {
  /** The physical eraseblock (ubinize -p). */
  pebBytes: number;
  /** Minimal input/output unit: the NAND page, 1 for NOR (ubinize -m). */
  minIoBytes: number;
  /** Sub-page, when the NAND writes pages in parts (ubinize -s); defaults to the min I/O unit. */
  subPageBytes?: number;
  /** ubinize -O; defaults to the first sub-page after the EC header. */
  vidHeaderOffset?: number;
  /** ubinize -Q: the number that ties the PEBs of one image together (0: unchecked). */
  imageSeq?: number;
  /** ubinize -x (1). */
  version?: number;
  /** ubinize -e (0). */
  eraseCounter?: number | bigint;
}

export interface UbiGeometry {
  pebBytes: number;
  minIoBytes: number;
  vidHeaderOffset: number;
  dataOffset: number;
  lebBytes: number;
  imageSeq: number;
  version: number;
  eraseCounter: bigint;
  /** Records in the volume table: min(128, LEB / 172). */
  maxVolumes: number;
}

const isPowerOfTwo = (value: number) => Number.isSafeInteger(value) && value > 0 && 2 ** Math.round(Math.log2(value)) === value;
const roundUp = (value: number, unit: number) => Math.ceil(value / unit) * unit;

function positive(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new FormatError(`${what} must be a whole number of bytes above 0, found ${String(value)}`);
}

export function ubiGeometry(flash: UbiFlash): UbiGeometry {
  const { pebBytes, minIoBytes } = flash;
  positive(pebBytes, 'the PEB size');
  positive(minIoBytes, 'the min. I/O size');
  if (!isPowerOfTwo(minIoBytes)) throw new FormatError(`the min. I/O size must be a power of 2, found ${minIoBytes}`);
  if (pebBytes % minIoBytes !== 0) throw new FormatError(`the PEB size ${pebBytes} is not a multiple of the min. I/O size ${minIoBytes}`);
  const subPage = flash.subPageBytes ?? minIoBytes;
  positive(subPage, 'the sub-page size');
  if (!isPowerOfTwo(subPage) || subPage > minIoBytes) throw new FormatError(`the sub-page size must be a power of 2 no larger than the min. I/O size ${minIoBytes}, found ${subPage}`);
  const vidHeaderOffset = flash.vidHeaderOffset ?? roundUp(EC_HEADER_SIZE, subPage);
  if (!Number.isSafeInteger(vidHeaderOffset) || vidHeaderOffset < EC_HEADER_SIZE || vidHeaderOffset % 8 !== 0) {
    throw new FormatError(`the VID header offset must be a multiple of 8 from ${EC_HEADER_SIZE} (after the EC header), found ${String(vidHeaderOffset)}`);
  }
  const dataOffset = roundUp(vidHeaderOffset + VID_HEADER_SIZE, minIoBytes);
  const lebBytes = pebBytes - dataOffset;
  if (lebBytes < VTBL_RECORD_SIZE) throw new FormatError(`a PEB of ${pebBytes} bytes leaves ${Math.max(0, lebBytes)} bytes of LEB after the headers (data at ${dataOffset}): too small for UBI`);
  const imageSeq = flash.imageSeq ?? 0;
  if (!Number.isInteger(imageSeq) || imageSeq < 0 || imageSeq > 0xffffffff) throw new FormatError(`the image sequence number must be a 32-bit unsigned number, found ${String(imageSeq)}`);
  const version = flash.version ?? 1;
  if (!Number.isInteger(version) || version < 0 || version > 255) throw new FormatError(`the UBI version must be a byte, found ${String(version)}`);
  const eraseCounter = BigInt(flash.eraseCounter ?? 0);
  if (eraseCounter < 0n || eraseCounter >= 1n << 64n) throw new FormatError(`the erase counter must fit in 64 bits, found ${eraseCounter}`);
  return { pebBytes, minIoBytes, vidHeaderOffset, dataOffset, lebBytes, imageSeq, version, eraseCounter, maxVolumes: Math.min(MAX_VOLUMES, Math.floor(lebBytes / VTBL_RECORD_SIZE)) };
}
