/**
 * The bridge from a layout to the user area's partition table: which partitions are entries, in
 * which order and with which numbers, and every whole-disk field. The records have the shape of
 * the MBR and GPT codecs (and of sfdisk's resolution), so the binary, the sfdisk script and the
 * image builder all write one and the same table.
 *
 * Numbering: GPT entries and MBR primaries follow document order (primaries 1–4, the extended
 * partition taking the slot after them unless the layout names one); logical partitions are
 * 5, 6, … in document order, each described by an EBR one grain before it (as sfdisk writes
 * them) unless that would reach into the partition before it.
 */
import { FormatError } from '../../codecs/errors';
import { defaultUsableRange, GPT_MAX_ENTRIES, parseAttributesHex, type GptTable } from '../../codecs/gpt';
import { MAX_MBR_SECTORS, type MbrPartition, type MbrTable } from '../../codecs/mbr';
import type { PlacedPartition, Placement } from '../../layout/placement';
import type { LayoutDocument } from '../../model/document';
import { formatHex } from '../../model/units';
import { quoted } from '../../rules/describe';
import { diskGuidOf, diskSignatureOf, partitionGuidOf } from './derived-ids';
import { emmcOptions, entriesOffset, entryCount, grainOf, sectorSize, tableArea } from './disk';
import { gptTypeOf, mbrTypeOf } from './partition-types';

interface Disk {
  sectorSize: number;
  diskSectors: number;
}

export type DiskTable =
  | (Disk & { label: 'dos'; table: MbrTable; entries: PlacedPartition[] })
  | (Disk & { label: 'gpt'; table: GptTable & { firstUsableLba: number; lastUsableLba: number }; entriesLba: number; entryCount: number; entries: PlacedPartition[] });

const EXTENDED = 0x05;

/** The placed partitions that are table entries, in document order. */
export function tableEntries(document: LayoutDocument, placement: Placement): PlacedPartition[] {
  const area = tableArea(document);
  if (!area) return [];
  return placement.partitions.filter((placed) => placed.areaId === area.id && !placed.partition.raw && placed.size > 0);
}

function sectorsOf(value: number, sector: number, what: string): number {
  if (value % sector !== 0) throw new FormatError(`${what} ${formatHex(value)} is not a whole number of ${sector}-byte sectors`);
  return value / sector;
}

function extentOf(placed: PlacedPartition, sector: number): { first: number; sectors: number } {
  const name = quoted(placed.partition.name);
  return { first: sectorsOf(placed.start, sector, `${name} starts at`), sectors: sectorsOf(placed.size, sector, `${name} has a size of`) };
}

function disk(document: LayoutDocument): Disk {
  const sector = sectorSize(document);
  return { sectorSize: sector, diskSectors: Math.floor(document.device.size / sector) };
}

/** The GPT's usable range: the layout's, else sfdisk's default for a new table. */
export function gptUsableRange(document: LayoutDocument): { first: number; last: number; entriesLba: number; entryCount: number } {
  const { sectorSize: sector, diskSectors } = disk(document);
  const gpt = emmcOptions(document).gpt ?? {};
  const entriesLba = sectorsOf(entriesOffset(document), sector, 'the GPT entry array offset');
  const count = Math.min(entryCount(document), GPT_MAX_ENTRIES);
  const defaults = defaultUsableRange({ sectorSize: sector, diskSectors, entryCount: count, entriesLba });
  return {
    first: gpt.usableStart === undefined ? defaults.first : sectorsOf(gpt.usableStart, sector, 'the first usable byte'),
    last: gpt.usableEnd === undefined ? defaults.last : sectorsOf(gpt.usableEnd, sector, 'the end of the usable area') - 1,
    entriesLba,
    entryCount: count,
  };
}

function gptTable(document: LayoutDocument, entries: PlacedPartition[]): DiskTable {
  const geometry = disk(document);
  const range = gptUsableRange(document);
  const partitions = entries.map((placed, index) => {
    const { partition } = placed;
    const { first, sectors } = extentOf(placed, geometry.sectorSize);
    return {
      number: index + 1,
      typeGuid: gptTypeOf(partition),
      uniqueGuid: partitionGuidOf(document, partition),
      firstLba: first,
      lastLba: first + sectors - 1,
      attributes: partition.gpt?.attributes ? parseAttributesHex(partition.gpt.attributes) : 0n,
      name: partition.name,
    };
  });
  return {
    ...geometry,
    label: 'gpt',
    table: { diskGuid: diskGuidOf(document), firstUsableLba: range.first, lastUsableLba: range.last, partitions },
    entriesLba: range.entriesLba,
    entryCount: range.entryCount,
    entries,
  };
}

