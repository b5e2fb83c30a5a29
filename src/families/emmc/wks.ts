/**
 * The bridge between a layout and a Yocto .wks: every user-area partition becomes a `part` line
 * in disk order with its exact --offset and --fixed-size (so wic's layout is ours), raw
 * bootloaders as `--source rawcopy --no-table`; GPT entries carry --part-name, --part-type and
 * --uuid, MBR entries --system-id, --active and the name as --label. Reading one back follows
 * wic's own placement (layoutWks); bitbake variables that change the placement become questions
 * of the import, those naming only a file stay in the partition's image name as written.
 */
import { FormatError } from '../../codecs/errors';
import { emitWks, isTemplate, layoutWks, parseWks, resolveWks, type WksPartition, type WksRecord } from '../../codecs/wks';
import { place } from '../../layout/place';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type Filesystem, type LayoutDocument, type Partition } from '../../model/document';
import { idAllocator } from '../../model/ids';
import { alignUp, MiB } from '../../model/units';
import { quoted } from '../../rules/describe';
import { diskGuidOf, diskSignatureOf, partitionGuidOf } from './derived-ids';
import { emmcOptions, linuxDevice, sectorSize, tableArea } from './disk';
import { emmcFamily } from './family';
import { documentFromTable } from './from-table';
import { gptTypeOf, kindOfType, mbrTypeOf } from './partition-types';
import { tableEntries } from './table';

/** A bitbake variable the placement needs (the format registry's WksQuestion). */
export interface WksQuestion {
  name: string;
  why: string;
}

const WKS_FSTYPES: ReadonlySet<string> = new Set(['ext2', 'ext3', 'ext4', 'btrfs', 'squashfs', 'vfat', 'erofs', 'swap']);

function sourceOf(partition: Partition): Pick<WksPartition, 'source' | 'sourceparams' | 'fstype'> {
  if (partition.image || partition.raw) return { source: 'rawcopy', sourceparams: `file=${partition.image ?? `${partition.name || 'image'}.bin`}` };
  const fs = partition.fs === 'fat' ? 'vfat' : partition.fs;
  if (fs && WKS_FSTYPES.has(fs)) return { fstype: fs as WksPartition['fstype'] & string };
  return { source: 'empty' };
}

/** The layout as .wks records. */
export function documentToWks(document: LayoutDocument): { records: WksRecord[]; warnings: string[] } {
  const area = tableArea(document);
  if (!area) throw new FormatError('a .wks describes a partitioned disk: the layout has no user area with an MBR or GPT');
  const placement = place(document, emmcFamily);
  const gpt = area.table === 'gpt';
  const disk = linuxDevice(document).replace(/^\/dev\//, '');
  const entries = tableEntries(document, placement);
  const warnings: string[] = [];
  const inUserArea = placement.partitions.filter((placed) => placed.space === area.space && placed.size > 0).sort((a, b) => a.start - b.start || a.index - b.index);
  // wic numbers table partitions in line order, which here is disk order.
  const numbered = inUserArea.filter((placed) => entries.includes(placed));
  if (numbered.some((placed, index) => placed !== entries[index])) warnings.push('the .wks lists partitions in disk order, so wic numbers them in that order rather than the layout\'s');
  if (!gpt && entries.length > 4) {
    const logical = entries.map((placed) => placed.partition.mbr?.logical === true);
    const wicLogical = numbered.map((_, index) => index >= 3);
    if (logical.some((value, index) => value !== wicLogical[index])) warnings.push('wic makes the 4th and later MBR partitions logical; the layout\'s choice differs');
  }
  const records: WksRecord[] = [
    { kind: 'comment', text: `# ${document.name.replace(/[\r\n]+/g, ' ').trim() || 'layout'}: written by Flashmap; offsets and sizes are exact` },
    { kind: 'bootloader', ptable: gpt ? 'gpt' : 'msdos', diskid: gpt ? diskGuidOf(document) : `0x${diskSignatureOf(document).toString(16).padStart(8, '0')}` },
  ];
  for (const placed of inUserArea) {
    const { partition } = placed;
    const entry = entries.includes(placed);
    const part: WksPartition = { kind: 'part', mountpoint: partition.name || `part${placed.index + 1}`, ...sourceOf(partition), ondisk: disk };
    if (entry && gpt) {
      part.partName = partition.name;
      part.partType = gptTypeOf(partition);
      part.uuid = partitionGuidOf(document, partition);
      if (partition.gpt?.attributes && partition.gpt.attributes !== '0x0') warnings.push(`${quoted(partition.name)}: wic cannot set GPT attributes; they are left out`);
    }
    if (entry && !gpt) {
      part.label = partition.name;
      part.systemId = `0x${mbrTypeOf(partition).toString(16).padStart(2, '0')}`;
      if (partition.mbr?.bootable) part.active = true;
    }
    if (!entry) part.noTable = true;
    part.offset = placed.start;
    part.fixedSize = placed.size;
    if (part.fstype === 'squashfs' || part.fstype === 'erofs') delete part.label;
    records.push(part);
  }
  return { records, warnings };
}

export function exportWks(document: LayoutDocument): { text: string; warnings: string[] } {
  const { records, warnings } = documentToWks(document);
  return { text: emitWks(records), warnings };
}

/** wic's fstype as a layout filesystem. */
function filesystemOf(fstype: unknown): Filesystem | undefined {
  if (typeof fstype !== 'string') return undefined;
  if (fstype === 'msdos') return 'vfat';
  return fstype === 'none' ? undefined : (fstype as Filesystem);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isTemplate(value)) return value.template;
  return undefined;
}

