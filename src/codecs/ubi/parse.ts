/**
 * Reads a UBI image (ubinize's output, or a dump of a UBI partition) back into its geometry and
 * volumes. Every PEB is either erased (0xFF where the EC header goes), or holds an intact EC header
 * and, unless it is free, an intact VID header; anything else is an error at its offset. The
 * layout volume's table says which volumes exist; each LEB found must belong to one of them.
 * Dynamic volumes read as their LEBs up to the last one written (an unmapped LEB reads 0xFF, and the
 * tail of the last one is whatever the PEB holds, 0xFF after ubinize); static volumes read as
 * exactly their data, each LEB's CRC checked.
 */
import { FormatError } from '../errors';
import { formatHex } from '../../model/units';
import {
  AUTORESIZE_FLAG, EC_HEADER_MAGIC, EC_HEADER_SIZE, LAYOUT_VOLUME_ID, MAX_VOLUMES, VID_HEADER_MAGIC, VID_HEADER_SIZE, VOLUME_TYPE, VTBL_RECORD_SIZE,
  headerIntact, readEcHeader, readVidHeader, readVtblRecord, ubiCrc, vtblRecordIntact, type UbiVolumeType, type VidHeader,
} from './media';

export interface ParsedUbiGeometry {
  pebBytes: number;
  vidHeaderOffset: number;
  dataOffset: number;
  lebBytes: number;
  imageSeq: number;
  version: number;
}

export interface ParsedLeb {
  lnum: number;
  /** Offset of its PEB in the image. */
  pebOffset: number;
  /** Bytes of data: the usable LEB for dynamic volumes, data_size for static ones. */
  dataBytes: number;
}

export interface ParsedUbiVolume {
  id: number;
  name: string;
  type: UbiVolumeType;
  reservedPebs: number;
  alignment: number;
  dataPad: number;
  autoresize: boolean;
  flags: number;
  /** The LEBs found, by LEB number. */
  lebs: ParsedLeb[];
  data: Uint8Array;
}

export interface ParsedUbi {
  geometry: ParsedUbiGeometry;
  volumes: ParsedUbiVolume[];
  /** PEBs in the image, and those holding no LEB (erased or free). */
  pebs: number;
  freePebs: number;
}

export interface UbiParseOptions {
  /** The PEB size, when the image cannot tell it (one PEB long, or the second PEB erased). */
  pebBytes?: number;
}

const fail = (message: string, offset: number): never => {
  throw new FormatError(`${message} (at ${formatHex(offset)})`, { offset }, message);
};

function erased(bytes: Uint8Array, from: number, length: number): boolean {
  for (let i = from; i < from + length; i++) if (bytes[i] !== 0xff) return false;
  return true;
}

/** The first power of two past the headers where a second intact EC header with the same offsets sits. */
function findPebSize(bytes: Uint8Array, dataOffset: number, vidHeaderOffset: number): number {
  for (let size = 2 ** Math.ceil(Math.log2(dataOffset + 1)); size + EC_HEADER_SIZE <= bytes.length; size *= 2) {
    if (headerIntact(bytes, size, EC_HEADER_MAGIC) !== 'ok') continue;
    const next = readEcHeader(bytes, size);
    if (next.dataOffset === dataOffset && next.vidHeaderOffset === vidHeaderOffset) return size;
  }
  return fail(`no second EC header at a power-of-two offset, so the image is cut or its PEB size must be given`, Math.min(bytes.length, 2 ** Math.ceil(Math.log2(dataOffset + 1))));
}

function checkEcHeader(bytes: Uint8Array, at: number): void {
  const state = headerIntact(bytes, at, EC_HEADER_MAGIC);
  if (state === 'no magic') fail(`PEB at ${formatHex(at)} is neither erased nor starts with an EC header ("UBI#")`, at);
  if (state === 'bad crc') fail(`the EC header of the PEB at ${formatHex(at)} has a bad CRC`, at + 60);
}

interface Found {
  vid: VidHeader;
  pebOffset: number;
}

