/**
 * The bridge from a partition table (read from a binary, or placed from an sfdisk script or a
 * .wks) back to a layout. Imported into an eMMC layout, the table replaces the user area's
 * entries and keeps everything a table cannot say: the hardware boot partitions, raw bootloaders,
 * the SoC; an entry at the same place as one of the layout's partitions keeps that partition's
 * name, kind and notes (an MBR has no names). Fields a layout derives (GUIDs, the disk signature,
 * the extended partition, EBR places, the usable range) are kept only where the table differs
 * from the derivation, so a layout written out and read back is the layout it was.
 */
import { FormatError } from '../../codecs/errors';
import type { GptTable } from '../../codecs/gpt';
import type { MbrTable } from '../../codecs/mbr';
import { normalizedFor } from '../../layout/family';
import { place } from '../../layout/place';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type Area, type EmmcOptions, type LayoutDocument, type Partition } from '../../model/document';
import { idAllocator } from '../../model/ids';
import { EMMC_GRAIN, tableArea } from './disk';
import { emmcFamily } from './family';
import { kindOfType } from './partition-types';
import { gptUsableRange, logicalLayout, tableEntries } from './table';

export type TableSource =
  | { label: 'dos'; sectorSize: number; diskSectors: number; table: MbrTable; grain?: number }
  | { label: 'gpt'; sectorSize: number; diskSectors: number; table: GptTable; entriesLba?: number; entryCount?: number; grain?: number };

interface Entry {
  start: number;
  size: number;
  name?: string;
  mbr?: Partition['mbr'];
  gpt?: Partition['gpt'];
  type: number | string;
  /** Logical partitions: the EBR's byte offset. */
  ebr?: number;
}

function entriesOf(source: TableSource): { entries: Entry[]; extended?: { offset: number; size: number; type: 0x05 | 0x0f | 0x85; slot: number } } {
  const sector = source.sectorSize;
  if (source.label === 'gpt') {
    const entries = [...source.table.partitions]
      .sort((a, b) => a.number - b.number)
      .map((p): Entry => ({
        start: p.firstLba * sector,
        size: (p.lastLba - p.firstLba + 1) * sector,
        name: p.name,
        type: p.typeGuid,
        gpt: { type: p.typeGuid.toUpperCase(), uuid: p.uniqueGuid.toUpperCase(), ...(p.attributes !== 0n ? { attributes: `0x${p.attributes.toString(16).toUpperCase()}` } : {}) },
      }));
    return { entries };
  }
  const sorted = [...source.table.partitions].sort((a, b) => a.number - b.number);
  const extendedEntry = sorted.find((p) => p.number <= 4 && (p.type === 0x05 || p.type === 0x0f || p.type === 0x85));
  const entries = sorted
    .filter((p) => p !== extendedEntry)
    .map((p): Entry => {
      const logical = p.number > 4;
      return {
        start: p.startLba * sector,
        size: p.sectors * sector,
        type: p.type,
        mbr: { type: p.type, ...(p.bootable ? { bootable: true } : {}), ...(logical ? { logical: true } : {}) },
        ...(logical && p.ebrLba !== undefined ? { ebr: p.ebrLba * sector } : {}),
      };
    });
  const extended = extendedEntry && { offset: extendedEntry.startLba * sector, size: extendedEntry.sectors * sector, type: extendedEntry.type as 0x05 | 0x0f | 0x85, slot: extendedEntry.number };
  return { entries, extended };
}

