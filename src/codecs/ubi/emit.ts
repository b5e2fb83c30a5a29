/**
 * A UBI image as ubinize (mtd-utils) writes it: PEBs 0 and 1 hold the layout volume (the volume
 * table, once in each), then each volume that has data, in the order given, one PEB per LEB of
 * data, its unused tail 0xFF. Volumes without data take no PEB: their table record reserves the
 * space and UBI maps LEBs when they are written. Only the PEBs the data needs are written, so the
 * image is usually much shorter than the partition it goes into; the rest of the partition is left
 * erased. Every PEB carries the same erase counter and image sequence number; sequence numbers in
 * VID headers are 0, as ubinize leaves them.
 */
import { FormatError } from '../errors';
import type { Chunks } from '../extents';
import { ubiGeometry, type UbiFlash, type UbiGeometry } from './geometry';
import {
  AUTORESIZE_FLAG, emptyRecord, LAYOUT_VOLUME_COMPAT, LAYOUT_VOLUME_ID, LAYOUT_VOLUME_PEBS, VOLUME_NAME_MAX, VOLUME_TYPE, VTBL_RECORD_SIZE,
  ubiCrc, writeEcHeader, writeVidHeader, writeVtblRecord, type UbiVolumeType,
} from './media';

export interface UbiVolumeSpec {
  /** vol_id: the record of the volume table it takes. */
  id: number;
  name: string;
  type: UbiVolumeType;
  /** vol_size in bytes: what the volume reserves (whole LEBs), at least its data. */
  size: number;
  autoresize?: boolean;
  /** vol_alignment: LEBs are cut to a multiple of it (1: the whole LEB). */
  alignment?: number;
  /** Bytes of the volume's image file, 0 when it has none. */
  dataBytes: number;
}

export interface UbiVolumeLayout extends Required<UbiVolumeSpec> {
  nameBytes: Uint8Array;
  /** LEB bytes the volume uses: the LEB less data_pad, a multiple of the alignment. */
  usableLebBytes: number;
  dataPad: number;
  reservedPebs: number;
  /** PEBs its data takes in the image. */
  dataPebs: number;
  /** Index of its first PEB in the image. */
  firstPeb: number;
}

export interface UbiLayout {
  geometry: UbiGeometry;
  volumes: UbiVolumeLayout[];
  /** The volume table, as the layout volume's LEBs hold it. */
  vtbl: Uint8Array;
  pebs: number;
  /** Bytes of the image: PEBs × PEB size. */
  imageBytes: number;
}

const encoder = new TextEncoder();

function checkVolume(volume: UbiVolumeSpec, geometry: UbiGeometry): void {
  const where = `volume ${volume.id} ("${volume.name}")`;
  if (!Number.isInteger(volume.id) || volume.id < 0 || volume.id >= geometry.maxVolumes) throw new FormatError(`${where}: the id must be from 0 to ${geometry.maxVolumes - 1}`);
  const nameBytes = encoder.encode(volume.name).length;
  if (nameBytes === 0 || nameBytes > VOLUME_NAME_MAX || volume.name.includes('\0')) throw new FormatError(`${where}: a name is 1 to ${VOLUME_NAME_MAX} bytes without NUL, this one is ${nameBytes}`);
  if (!Number.isSafeInteger(volume.size) || volume.size <= 0) throw new FormatError(`${where}: the size must be a whole number of bytes above 0, found ${String(volume.size)}`);
  if (!Number.isSafeInteger(volume.dataBytes) || volume.dataBytes < 0) throw new FormatError(`${where}: the data size must be a whole number of bytes, found ${String(volume.dataBytes)}`);
  if (volume.dataBytes > volume.size) throw new FormatError(`${where}: its image of ${volume.dataBytes} bytes is larger than the volume (${volume.size} bytes): an image is never cut to fit`);
  // A static volume is exactly its data (data_size, used_ebs): ubinize refuses one without an image.
  if (volume.type === 'static' && volume.dataBytes === 0) throw new FormatError(`${where}: a static volume needs an image`);
  const alignment = volume.alignment ?? 1;
  if (!Number.isSafeInteger(alignment) || alignment < 1 || alignment >= geometry.lebBytes) throw new FormatError(`${where}: the alignment must be from 1 to ${geometry.lebBytes - 1} (below the LEB size), found ${String(alignment)}`);
  if (alignment !== 1 && alignment % geometry.minIoBytes !== 0) throw new FormatError(`${where}: the alignment ${alignment} must be 1 or a multiple of the min. I/O size ${geometry.minIoBytes}`);
}