function readGeometry(bytes: Uint8Array, options: UbiParseOptions): ParsedUbiGeometry {
  if (bytes.length < EC_HEADER_SIZE) fail(`a UBI image needs at least an EC header (${EC_HEADER_SIZE} bytes), this one has ${bytes.length}`, bytes.length);
  checkEcHeader(bytes, 0);
  const ec = readEcHeader(bytes, 0);
  if (ec.vidHeaderOffset < EC_HEADER_SIZE || ec.dataOffset < ec.vidHeaderOffset + VID_HEADER_SIZE) {
    fail(`the EC header puts the VID header at ${ec.vidHeaderOffset} and the data at ${ec.dataOffset}: they must follow the headers`, 16);
  }
  const pebBytes = options.pebBytes ?? findPebSize(bytes, ec.dataOffset, ec.vidHeaderOffset);
  if (!Number.isSafeInteger(pebBytes) || pebBytes <= ec.dataOffset) fail(`the PEB size ${pebBytes} leaves no room after the data offset ${ec.dataOffset}`, 20);
  if (bytes.length % pebBytes !== 0) fail(`the image of ${bytes.length} bytes is not a whole number of ${pebBytes}-byte PEBs: it is cut in the PEB at ${formatHex(bytes.length - (bytes.length % pebBytes))}`, bytes.length);
  return { pebBytes, vidHeaderOffset: ec.vidHeaderOffset, dataOffset: ec.dataOffset, lebBytes: pebBytes - ec.dataOffset, imageSeq: ec.imageSeq, version: ec.version };
}

/** Every PEB's VID header, checked against the first PEB's geometry. */
function scanPebs(bytes: Uint8Array, geometry: ParsedUbiGeometry): { found: Found[]; freePebs: number } {
  const found: Found[] = [];
  let freePebs = 0;
  for (let at = 0; at < bytes.length; at += geometry.pebBytes) {
    if (erased(bytes, at, EC_HEADER_SIZE)) {
      freePebs++;
      continue;
    }
    checkEcHeader(bytes, at);
    const ec = readEcHeader(bytes, at);
    if (ec.vidHeaderOffset !== geometry.vidHeaderOffset || ec.dataOffset !== geometry.dataOffset) fail(`the PEB at ${formatHex(at)} puts its headers elsewhere than the first PEB`, at + 16);
    if (geometry.imageSeq !== 0 && ec.imageSeq !== 0 && ec.imageSeq !== geometry.imageSeq) fail(`the PEB at ${formatHex(at)} belongs to another image (sequence number ${ec.imageSeq}, not ${geometry.imageSeq})`, at + 24);
    const vidAt = at + geometry.vidHeaderOffset;
    if (erased(bytes, vidAt, VID_HEADER_SIZE)) {
      freePebs++;
      continue;
    }
    const state = headerIntact(bytes, vidAt, VID_HEADER_MAGIC);
    if (state === 'no magic') fail(`the PEB at ${formatHex(at)} has neither a VID header ("UBI!") nor erased bytes at the VID header offset`, vidAt);
    if (state === 'bad crc') fail(`the VID header of the PEB at ${formatHex(at)} has a bad CRC`, vidAt + 60);
    const vid = readVidHeader(bytes, vidAt);
    if (vid.volumeType !== VOLUME_TYPE.dynamic && vid.volumeType !== VOLUME_TYPE.static) fail(`the VID header of the PEB at ${formatHex(at)} has volume type ${vid.volumeType} (1 dynamic, 2 static)`, vidAt + 5);
    if (vid.dataPad >= geometry.lebBytes) fail(`the VID header of the PEB at ${formatHex(at)} pads ${vid.dataPad} bytes of a ${geometry.lebBytes}-byte LEB`, vidAt + 28);
    found.push({ vid, pebOffset: at });
  }
  return { found, freePebs };
}

