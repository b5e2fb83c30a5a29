/**
 * The 64-byte legacy uImage header (U-Boot include/image.h, `image_header_t`), big-endian:
 * ih_magic, ih_hcrc (CRC-32 of the header with this field zeroed), ih_time, ih_size (data bytes
 * after the header), ih_load, ih_ep, ih_dcrc (CRC-32 of the data), ih_os, ih_arch, ih_type,
 * ih_comp, ih_name[32] (NUL-padded, no terminator when full). Written as mkimage writes it.
 */
import { putU32be, u32be } from '../bytes';
import { crc32Update } from '../crc32';
import { FormatError } from '../errors';
import { decodeUtf8, encodeUtf8 } from '../text';
import { formatHex } from '../../model/units';
import { UIMAGE_ARCH, UIMAGE_COMP, UIMAGE_OS, UIMAGE_TYPE, uimageCode, uimageCodeId, type UimageCode } from './codes';

export const UIMAGE_MAGIC = 0x27051956;
export const UIMAGE_HEADER_SIZE = 64;
export const UIMAGE_NAME_LENGTH = 32;

/** The header's fields, named after image_header_t without the ih_ prefix. */
export interface UimageHeader {
  magic: number;
  hcrc: number;
  time: number;
  size: number;
  load: number;
  ep: number;
  dcrc: number;
  os: number;
  arch: number;
  type: number;
  comp: number;
  name: string;
}

/** What mkimage takes: codes as numbers or as mkimage's short names (`arm`, `linux`, `kernel`, `none`). */
export interface UimageFields {
  /** Creation time, seconds since 1970 (mkimage: SOURCE_DATE_EPOCH or the data file's mtime). */
  time: number;
  load: number;
  ep: number;
  os: number | string;
  arch: number | string;
  type: number | string;
  comp: number | string;
  /** At most 32 bytes of UTF-8. */
  name: string;
}

/** Size and CRC-32 of the data that follows the header. */
export interface UimageData {
  size: number;
  dcrc: number;
}

function headerCrc(bytes: Uint8Array, start: number): number {
  // The CRC covers the header with ih_hcrc (bytes 4..7) taken as zero.
  let crc = crc32Update(0, bytes, start, start + 4);
  crc = crc32Update(crc, new Uint8Array(4));
  return crc32Update(crc, bytes, start + 8, start + UIMAGE_HEADER_SIZE);
}

/** Reads and checks the header at `offset` (magic, header CRC, name); the data is checked by `checkUimageData`. */
export function parseUimageHeader(bytes: Uint8Array, offset = 0): UimageHeader {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset + UIMAGE_HEADER_SIZE > bytes.length) {
    throw new FormatError(`a uImage header needs ${UIMAGE_HEADER_SIZE} bytes at ${formatHex(Math.max(0, offset))}, but the input has ${bytes.length}`, { offset: Math.min(Math.max(0, offset), bytes.length) });
  }
  const magic = u32be(bytes, offset);
  if (magic !== UIMAGE_MAGIC) throw new FormatError(`not a legacy uImage: magic should be 0x27051956, found ${formatHex(magic)}`, { offset });
  const hcrc = u32be(bytes, offset + 4);
  const computed = headerCrc(bytes, offset);
  if (hcrc !== computed) throw new FormatError(`uImage header CRC is ${formatHex(hcrc)}, but the header's CRC-32 is ${formatHex(computed)}`, { offset: offset + 4 });
  const field = bytes.subarray(offset + 32, offset + UIMAGE_HEADER_SIZE);
  const end = field.indexOf(0);
  const name = decodeUtf8(field, 0, end < 0 ? UIMAGE_NAME_LENGTH : end);
  if (!name.ok) throw new FormatError(`uImage name is not valid UTF-8 (byte ${formatHex(field[name.offset])})`, { offset: offset + 32 + name.offset });
  return {
    magic,
    hcrc,
    time: u32be(bytes, offset + 8),
    size: u32be(bytes, offset + 12),
    load: u32be(bytes, offset + 16),
    ep: u32be(bytes, offset + 20),
    dcrc: u32be(bytes, offset + 24),
    os: bytes[offset + 28],
    arch: bytes[offset + 29],
    type: bytes[offset + 30],
    comp: bytes[offset + 31],
    name: name.text,
  };
}