function baseDocument(current: LayoutDocument, source: TableSource): { device: LayoutDocument['device']; areas: Area[]; kept: Partition[] } {
  const size = source.diskSectors * source.sectorSize;
  const label: 'gpt' | 'mbr' = source.label === 'gpt' ? 'gpt' : 'mbr';
  if (current.device.family === 'emmc') {
    const area = tableArea(current);
    const areas = current.areas.map((a) => (a.id === area?.id || (!area && a.space === 'main') ? { ...a, table: label } : a));
    const placement = place(current, emmcFamily);
    const entryIds = new Set(tableEntries(current, placement).map((placed) => placed.partition.id));
    const { mbr: _mbr, gpt: _gpt, grain: _grain, ...options } = current.device.emmc ?? {};
    const device = { ...current.device, size, geometry: { ...current.device.geometry, sectorSize: source.sectorSize }, ...(Object.keys(options).length ? { emmc: options } : {}) };
    return { device, areas, kept: current.partitions.filter((p) => !entryIds.has(p.id)) };
  }
  const device = { ...emmcFamily.defaultDevice(), size, geometry: { sectorSize: source.sectorSize }, hardwarePartitions: [] };
  return { device, areas: [{ id: 'user', name: 'User area', space: 'main', start: 0, size: 'rest', table: label }], kept: [] };
}

/** The partitions of the current layout's table, by "start:size". */
function currentEntries(current: LayoutDocument): Map<string, Partition> {
  if (current.device.family !== 'emmc') return new Map();
  const placement = place(current, emmcFamily);
  return new Map(tableEntries(current, placement).map((placed) => [`${placed.start}:${placed.size}`, placed.partition]));
}

/** A GPT entry's own name (which may be empty), or for an MBR entry p1, p2, … */
function nameFor(entry: Entry, index: number): string {
  return entry.name ?? `p${index + 1}`;
}

/** A layout holding the table's entries (see the module comment for what is kept from `current`). */
export function documentFromTable(source: TableSource, current: LayoutDocument, name?: string): LayoutDocument {
  const { entries, extended } = entriesOf(source);
  const { device, areas, kept } = baseDocument(current, source);
  const area = areas.find((a) => a.space === 'main' && (a.table === 'mbr' || a.table === 'gpt'));
  if (!area) throw new FormatError('the layout has no user area to hold the table');
  const matches = currentEntries(current);
  const allocate = idAllocator(kept.map((p) => p.id));
  const partitions = entries.map((entry, index): Partition => {
    const previous = matches.get(`${entry.start}:${entry.size}`);
    const { mbr: _mbr, gpt: _gpt, ...carried } = previous ?? ({} as Partial<Partition>);
    const partitionName = source.label === 'gpt' ? nameFor(entry, index) : (previous?.name ?? nameFor(entry, index));
    return {
      ...(previous ? {} : kindOfType(entry.type)),
      ...carried,
      id: previous?.id && !kept.some((p) => p.id === previous.id) ? previous.id : allocate(partitionName || `part${index + 1}`),
      name: partitionName,
      area: area.id,
      offset: previous && previous.offset === 'auto' ? 'auto' : entry.start,
      size: previous && previous.size === 'rest' ? 'rest' : entry.size,
      ...(entry.mbr ? { mbr: entry.mbr } : {}),
      ...(entry.gpt ? { gpt: entry.gpt } : {}),
    } as Partition;
  });
  let document: LayoutDocument = { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name: name ?? current.name, device, areas, partitions: [...kept, ...partitions] };
  document = withDiskFields(document, source, extended, entries);
  document = withoutDerived(document);
  // "auto" and "rest" were kept only where they land where the table says; otherwise be explicit.
  const placement = place(document, emmcFamily);
  document = {
    ...document,
    partitions: document.partitions.map((p) => {
      const index = partitions.indexOf(p);
      if (index < 0) return p;
      const placed = placement.byId.get(p.id);
      const entry = entries[index];
      if (placed && placed.start === entry.start && placed.size === entry.size) return p;
      return { ...p, offset: entry.start, size: entry.size };
    }),
  };
  return normalizedFor(emmcFamily, document);
}