/** The volume table from the layout volume's LEBs: its records, with every CRC checked. */
function readVolumeTable(bytes: Uint8Array, geometry: ParsedUbiGeometry, layoutPebs: Found[]): Array<ReturnType<typeof readVtblRecord> & { id: number; at: number }> {
  const copy = layoutPebs.find((f) => f.vid.lnum === 0) ?? layoutPebs[0];
  if (!copy) return fail('no PEB holds the layout volume (volume table)', 0);
  const records = Math.min(MAX_VOLUMES, Math.floor(geometry.lebBytes / VTBL_RECORD_SIZE));
  const start = copy.pebOffset + geometry.dataOffset;
  for (const other of layoutPebs) {
    const otherStart = other.pebOffset + geometry.dataOffset;
    for (let i = 0; i < records * VTBL_RECORD_SIZE; i++) {
      if (bytes[start + i] !== bytes[otherStart + i]) fail(`the two copies of the volume table differ (PEBs at ${formatHex(copy.pebOffset)} and ${formatHex(other.pebOffset)})`, otherStart + i);
    }
  }
  const table = [];
  for (let id = 0; id < records; id++) {
    const at = start + id * VTBL_RECORD_SIZE;
    if (!vtblRecordIntact(bytes, at)) fail(`volume table record ${id} has a bad CRC`, at + 168);
    const record = readVtblRecord(bytes, at);
    if (record.reservedPebs === 0) continue;
    if (record.nameLength < 1 || record.nameLength > 127) fail(`volume table record ${id} has a name of ${record.nameLength} bytes (1 to 127)`, at + 14);
    if (record.volumeType !== VOLUME_TYPE.dynamic && record.volumeType !== VOLUME_TYPE.static) fail(`volume table record ${id} has volume type ${record.volumeType}`, at + 12);
    if (record.alignment < 1 || record.dataPad !== geometry.lebBytes % record.alignment) fail(`volume table record ${id}: alignment ${record.alignment} with data pad ${record.dataPad} does not fit a ${geometry.lebBytes}-byte LEB`, at + 4);
    table.push({ ...record, id, at });
  }
  return table;
}

/** A dynamic volume's LEBs are read into one array: a hostile LEB number must not ask for terabytes. */
const MAX_READ = 2 ** 31;

function volumeData(bytes: Uint8Array, geometry: ParsedUbiGeometry, type: UbiVolumeType, usable: number, lebs: Array<Found & { dataBytes: number }>): Uint8Array {
  if (lebs.length === 0) return new Uint8Array(0);
  if (type === 'static') {
    const data = new Uint8Array(lebs.reduce((sum, leb) => sum + leb.dataBytes, 0));
    let at = 0;
    for (const leb of lebs) {
      const from = leb.pebOffset + geometry.dataOffset;
      data.set(bytes.subarray(from, from + leb.dataBytes), at);
      at += leb.dataBytes;
    }
    return data;
  }
  const last = lebs[lebs.length - 1].vid.lnum;
  if ((last + 1) * usable > MAX_READ) fail(`LEB ${last} of a dynamic volume puts its data ${(last + 1) * usable} bytes in: too large to read into memory`, lebs[lebs.length - 1].pebOffset + geometry.vidHeaderOffset + 12);
  const data = new Uint8Array((last + 1) * usable).fill(0xff);
  for (const leb of lebs) {
    const from = leb.pebOffset + geometry.dataOffset;
    data.set(bytes.subarray(from, from + usable), leb.vid.lnum * usable);
  }
  return data;
}

