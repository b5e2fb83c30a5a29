/**
 * Where genimage 16 puts each partition of an hdimage (image-hd.c, hdimage_setup): the same walk
 * over the partitions followed by the table's own areas ([MBR], [GPT header], [GPT array],
 * [GPT backup]), the same defaults, the same checks with genimage's wording. Checks genimage only
 * prints without failing come back as warnings.
 */
import { FormatError } from '../errors';
import { alignDown, alignUp } from '../../model/units';
import { cut, quote } from '../quote';
import type { GenimageConfig, GenimageHole, GenimageImage, GenimagePartition, GenimageTableType } from './records';

export interface GenimagePlaceOptions {
  /**
   * Byte size of each input file named by a partition's `image`; images defined in the
   * configuration with a `size` need no entry.
   */
  imageSizes?: Readonly<Record<string, number>>;
}

export interface GenimagePlacedPartition {
  name: string;
  offset: number;
  size: number;
  inPartitionTable: boolean;
  /** A logical partition inside the MBR extended partition. */
  logical: boolean;
  /** Its number in the table (GPT entry, or MBR 1–4 and 5… for logical ones); absent outside the table. */
  number?: number;
  /** GPT type GUID after shortcuts are resolved (gpt and hybrid tables). */
  partitionTypeUuid?: string;
}

export interface GenimageImagePlacement {
  name: string;
  /** Image size: as configured, or the end of the last area. */
  size: number;
  tableType: 'none' | 'mbr' | 'gpt' | 'hybrid';
  align: number;
  /** The MBR extended partition, when logical partitions exist. */
  extended?: { offset: number; size: number; number: number };
  partitions: GenimagePlacedPartition[];
  warnings: string[];
}

const GPT_ENTRIES = 128;
const GPT_SECTORS = 1 + (GPT_ENTRIES * 128) / 512;
/** struct mbr_tail: disk signature, copy-protect word, four entries, boot signature. */
const MBR_TAIL = 72;

const SHORTCUTS: Record<string, string> = {
  L: '0fc63daf-8483-4772-8e79-3d69d8477de4',
  S: '0657fd6d-a4ab-43c4-84e5-0933c84b4f4f',
  H: '933ac7e1-2eb4-4f13-b844-0e14e2aef915',
  U: 'c12a7328-f81f-11d2-ba4b-00a0c93ec93b',
  R: 'a19d880f-05fc-4d3b-a006-743f0f84911e',
  V: 'e6d6d379-f507-44c2-a23c-238f2a3df928',
  F: 'ebd0a0a2-b9e5-4433-87c0-68b6b72699c7',
};

const isUuid = (text: string) => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(text);

/** A partition during the walk; the table's own areas are fakes with align 1, outside the table. */
interface Area {
  name: string;
  offset: number;
  size: number;
  align: number;
  inTable: boolean;
  extended: boolean;
  autoresize: boolean;
  image?: string;
  holes: GenimageHole[];
  source?: GenimagePartition;
  typeUuid?: string;
}

const MBR = 1;
const GPT = 2;

function tableBits(type: GenimageTableType | undefined): number {
  switch (type ?? 'mbr') {
    case 'none':
      return 0;
    case 'mbr':
    case 'dos':
      return MBR;
    case 'gpt':
      return GPT;
    case 'hybrid':
      return MBR + GPT;
  }
}

const hexSize = (value: number) => `0x${value.toString(16)}`;