function sourceFile(part: WksPartition): string | undefined {
  const params = text(part.sourceparams);
  return params?.split(',').find((item) => item.startsWith('file='))?.slice(5) || undefined;
}

function nameOf(part: WksPartition, index: number): string {
  const named = text(part.partName) ?? text(part.label);
  if (named) return named;
  const mount = text(part.mountpoint);
  if (mount === '/') return 'rootfs';
  if (mount) return mount.replace(/^\/+/, '').replace(/\//g, '-') || `part${index + 1}`;
  return `part${index + 1}`;
}

function kindOf(part: WksPartition, type: number | string): Pick<Partition, 'kind' | 'fs'> {
  const fs = filesystemOf(part.fstype);
  if (part.noTable) return { kind: 'bootloader', ...(fs ? { fs } : {}) };
  if (text(part.mountpoint) === '/' || part.source === 'rootfs') return { kind: 'rootfs', ...(fs ? { fs } : {}) };
  const byType = kindOfType(type);
  return fs ? { ...byType, kind: byType.kind === 'env' ? 'env' : fs === 'swap' ? 'data' : 'filesystem', fs } : byType;
}

/** Reads a .wks: questions for the variables the placement needs, the layout wic would make. */
export function importWks(bytes: Uint8Array, current: LayoutDocument, answers: Readonly<Record<string, string>> = {}): { document: LayoutDocument; warnings: string[]; questions: WksQuestion[] } {
  const { records, unresolved } = resolveWks(parseWks(bytes), answers);
  const asked = new Map<string, WksQuestion>();
  for (const use of unresolved) {
    if (use.affects !== 'placement' || asked.has(use.variable)) continue;
    asked.set(use.variable, { name: use.variable, why: `${use.option}${use.line !== undefined ? ` on line ${use.line}` : ''}: where wic puts the partitions depends on it` });
  }
  const bootloader = records.find((record) => record.kind === 'bootloader');
  if (bootloader && isTemplate(bootloader.ptable)) {
    for (const variable of bootloader.ptable.variables) asked.set(variable, { name: variable, why: 'bootloader --ptable: MBR or GPT depends on it' });
    return { document: current, warnings: ['the table type is not known until the questions are answered'], questions: [...asked.values()] };
  }
  const first = layoutWks(records, { sectorSize: current.device.family === 'emmc' ? sectorSize(current) : 512 });
  const warnings = [...first.notes];
  const layout = withKnownSizes(records, first);
  const parts = records.filter((record): record is WksPartition => record.kind === 'part');
  const gpt = layout.ptable !== 'msdos';
  if (layout.ptable === 'gpt-hybrid') warnings.push('gpt-hybrid: only the GPT is kept; the hybrid MBR entries are not');
  const sector = layout.sectorSize;
  const minimum = (layout.diskSectors ?? 0) * sector;
  const size = current.device.family === 'emmc' ? Math.max(current.device.size, minimum) : Math.max(alignUp(minimum, MiB), MiB);
  const allocate = idAllocator();
  const raws: Partition[] = [];
  const tableParts: Array<{ partition: Partition; start: number; size: number }> = [];
  layout.partitions.forEach((placed) => {
    const part = parts[placed.index];
    const name = nameOf(part, placed.index);
    const systemId = text(part.systemId);
    const type: number | string = gpt ? (text(part.partType)?.toUpperCase() ?? gptTypeOf({ kind: 'filesystem', fs: filesystemOf(part.fstype) } as Partition)) : systemId ? parseInt(systemId, 16) : mbrTypeOf({ kind: 'filesystem', fs: filesystemOf(part.fstype) } as Partition);
    const start = placed.start !== undefined ? placed.start * sector : undefined;
    const bytes = placed.sectors !== undefined ? placed.sectors * sector : undefined;
    if (placed.size !== 'exact') warnings.push(`${name}: wic sizes it from its content; the layout keeps ${first.partitions[placed.index].sectors === undefined ? 'the room up to the next partition' : `its minimum of ${bytes} bytes`}`);
    const image = sourceFile(part);
    const partition: Partition = {
      id: allocate(name),
      name,
      area: 'user',
      offset: start ?? 'auto',
      size: bytes ?? 'rest',
      ...kindOf(part, type),
      ...(image ? { image } : {}),
      ...(part.noTable ? { raw: true } : {}),
    };
    if (part.noTable) raws.push(partition);
    else if (start !== undefined && bytes !== undefined) {
      const uuid = text(part.uuid);
      tableParts.push({
        start,
        size: bytes,
        partition: { ...partition, ...(gpt ? { gpt: { type: String(type), ...(uuid && !isTemplate(part.uuid) ? { uuid: uuid.toUpperCase() } : {}) } } : { mbr: { type: type as number, ...(part.active ? { bootable: true } : {}), ...(placed.logical ? { logical: true } : {}) } }) },
      });
    } else {
      warnings.push(`${name}: its place is not known until the questions are answered; it is placed after the partition before it`);
      raws.push({ ...partition, raw: undefined } as Partition);
    }
  });
  const diskid = text(bootloader?.diskid);
  const base = documentWith(current, size, gpt, raws, diskid);
  // The table partitions go through the table bridge, so the layout is the one sfdisk and our binary see.
  const source = gpt
    ? {
        label: 'gpt' as const,
        sectorSize: sector,
        diskSectors: Math.floor(size / sector),
        table: {
          diskGuid: diskGuidOf(base),
          // parted, which wic drives, declares LBA 34 usable; keep that only where a partition needs it.
          ...(tableParts.some((p) => p.start < MiB) ? { firstUsableLba: 34 } : {}),
          partitions: tableParts.map((p, i) => ({ number: i + 1, typeGuid: p.partition.gpt!.type, uniqueGuid: p.partition.gpt!.uuid ?? partitionGuidOf(base, p.partition), firstLba: p.start / sector, lastLba: (p.start + p.size) / sector - 1, attributes: 0n, name: p.partition.name })),
        },
      }
    : {
        label: 'dos' as const,
        sectorSize: sector,
        diskSectors: Math.floor(size / sector),
        table: { diskSignature: diskSignatureOf(base), partitions: mbrPartitions(tableParts, layout.extended, sector) },
      };
  const document = documentFromTable(source, base);
  // Entries the current layout did not have take their name, kind and image from the .wks line.
  const matched = new Set(current.device.family === 'emmc' ? tableEntries(current, place(current, emmcFamily)).map((placed) => placed.partition.id) : []);
  const byStart = new Map(tableParts.map((p) => [p.start, p.partition]));
  const placement = place(document, emmcFamily);
  return {
    document: {
      ...document,
      partitions: document.partitions.map((p) => {
        const from = byStart.get(placement.byId.get(p.id)?.start ?? -1);
        if (!from || p.raw || matched.has(p.id)) return p;
        const { id: _id, area: _area, offset: _offset, size: _size, mbr: _mbr, gpt: _gpt, ...named } = from;
        return { ...p, ...named };
      }),
    },
    warnings,
    questions: [...asked.values()],
  };
}

/**
 * wic sizes a partition without --size or --fixed-size from its content, which a .wks does not
 * hold; the partitions after it then have no known start. Placing such a partition as one sector
 * gives the others the starts their --align and --offset give them (the usual case: a bootloader
 * before 8 MiB-aligned partitions); it then gets the room up to the next partition as its size.
 */
function withKnownSizes(records: readonly WksRecord[], layout: ReturnType<typeof layoutWks>): ReturnType<typeof layoutWks> {
  const unknown = new Set(layout.partitions.filter((p) => p.sectors === undefined).map((p) => p.index));
  if (unknown.size === 0) return layout;
  let index = -1;
  const sized = records.map((record) => {
    if (record.kind !== 'part') return record;
    index++;
    if (!unknown.has(index)) return record;
    const { size: _size, extraSpace: _extra, overheadFactor: _factor, ...rest } = record;
    return { ...rest, fixedSize: layout.sectorSize };
  });
  const placed = layoutWks(sized, { sectorSize: layout.sectorSize });
  const starts = placed.partitions.map((p) => p.start).filter((start): start is number => start !== undefined).sort((a, b) => a - b);
  return {
    ...placed,
    partitions: placed.partitions.map((p) => {
      if (!unknown.has(p.index) || p.start === undefined) return p;
      const next = starts.find((start) => start > p.start!);
      return { ...p, sectors: next === undefined ? 1 : next - p.start, size: 'minimum' as const };
    }),
  };
}

function mbrPartitions(tableParts: Array<{ partition: Partition; start: number; size: number }>, extended: { num: number; start?: number; sectors?: number } | undefined, sector: number) {
  const partitions = [];
  let primary = 0;
  let logical = 0;
  for (const p of tableParts) {
    const isLogical = p.partition.mbr?.logical === true;
    const number = isLogical ? 5 + logical++ : ++primary;
    partitions.push({ number, bootable: p.partition.mbr?.bootable ?? false, type: p.partition.mbr!.type, startLba: p.start / sector, sectors: p.size / sector, ...(isLogical ? { ebrLba: p.start / sector - 2 } : {}) });
  }
  if (extended && extended.start !== undefined && extended.sectors !== undefined) {
    const firstLogical = partitions.find((p) => p.number === 5);
    if (firstLogical) firstLogical.ebrLba = extended.start;
    partitions.push({ number: extended.num, bootable: false, type: 0x0f, startLba: extended.start, sectors: extended.sectors });
  }
  return partitions;
}

/**
 * The document the table is read into: the current layout (its hardware partitions and table
 * entries, which documentFromTable matches by place) with the user area's raw partitions those of
 * the .wks; a raw one at the same place as one of the layout's keeps that partition.
 */
function documentWith(current: LayoutDocument, size: number, gpt: boolean, raws: Partition[], diskid: string | undefined): LayoutDocument {
  const emmc = current.device.family === 'emmc';
  const device = emmc ? { ...current.device, size } : { ...emmcFamily.defaultDevice(), size, hardwarePartitions: [] };
  const options = { ...(emmc ? emmcOptions(current) : {}) };
  if (diskid && gpt) options.gpt = { ...options.gpt, diskGuid: diskid.replace(/^urn:|^uuid:|[{}]/g, '').toUpperCase() };
  if (diskid && !gpt) options.mbr = { ...options.mbr, diskSignature: Number(BigInt(diskid)) };
  const table = gpt ? ('gpt' as const) : ('mbr' as const);
  const areas = emmc ? current.areas.map((a) => (a.space === 'main' && (a.table === 'mbr' || a.table === 'gpt' || a.table === undefined || a.table === 'none') ? { ...a, table } : a)) : [{ id: 'user', name: 'User area', space: 'main', start: 0 as const, size: 'rest' as const, table }];
  const userArea = areas.find((a) => a.space === 'main')!;
  const userAreaIds = new Set(areas.filter((a) => a.space === 'main').map((a) => a.id));
  const currentRaws = emmc ? current.partitions.filter((p) => p.raw && userAreaIds.has(p.area)) : [];
  const placedRaw = (p: Partition) => `${String(p.offset)}:${String(p.size)}`;
  const keptRaws = raws.map((raw) => {
    const same = currentRaws.find((p) => placedRaw(p) === placedRaw(raw));
    if (!same) return { ...raw, area: userArea.id };
    const defaultFile = raw.image === `${same.name || 'image'}.bin`;
    return defaultFile || raw.image === undefined ? same : { ...same, image: raw.image };
  });
  const others = emmc ? current.partitions.filter((p) => !(p.raw && userAreaIds.has(p.area))) : [];
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name: current.name, device: { ...device, emmc: options }, areas, partitions: [...keptRaws, ...others].sort((a, b) => order(current, a) - order(current, b)) };
}

/** Current partitions keep their places in the list; new raw ones come first, as a ROM's bootloader does. */
function order(current: LayoutDocument, partition: Partition): number {
  return current.partitions.indexOf(partition);
}

/** A first content line that is a wic command. */
export function looksLikeWks(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 4096)).split('\n');
  const first = head.find((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  return first !== undefined && /^\s*(part|partition|bootloader|include)\s/.test(first);
}