function withDiskFields(document: LayoutDocument, source: TableSource, extended: ReturnType<typeof entriesOf>['extended'], entries: Entry[]): LayoutDocument {
  const sector = source.sectorSize;
  const emmc: EmmcOptions = { ...(document.device.emmc ?? {}) };
  if (source.grain !== undefined && source.grain !== EMMC_GRAIN) emmc.grain = source.grain;
  if (source.label === 'dos') {
    emmc.mbr = { diskSignature: source.table.diskSignature, ...(extended ? { extended } : {}) };
  } else {
    const table = source.table;
    emmc.gpt = {
      diskGuid: table.diskGuid.toUpperCase(),
      ...(source.entriesLba !== undefined && source.entriesLba !== 2 ? { entriesOffset: source.entriesLba * sector } : {}),
      ...(source.entryCount !== undefined && source.entryCount !== 128 ? { entryCount: source.entryCount } : {}),
      ...(table.firstUsableLba !== undefined ? { usableStart: table.firstUsableLba * sector } : {}),
      ...(table.lastUsableLba !== undefined ? { usableEnd: (table.lastUsableLba + 1) * sector } : {}),
    };
  }
  const withOptions = { ...document, device: { ...document.device, emmc } };
  // EBRs: explicit only where the table's differ from the derived ones.
  const logicalIds = document.partitions.filter((p) => p.mbr?.logical).map((p) => p.id);
  const ebrOf = new Map(entries.filter((e) => e.ebr !== undefined).map((e, i) => [logicalIds[i], e.ebr!]));
  if (ebrOf.size === 0) return withOptions;
  const probe = { ...withOptions, device: { ...withOptions.device, emmc: { ...emmc, mbr: { ...emmc.mbr, extended: undefined } } } };
  const derived = logicalLayout(probe, tableEntries(probe, place(probe, emmcFamily)));
  return {
    ...withOptions,
    partitions: withOptions.partitions.map((p) => {
      const ebr = ebrOf.get(p.id);
      if (ebr === undefined || derived.ebrs.get(p.id) === ebr) return p;
      return { ...p, mbr: { ...p.mbr!, ebrOffset: ebr } };
    }),
  };
}

/** Drops the geometry fields that equal what the layout derives from its partitions anyway. */
function withoutDerived(document: LayoutDocument): LayoutDocument {
  const emmc: EmmcOptions = { ...(document.device.emmc ?? {}) };
  const bare = (d: LayoutDocument, change: (o: EmmcOptions) => EmmcOptions): LayoutDocument => ({ ...d, device: { ...d.device, emmc: change({ ...(d.device.emmc ?? {}) }) } });
  let result = document;
  if (emmc.gpt) {
    const gpt = { ...emmc.gpt };
    const defaults = gptUsableRange(bare(result, (o) => ({ ...o, gpt: { ...gpt, usableStart: undefined, usableEnd: undefined } })));
    const sector = result.device.geometry.sectorSize ?? 512;
    if (gpt.usableStart === defaults.first * sector) delete gpt.usableStart;
    if (gpt.usableEnd === (defaults.last + 1) * sector) delete gpt.usableEnd;
    emmc.gpt = gpt;
    if (Object.keys(gpt).length === 0) delete emmc.gpt;
  }
  if (emmc.mbr) {
    const mbr = { ...emmc.mbr };
    if (mbr.extended) {
      const probe = bare(result, (o) => ({ ...o, mbr: { ...mbr, extended: undefined } }));
      const derived = logicalLayout(probe, tableEntries(probe, place(probe, emmcFamily))).extended;
      const given = mbr.extended;
      if (derived && derived.offset === given.offset && derived.size === given.size && derived.type === (given.type ?? 0x05) && derived.slot === (given.slot ?? derived.slot)) delete mbr.extended;
    }
    emmc.mbr = mbr;
    if (Object.keys(mbr).length === 0) delete emmc.mbr;
  }
  result = { ...result, device: { ...result.device, emmc } };
  if (Object.keys(emmc).length === 0) {
    const { emmc: _emmc, ...device } = result.device;
    result = { ...result, device };
  }
  return result;
}