function code(table: readonly UimageCode[], value: number | string, what: string): number {
  if (typeof value === 'string') {
    const id = uimageCodeId(table, value);
    if (id === undefined) throw new FormatError(`unknown ${what} "${value.slice(0, 40)}" (known: ${table.map((entry) => entry.short).join(', ')})`);
    return id;
  }
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new FormatError(`${what} code ${String(value)} does not fit in one byte`);
  return value;
}

/** The data's size and CRC-32, from a stream of any piece sizes. */
export async function uimageData(chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<UimageData> {
  let size = 0;
  let dcrc = 0;
  for await (const piece of chunks) {
    size += piece.length;
    dcrc = crc32Update(dcrc, piece);
  }
  return { size, dcrc };
}

/** The 64-byte header mkimage -A -O -T -C -a -e -n -d writes for this data. */
export function emitUimageHeader(fields: UimageFields, data: Uint8Array | UimageData): Uint8Array {
  const { size, dcrc } = data instanceof Uint8Array ? { size: data.length, dcrc: crc32Update(0, data) } : data;
  const bytes = new Uint8Array(UIMAGE_HEADER_SIZE);
  putU32be(bytes, 0, UIMAGE_MAGIC);
  putU32be(bytes, 8, fields.time, 'ih_time');
  putU32be(bytes, 12, size, 'ih_size');
  putU32be(bytes, 16, fields.load, 'ih_load');
  putU32be(bytes, 20, fields.ep, 'ih_ep');
  putU32be(bytes, 24, dcrc, 'ih_dcrc');
  bytes[28] = code(UIMAGE_OS, fields.os, 'operating system');
  bytes[29] = code(UIMAGE_ARCH, fields.arch, 'architecture');
  bytes[30] = code(UIMAGE_TYPE, fields.type, 'image type');
  bytes[31] = code(UIMAGE_COMP, fields.comp, 'compression');
  const name = encodeUtf8(fields.name);
  // mkimage cuts longer names silently; a name that does not fit is refused here instead.
  if (name.length > UIMAGE_NAME_LENGTH) throw new FormatError(`uImage name "${fields.name.slice(0, 40)}" is ${name.length} bytes of UTF-8, more than the ${UIMAGE_NAME_LENGTH} the header holds`);
  if (name.includes(0)) throw new FormatError('uImage name must not contain a NUL character');
  bytes.set(name, 32);
  putU32be(bytes, 4, headerCrc(bytes, 0));
  return bytes;
}

/**
 * Checks the data that follows the header: `header.size` bytes (more may follow and are not
 * read) whose CRC-32 must be `header.dcrc`. `dataOffset` only places the errors.
 */
export async function checkUimageData(header: UimageHeader, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, dataOffset = UIMAGE_HEADER_SIZE): Promise<void> {
  let seen = 0;
  let crc = 0;
  for await (const piece of chunks) {
    const used = Math.min(piece.length, header.size - seen);
    crc = crc32Update(crc, piece, 0, used);
    seen += used;
    if (seen === header.size) break;
  }
  if (seen < header.size) throw new FormatError(`uImage data ends after ${seen} of its ${header.size} bytes`, { offset: dataOffset + seen });
  if (crc !== header.dcrc) throw new FormatError(`uImage data CRC is ${formatHex(header.dcrc)} in the header, but the data's CRC-32 is ${formatHex(crc)}`, { offset: dataOffset - UIMAGE_HEADER_SIZE + 24 });
}

/** dumpimage's "Image Type" line: `ARM Linux Kernel Image (uncompressed)`. */
export function describeUimageType(header: Pick<UimageHeader, 'arch' | 'os' | 'type' | 'comp'>): string {
  const arch = uimageCode(UIMAGE_ARCH, header.arch)?.long ?? 'Unknown Architecture';
  const os = uimageCode(UIMAGE_OS, header.os)?.long ?? 'Unknown OS';
  const type = uimageCode(UIMAGE_TYPE, header.type)?.long ?? 'Unknown Image';
  const comp = uimageCode(UIMAGE_COMP, header.comp)?.long ?? 'Unknown Compression';
  return `${arch} ${os} ${type} (${comp})`;
}