/** Checks the flash and the volumes and works out where every PEB of the image comes from. */
export function ubiLayout(flash: UbiFlash, volumes: readonly UbiVolumeSpec[]): UbiLayout {
  const geometry = ubiGeometry(flash);
  const ids = new Set<number>();
  const names = new Set<string>();
  let autoresize = 0;
  let next = LAYOUT_VOLUME_PEBS;
  const vtbl = new Uint8Array(geometry.maxVolumes * VTBL_RECORD_SIZE);
  for (let slot = 0; slot < geometry.maxVolumes; slot++) writeVtblRecord(vtbl, slot * VTBL_RECORD_SIZE, emptyRecord);
  const laid = volumes.map((volume): UbiVolumeLayout => {
    checkVolume(volume, geometry);
    if (ids.has(volume.id)) throw new FormatError(`volume id ${volume.id} is used twice`);
    if (names.has(volume.name)) throw new FormatError(`volume name "${volume.name}" is used twice`);
    ids.add(volume.id);
    names.add(volume.name);
    if (volume.autoresize && ++autoresize > 1) throw new FormatError(`only one volume may have the autoresize flag, "${volume.name}" is the second`);
    const alignment = volume.alignment ?? 1;
    const dataPad = geometry.lebBytes % alignment;
    const usableLebBytes = geometry.lebBytes - dataPad;
    // ubinize reserves size / LEB (not usable LEB) eraseblocks, rounded up.
    const reservedPebs = Math.ceil(volume.size / geometry.lebBytes);
    const dataPebs = Math.ceil(volume.dataBytes / usableLebBytes);
    // ubinize would write LEBs past the reservation here (alignment cuts the LEB), which the kernel refuses.
    if (dataPebs > reservedPebs) {
      throw new FormatError(`volume ${volume.id} ("${volume.name}"): its image of ${volume.dataBytes} bytes takes ${dataPebs} LEBs of ${usableLebBytes} usable bytes, but its size of ${volume.size} bytes reserves ${reservedPebs}`);
    }
    const nameBytes = encoder.encode(volume.name);
    writeVtblRecord(vtbl, volume.id * VTBL_RECORD_SIZE, {
      reservedPebs, alignment, dataPad, volumeType: VOLUME_TYPE[volume.type], updateMarker: 0, name: nameBytes, flags: volume.autoresize ? AUTORESIZE_FLAG : 0,
    });
    const firstPeb = next;
    next += dataPebs;
    return { ...volume, autoresize: volume.autoresize ?? false, alignment, nameBytes, usableLebBytes, dataPad, reservedPebs, dataPebs, firstPeb };
  });
  return { geometry, volumes: laid, vtbl, pebs: next, imageBytes: next * geometry.pebBytes };
}

/** A PEB with its EC header, everything else 0xFF: the VID header and data go in after. */
function blankPeb(geometry: UbiGeometry): Uint8Array {
  const peb = new Uint8Array(geometry.pebBytes).fill(0xff);
  writeEcHeader(peb, 0, { version: geometry.version, eraseCounter: geometry.eraseCounter, vidHeaderOffset: geometry.vidHeaderOffset, dataOffset: geometry.dataOffset, imageSeq: geometry.imageSeq });
  return peb;
}

/** Copy `lnum` (0 or 1) of the layout volume. */
export function layoutPeb(layout: UbiLayout, lnum: number): Uint8Array {
  const { geometry } = layout;
  const peb = blankPeb(geometry);
  writeVidHeader(peb, geometry.vidHeaderOffset, {
    version: geometry.version, volumeType: VOLUME_TYPE.dynamic, copyFlag: 0, compat: LAYOUT_VOLUME_COMPAT, volumeId: LAYOUT_VOLUME_ID, lnum,
    dataSize: 0, usedEbs: 0, dataPad: 0, dataCrc: 0, sqnum: 0n,
  });
  peb.set(layout.vtbl, geometry.dataOffset);
  return peb;
}