function placeImage(image: GenimageImage, imageSizes: Readonly<Record<string, number>>): GenimageImagePlacement {
  const { hdimage } = image;
  const warnings: string[] = [];
  const fail = (message: string, partition?: GenimagePartition): never => {
    const line = partition?.line ?? image.line;
    throw new FormatError(`hdimage(${cut(image.name)}): ${message}`, line === undefined ? {} : { line });
  };
  const bits = tableBits(hdimage.partitionTableType);
  const tableType = (['none', 'mbr', 'gpt', 'hybrid'] as const)[bits];
  const hasGpt = (bits & GPT) !== 0;
  const hasMbr = (bits & MBR) !== 0;
  const align = hdimage.align || (bits === 0 ? 1 : 512);
  let extendedIndex = hdimage.extendedPartition ?? 0;
  if (extendedIndex > 4) fail(`invalid extended partition index (${extendedIndex}). must be inferior or equal to 4 (0 for automatic)`);
  if (bits !== 0 && align % 512 !== 0) fail(`partition alignment (${align}) must be a multiple of 1 sector (512 bytes)`);
  let imageSize = image.size ?? 0;

  const areas: Area[] = image.partitions.map((partition) => {
    const inTable = bits !== 0 && partition.inPartitionTable !== false;
    const partAlign = partition.align || (inTable || bits === 0 ? align : 1);
    if (inTable && partAlign % align !== 0) {
      warnings.push(`partition alignment (${partAlign}) of partition ${cut(partition.name)} must be multiple of image alignment (${align})`);
    }
    return {
      name: partition.name,
      offset: partition.offset ?? 0,
      size: partition.size ?? 0,
      align: partAlign,
      inTable,
      extended: false,
      autoresize: partition.autoresize === true,
      image: partition.image,
      holes: partition.holes ?? [],
      source: partition,
    };
  });
  const entries = areas.filter((area) => area.inTable).length;
  if (bits === MBR && extendedIndex === 0 && entries > 4) extendedIndex = 4;
  const hasExtended = extendedIndex > 0;
  if (hasGpt && entries > GPT_ENTRIES) fail(`${entries} partitions do not fit the ${GPT_ENTRIES} entries of the GPT`);

  if (hdimage.diskUuid !== undefined) {
    if (!hasGpt) fail("'disk-uuid' is only valid for gpt and hybrid partition-table-type");
    if (!isUuid(hdimage.diskUuid)) fail(`invalid disk UUID: ${cut(hdimage.diskUuid)}`);
  }
  if (hdimage.diskSignature !== undefined && hdimage.diskSignature !== 'random' && !hasMbr) fail("'disk-signature' is only valid for mbr and hybrid partition-table-type");
  const gptLocation = hdimage.gptLocation || 2 * 512;
  if (gptLocation % 512 !== 0) warnings.push(`GPT table location (${gptLocation}) must be a multiple of 1 sector (512 bytes)`);

  const fake = (name: string, offset: number, size: number): Area => ({ name, offset, size, align: 1, inTable: false, extended: false, autoresize: false, holes: [] });
  let now = 0;
  let backup: Area | undefined;
  if (bits !== 0) {
    areas.push(fake('[MBR]', 512 - MBR_TAIL, MBR_TAIL));
    now = 512;
    if (hasGpt) {
      areas.push(fake('[GPT header]', 512, 512), fake('[GPT array]', gptLocation, (GPT_SECTORS - 1) * 512));
      now = gptLocation + (GPT_SECTORS - 1) * 512;
      backup = fake('[GPT backup]', imageSize ? imageSize - GPT_SECTORS * 512 : 0, GPT_SECTORS * 512);
      areas.push(backup);
    }
  }

  // genimage 16 compares the file it wrote with the size it expected (hd->file_size).
  let fileSize: number | undefined = 0;
  let writesEnd = bits === 0 ? 0 : hasGpt ? Math.max(1024, gptLocation + (GPT_SECTORS - 1) * 512) : 512;
  let autoresized: Area | undefined;
  let tableEntries = 0;
  let hybridEntries = 0;
  let extendedLba = 0;
  areas.forEach((part, index) => {
    const source = part.source;
    if (part.autoresize) {
      if (autoresized) fail("'autoresize' is only supported for one partition", source);
      autoresized = part;
      if (imageSize === 0) fail("the image size must be specified when using an 'autoresize' partition", source);
    }
    if (source?.partitionTypeUuid && !hasGpt) fail(`part ${cut(part.name)}: 'partition-type-uuid' is only valid for gpt and hybrid partition-table-type`, source);
    if (source?.partitionType && !hasMbr) fail(`part ${cut(part.name)}: 'partition-type' is only valid for mbr and hybrid partition-table-type`, source);
    if (hasGpt && part.inTable && source) {
      let typeUuid = source.partitionTypeUuid || 'L';
      if (typeUuid.length === 1) {
        if (!(typeUuid in SHORTCUTS)) fail(`part ${cut(part.name)} has invalid type shortcut: ${cut(typeUuid)}`, source);
        typeUuid = SHORTCUTS[typeUuid];
      }
      if (!isUuid(typeUuid)) fail(`part ${cut(part.name)} has invalid partition type UUID: ${cut(typeUuid)}`, source);
      if (source.partitionUuid !== undefined && !isUuid(source.partitionUuid)) fail(`part ${cut(part.name)} has invalid partition UUID: ${cut(source.partitionUuid)}`, source);
      part.typeUuid = typeUuid;
      if (source.partitionType) hybridEntries++;
    }
    if (part.inTable) tableEntries++;
    part.extended = hasExtended && part.inTable && tableEntries >= extendedIndex;
    if (part.extended) {
      // Room for the extended boot record before each logical partition.
      now = alignUp(now + align, part.align);
    }
    if (part === backup && !part.offset) {
      // The backup, and so the image, ends on a 4 KiB boundary.
      now += part.size;
      part.offset = alignUp(now, 4096) - part.size;
    }
    if (!part.offset && (part.inTable || bits === 0)) part.offset = alignUp(now, part.align);
    if (part.extended && !extendedLba) extendedLba = part.offset - align;
    if (part.offset % part.align !== 0) fail(`part ${cut(part.name)} offset (${part.offset}) must be amultiple of ${part.align} bytes`, source);
    if (part.autoresize) {
      let size = imageSize - part.offset;
      if (backup) size -= backup.size;
      size = size > 0 ? alignDown(size, part.align) : size;
      if (size <= 0) fail('partitions exceed device size', source);
      if (size < part.size) fail(`auto-resize partition ${cut(part.name)} ends up with a size ${size} smaller than minimum ${part.size}`, source);
      part.size = size;
    }
    if (part.image !== undefined) {
      const childSize = imageSizes[part.image];
      if (childSize === undefined) {
        if (!part.size) fail(`part ${cut(part.name)} takes its size from ${quote(part.image)}, whose size is not known (give it in imageSizes)`, source);
        fileSize = undefined;
      } else {
        if (fileSize !== undefined) fileSize = Math.max(fileSize, part.offset + childSize);
        writesEnd = Math.max(writesEnd, part.offset + childSize);
        if (!Number.isSafeInteger(childSize) || childSize < 0) fail(`the size of ${quote(part.image)} must be a whole number of bytes, found ${String(childSize)}`, source);
        if (!part.size) part.size = part.inTable ? alignUp(childSize, part.align) : childSize;
        if (childSize > part.size) fail(`part ${cut(part.name)} size (${part.size}) too small for ${cut(part.image)} (${childSize})`, source);
      }
    }
    if (part.extended) {
      // Each logical partition's EBR sits one alignment unit before it.
      const ebrEnd = part.offset - align + 512;
      writesEnd = Math.max(writesEnd, ebrEnd);
      if (part.image === undefined && fileSize !== undefined) fileSize = ebrEnd;
    }
    if (!part.size) fail(`part ${cut(part.name)} size must not be zero`, source);
    if (!part.extended) checkOverlap(areas, index, fail);
    else if (now > part.offset) fail(`part ${cut(part.name)} overlaps with previous partition`, source);
    if (part.inTable && part.size % 512 !== 0) fail(`part ${cut(part.name)} size (${part.size}) must be a multiple of 1 sector (512 bytes)`, source);
    now = Math.max(now, part.offset + part.size);
  });

  if (hybridEntries > 3) fail(`hybrid MBR partitions (${hybridEntries}) exceeds maximum of 3`);
  if (bits === MBR + GPT && hybridEntries === 0) fail('no partition with partition-type but hybrid partition-table-type selected');
  if (imageSize > 0 && now > imageSize) fail('partitions exceed device size');
  if (imageSize === 0) imageSize = now;
  if (hdimage.fill || (hasGpt && !hdimage.gptNoBackup)) fileSize = writesEnd = imageSize;
  if (fileSize !== undefined && writesEnd > fileSize) {
    warnings.push(`genimage 16 stops with "unexpected output file size: ${fileSize} != ${writesEnd}": the table is written past the end of the partition data; set fill = true`);
  }

  const user = areas.filter((area) => area.source);
  const placement: GenimageImagePlacement = { name: image.name, size: imageSize, tableType, align, partitions: [], warnings };
  let primary = 0;
  let logical = 4;
  for (const part of user) {
    let number: number | undefined;
    if (part.inTable) {
      if (hasGpt) number = user.filter((p) => p.inTable).indexOf(part) + 1;
      else if (part.extended) {
        if (!placement.extended) placement.extended = { offset: extendedLba, size: imageSize - extendedLba, number: ++primary };
        number = ++logical;
      } else number = ++primary;
    }
    if (hasMbr && !hasGpt && part.inTable) checkMbrRange(part, fail);
    placement.partitions.push({
      name: part.name,
      offset: part.offset,
      size: part.size,
      inPartitionTable: part.inTable,
      logical: part.extended,
      ...(number === undefined ? {} : { number }),
      ...(part.typeUuid ? { partitionTypeUuid: part.typeUuid } : {}),
    });
  }
  return placement;
}