export function parseUbi(bytes: Uint8Array, options: UbiParseOptions = {}): ParsedUbi {
  const geometry = readGeometry(bytes, options);
  const { found, freePebs } = scanPebs(bytes, geometry);
  const table = readVolumeTable(bytes, geometry, found.filter((f) => f.vid.volumeId === LAYOUT_VOLUME_ID));
  const byId = new Map(table.map((record) => [record.id, { record, lebs: new Map<number, Found & { dataBytes: number }>() }]));
  const decoder = new TextDecoder();
  for (const entry of found) {
    const { vid, pebOffset } = entry;
    const vidAt = pebOffset + geometry.vidHeaderOffset;
    if (vid.volumeId === LAYOUT_VOLUME_ID) {
      if (vid.lnum > 1) fail(`the PEB at ${formatHex(pebOffset)} holds LEB ${vid.lnum} of the layout volume, which has 2`, vidAt + 12);
      continue;
    }
    const volume = byId.get(vid.volumeId);
    if (!volume) return fail(`the PEB at ${formatHex(pebOffset)} holds a LEB of volume ${vid.volumeId}, which the volume table does not list`, vidAt + 8);
    const { record } = volume;
    if (vid.volumeType !== record.volumeType) fail(`the PEB at ${formatHex(pebOffset)} says volume ${vid.volumeId} is ${vid.volumeType === 2 ? 'static' : 'dynamic'}, the volume table says otherwise`, vidAt + 5);
    if (vid.dataPad !== record.dataPad) fail(`the PEB at ${formatHex(pebOffset)} pads ${vid.dataPad} bytes, volume ${vid.volumeId} pads ${record.dataPad}`, vidAt + 28);
    if (vid.lnum >= record.reservedPebs) fail(`the PEB at ${formatHex(pebOffset)} holds LEB ${vid.lnum} of volume ${vid.volumeId}, which reserves ${record.reservedPebs}`, vidAt + 12);
    const twin = volume.lebs.get(vid.lnum);
    if (twin) fail(`the PEBs at ${formatHex(twin.pebOffset)} and ${formatHex(pebOffset)} both hold LEB ${vid.lnum} of volume ${vid.volumeId}`, vidAt + 12);
    const usable = geometry.lebBytes - record.dataPad;
    let dataBytes = usable;
    if (vid.volumeType === VOLUME_TYPE.static) {
      if (vid.dataSize > usable || vid.usedEbs > record.reservedPebs || vid.lnum >= vid.usedEbs) fail(`the VID header of the PEB at ${formatHex(pebOffset)} has data size ${vid.dataSize} and ${vid.usedEbs} used LEBs, out of bounds`, vidAt + 20);
      const from = pebOffset + geometry.dataOffset;
      if (ubiCrc(bytes, from, from + vid.dataSize) !== vid.dataCrc) fail(`the data of LEB ${vid.lnum} of volume ${vid.volumeId} (PEB at ${formatHex(pebOffset)}) does not match its CRC`, from);
      dataBytes = vid.dataSize;
    }
    volume.lebs.set(vid.lnum, { ...entry, dataBytes });
  }
  const volumes = [...byId.values()].map(({ record, lebs }): ParsedUbiVolume => {
    const sorted = [...lebs.values()].sort((a, b) => a.vid.lnum - b.vid.lnum);
    const type: UbiVolumeType = record.volumeType === VOLUME_TYPE.static ? 'static' : 'dynamic';
    if (type === 'static' && sorted.length > 0) {
      const used = sorted[0].vid.usedEbs;
      const missing = Array.from({ length: used }, (_, lnum) => lnum).find((lnum) => !lebs.has(lnum) || lebs.get(lnum)!.vid.usedEbs !== used);
      if (missing !== undefined) fail(`static volume ${record.id} uses ${used} LEBs but LEB ${missing} is missing or disagrees`, sorted[0].pebOffset + geometry.vidHeaderOffset + 24);
    }
    return {
      id: record.id,
      name: decoder.decode(record.name),
      type,
      reservedPebs: record.reservedPebs,
      alignment: record.alignment,
      dataPad: record.dataPad,
      autoresize: (record.flags & AUTORESIZE_FLAG) !== 0,
      flags: record.flags,
      lebs: sorted.map((leb) => ({ lnum: leb.vid.lnum, pebOffset: leb.pebOffset, dataBytes: leb.dataBytes })),
      data: volumeData(bytes, geometry, type, geometry.lebBytes - record.dataPad, sorted),
    };
  });
  return { geometry, volumes, pebs: bytes.length / geometry.pebBytes, freePebs };
}