/** The PEB holding LEB `lnum` of a volume, whose data (at most one usable LEB) is `data`. */
export function volumePeb(layout: UbiLayout, volume: UbiVolumeLayout, lnum: number, data: Uint8Array): Uint8Array {
  const { geometry } = layout;
  const peb = blankPeb(geometry);
  const isStatic = volume.type === 'static';
  writeVidHeader(peb, geometry.vidHeaderOffset, {
    version: geometry.version, volumeType: VOLUME_TYPE[volume.type], copyFlag: 0, compat: 0, volumeId: volume.id, lnum,
    dataSize: isStatic ? data.length : 0, usedEbs: isStatic ? volume.dataPebs : 0, dataPad: volume.dataPad, dataCrc: isStatic ? ubiCrc(data) : 0, sqnum: 0n,
  });
  peb.set(data, geometry.dataOffset);
  return peb;
}

/** The whole image in memory, each volume's data given by id (for tests and small images). */
export function emitUbi(flash: UbiFlash, volumes: ReadonlyArray<Omit<UbiVolumeSpec, 'dataBytes'> & { data?: Uint8Array }>): Uint8Array {
  const layout = ubiLayout(flash, volumes.map((v) => ({ ...v, dataBytes: v.data?.length ?? 0 })));
  const image = new Uint8Array(layout.imageBytes);
  const { pebBytes } = layout.geometry;
  for (let lnum = 0; lnum < LAYOUT_VOLUME_PEBS; lnum++) image.set(layoutPeb(layout, lnum), lnum * pebBytes);
  layout.volumes.forEach((volume, index) => {
    const data = volumes[index].data ?? new Uint8Array(0);
    for (let lnum = 0; lnum < volume.dataPebs; lnum++) {
      const from = lnum * volume.usableLebBytes;
      image.set(volumePeb(layout, volume, lnum, data.subarray(from, Math.min(data.length, from + volume.usableLebBytes))), (volume.firstPeb + lnum) * pebBytes);
    }
  });
  return image;
}

/** Gathers a stream into LEB-sized pieces; a stream shorter or longer than it said is an error. */
async function* lebsOf(source: Chunks, lebBytes: number, total: number, what: string): AsyncGenerator<Uint8Array> {
  let cut = 0;
  let leb = new Uint8Array(Math.min(lebBytes, total));
  let filled = 0;
  for await (const chunk of source) {
    for (let at = 0; at < chunk.length; ) {
      if (cut + filled === total) throw new FormatError(`${what} gave more than the ${total} bytes it was said to have`);
      const take = Math.min(leb.length - filled, chunk.length - at);
      leb.set(chunk.subarray(at, at + take), filled);
      filled += take;
      at += take;
      if (filled === leb.length) {
        yield leb;
        cut += leb.length;
        leb = new Uint8Array(Math.min(lebBytes, total - cut));
        filled = 0;
      }
    }
  }
  if (cut + filled < total) throw new FormatError(`${what} ended after ${cut + filled} of its ${total} bytes`);
}

/**
 * The image PEB by PEB, reading each volume's data from `open` (by index in the layout), so an
 * image of any size costs the memory of one PEB and one LEB.
 */
export async function* streamUbi(layout: UbiLayout, open: (index: number) => Chunks): AsyncGenerator<Uint8Array> {
  for (let lnum = 0; lnum < LAYOUT_VOLUME_PEBS; lnum++) yield layoutPeb(layout, lnum);
  for (const [index, volume] of layout.volumes.entries()) {
    if (volume.dataBytes === 0) continue;
    let lnum = 0;
    for await (const leb of lebsOf(open(index), volume.usableLebBytes, volume.dataBytes, `the image of volume "${volume.name}"`)) yield volumePeb(layout, volume, lnum++, leb);
  }
}