/** Default EBR of a logical partition: one grain before it, else the sector before it, never inside what precedes it. */
function defaultEbr(start: number, floor: number, grain: number, sector: number): number {
  const early = start - grain;
  if (early >= floor) return early;
  return start - sector;
}

export interface ExtendedPartition {
  slot: number;
  type: number;
  offset: number;
  size: number;
}

/** EBR byte offsets of the logical partitions and the extended partition around them (bytes). */
export function logicalLayout(document: LayoutDocument, entries: PlacedPartition[]): { extended?: ExtendedPartition; ebrs: Map<string, number> } {
  const logicals = entries.filter((placed) => placed.partition.mbr?.logical);
  const ebrs = new Map<string, number>();
  if (logicals.length === 0) return { ebrs };
  const sector = sectorSize(document);
  const grain = grainOf(document);
  const given = emmcOptions(document).mbr?.extended;
  // What precedes each logical partition: the nearest end of any entry at or before its start.
  const ends = entries.map((placed) => placed.end).sort((a, b) => a - b);
  const floorBefore = (start: number) => {
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (ends[mid] <= start) low = mid + 1;
      else high = mid;
    }
    return low > 0 ? ends[low - 1] : sector;
  };
  logicals.forEach((placed, index) => {
    const explicit = placed.partition.mbr?.ebrOffset;
    const first = index === 0 && given ? given.offset : undefined;
    ebrs.set(placed.partition.id, explicit ?? first ?? defaultEbr(placed.start, floorBefore(placed.start), grain, sector));
  });
  const primaries = entries.filter((placed) => !placed.partition.mbr?.logical).length;
  const offset = given?.offset ?? ebrs.get(logicals[0].partition.id)!;
  const end = Math.max(...logicals.map((placed) => placed.end));
  return { extended: { slot: given?.slot ?? primaries + 1, type: given?.type ?? EXTENDED, offset, size: given?.size ?? end - offset }, ebrs };
}

function mbrTable(document: LayoutDocument, entries: PlacedPartition[]): DiskTable {
  const geometry = disk(document);
  const sector = geometry.sectorSize;
  const { extended, ebrs } = logicalLayout(document, entries);
  const partitions: MbrPartition[] = [];
  const slots = [1, 2, 3, 4].filter((slot) => slot !== extended?.slot);
  const primaries = entries.filter((placed) => !placed.partition.mbr?.logical);
  if (primaries.length > slots.length) {
    throw new FormatError(`${primaries.length} primary partitions${extended ? ' and the extended partition' : ''} do not fit the MBR's four entries: make the later ones logical`);
  }
  primaries.forEach((placed, index) => {
    const { first, sectors } = extentOf(placed, sector);
    partitions.push({ number: slots[index], bootable: placed.partition.mbr?.bootable ?? false, type: mbrTypeOf(placed.partition), startLba: first, sectors });
  });
  if (extended) {
    partitions.push({
      number: extended.slot,
      bootable: false,
      type: extended.type,
      startLba: sectorsOf(extended.offset, sector, 'the extended partition starts at'),
      sectors: sectorsOf(extended.size, sector, 'the extended partition has a size of'),
    });
  }
  entries
    .filter((placed) => placed.partition.mbr?.logical)
    .forEach((placed, index) => {
      const { first, sectors } = extentOf(placed, sector);
      const ebr = sectorsOf(ebrs.get(placed.partition.id)!, sector, `the EBR of ${quoted(placed.partition.name)} is at`);
      partitions.push({ number: 5 + index, bootable: placed.partition.mbr?.bootable ?? false, type: mbrTypeOf(placed.partition), startLba: first, sectors, ebrLba: ebr });
    });
  if (geometry.diskSectors > MAX_MBR_SECTORS) {
    throw new FormatError(`a disk of ${geometry.diskSectors} sectors is larger than the 2^32 sectors an MBR addresses: use GPT`);
  }
  partitions.sort((a, b) => a.number - b.number);
  return { ...geometry, label: 'dos', table: { diskSignature: diskSignatureOf(document), partitions }, entries };
}

/** The user area's table, or undefined when the layout has none. FormatError where it cannot be written. */
export function diskTableOf(document: LayoutDocument, placement: Placement): DiskTable | undefined {
  const area = tableArea(document);
  if (!area) return undefined;
  const entries = tableEntries(document, placement);
  return area.table === 'gpt' ? gptTable(document, entries) : mbrTable(document, entries);
}