/** MBR entries hold 32-bit sector numbers; genimage would silently cut larger ones. */
function checkMbrRange(part: Area, fail: (message: string, partition?: GenimagePartition) => never): void {
  if ((part.offset + part.size) / 512 > 0xffffffff) fail(`part ${cut(part.name)} ends at sector ${(part.offset + part.size) / 512}, past the 32-bit sector numbers of an MBR (2 TiB)`, part.source);
}

function checkOverlap(areas: Area[], index: number, fail: (message: string, partition?: GenimagePartition) => never): void {
  const p = areas[index];
  for (const q of areas.slice(0, index)) {
    if (p.offset >= q.offset + q.size || q.offset >= p.offset + p.size) continue;
    // A declared hole in the earlier image may be overwritten.
    const start = Math.max(p.offset, q.offset) - q.offset;
    const end = Math.min(p.offset + p.size, q.offset + q.size) - q.offset;
    if (q.image !== undefined && q.holes.some((hole) => hole.start <= start && end <= hole.end)) continue;
    let message = `partition ${cut(p.name)} (offset ${hexSize(p.offset)}, size ${hexSize(p.size)}) overlaps previous partition ${cut(q.name)} (offset ${hexSize(q.offset)}, size ${hexSize(q.size)})`;
    if (!q.inTable && (p.name === '[MBR]' || p.name.startsWith('[GPT'))) {
      message += '; bootloaders, etc. that overlap with the partition table must declare the overlapping area as a hole.';
    }
    fail(message, p.source ?? q.source);
  }
}

/** The placement of every image of a configuration, as genimage 16 computes it. */
export function placeGenimage(config: GenimageConfig, options: GenimagePlaceOptions = {}): GenimageImagePlacement[] {
  const defined = new Map<string, number | undefined>();
  for (const other of config.otherImages ?? []) defined.set(other.name, other.size);
  for (const image of config.images) defined.set(image.name, image.size);
  return config.images.map((image) => {
    for (const partition of image.partitions) {
      if (partition.holes?.length && partition.image !== undefined && defined.has(partition.image)) {
        throw new FormatError(`hdimage(${cut(image.name)}): holes in partitions are only valid for implicit child images! (partition ${cut(partition.name)} takes the image ${quote(partition.image)} defined in this file)`, partition.line === undefined ? {} : { line: partition.line });
      }
    }
    const sizes: Record<string, number> = {};
    for (const [name, size] of defined) if (size !== undefined) sizes[name] = size;
    return placeImage(image, { ...sizes, ...options.imageSizes });
  });
}
