/**
 * Where wic puts each partition (plugins/imager/direct.py, PartitionedImage.layout_partitions),
 * in sectors: the table's overhead before the first partition (1 sector for msdos, 34 for gpt),
 * 2 sectors before each msdos logical partition (the 4th and later table partitions when there
 * are more than 4), then --align (KiB), then --offset, then the size. A size is known exactly
 * only for --fixed-size, or --size without content (no --source, or --source empty); with other
 * sources --size is a minimum, and without any size the content decides: from there on starts
 * are lower bounds (or unknown), and the result says why.
 */
import { FormatError } from '../errors';
import { KiB } from '../../model/units';
import { offsetBytes } from './numbers';
import { cut, quote } from '../quote';
import { isTemplate, type WksPartition, type WksPtable, type WksRecord } from './records';

export interface WksLayoutOptions {
  /** wic --sector-size; 512 by default. */
  sectorSize?: number;
}

export type WksSizeKind = 'exact' | 'minimum' | 'unknown';

export interface WksPlacedPartition {
  /** Index of the part among the part lines (0-based). */
  index: number;
  line?: number;
  /** Mount point, label or part name, for messages. */
  name: string;
  /** Table number: 1…, 5… for msdos logical partitions, 0 for --no-table. */
  num: number;
  logical: boolean;
  noTable: boolean;
  /** First sector; a lower bound when `startExact` is false; absent when unknown. */
  start?: number;
  startExact: boolean;
  /** Sectors; a lower bound for `minimum`, absent for `unknown`. */
  sectors?: number;
  size: WksSizeKind;
}

export interface WksLayout {
  ptable: WksPtable;
  sectorSize: number;
  partitions: WksPlacedPartition[];
  /** The msdos extended partition: from 2 sectors before the first logical one. */
  extended?: { num: number; start?: number; sectors?: number };
  /** Smallest disk in sectors (with the GPT backup); a lower bound unless `complete`. */
  diskSectors?: number;
  /** Every start and size is exactly what wic will produce. */
  complete: boolean;
  /** Why the layout is not complete. */
  notes: string[];
}

const MBR_OVERHEAD = 1;
const GPT_OVERHEAD = 34;
const GPT_ENTRIES = 128;

function label(part: WksPartition, num: number): string {
  for (const value of [part.mountpoint, part.label, part.partName]) {
    if (typeof value === 'string' && value !== '') return value;
  }
  return `partition ${num}`;
}

function sourceParam(part: WksPartition, key: string): string | undefined {
  if (typeof part.sourceparams !== 'string') return undefined;
  for (const item of part.sourceparams.split(',')) {
    const [name, value] = item.split('=', 2);
    if (name === key) return value ?? '';
  }
  return undefined;
}

interface PartitionSize {
  bytes?: number;
  kind: WksSizeKind;
  why?: string;
}

/** The partition's size in bytes as wic will give it, with how sure that is. */
function partitionSize(part: WksPartition, name: string): PartitionSize {
  const numeric = (value: unknown) => (typeof value === 'number' ? value : 0);
  const templates = (['fixedSize', 'size', 'extraPartitionSpace', 'source'] as const).filter((key) => isTemplate(part[key]));
  if (templates.length) return { kind: 'unknown', why: `${name}: its size needs ${templates.map((key) => (part[key] as { template: string }).template).join(', ')} (resolveWks)` };
  const fixed = numeric(part.fixedSize);
  if (fixed) return { bytes: fixed, kind: 'exact' };
  const source = part.source as string | undefined;
  let size = numeric(part.size);
  if (source === 'empty') {
    // The empty plugin's size= parameter replaces --size (rounded up to KiB).
    const param = sourceParam(part, 'size');
    if (param !== undefined) {
      const bytes = offsetBytes(param);
      if (!bytes.ok) throw new FormatError(`${name}: sourceparams size: ${bytes.reason}`, { line: part.line });
      size = Math.ceil(bytes.value / KiB) * KiB;
    }
  }
  const extra = numeric(part.extraPartitionSpace);
  if (source === undefined || source === 'empty') {
    if (!size && source === undefined && part.fstype !== 'none' && !part.noTable) {
      throw new FormatError(`The ${name} partition has a size of zero. Please specify a non-zero --size/--fixed-size for that partition.`, { line: part.line });
    }
    return { bytes: size + extra, kind: 'exact' };
  }
  if (size) return { bytes: size + extra, kind: 'minimum', why: `${name}: --source ${source} can make it larger than --size (content, overhead factor, extra space)` };
  return { kind: 'unknown', why: `${name}: its size comes from the content of --source ${source}; give --fixed-size to know it` };
}

function placementValue(part: WksPartition, key: 'align' | 'offset', name: string, notes: string[]): number | undefined | null {
  const value = part[key];
  if (isTemplate(value)) {
    notes.push(`${name}: --${key} needs ${value.template} (resolveWks)`);
    return null;
  }
  return value;
}

/** Lays out the part lines of resolved records, as wic's PartitionedImage does. */
export function layoutWks(records: readonly WksRecord[], options: WksLayoutOptions = {}): WksLayout {
  const sectorSize = options.sectorSize ?? 512;
  if (![512, 1024, 2048, 4096].includes(sectorSize)) throw new FormatError(`sector size must be 512, 1024, 2048 or 4096, found ${String(sectorSize)}`);
  const bootloader = records.find((record) => record.kind === 'bootloader');
  const ptableValue = bootloader?.ptable ?? 'msdos';
  if (isTemplate(ptableValue)) throw new FormatError(`bootloader --ptable is ${quote(ptableValue.template)}: resolve it first (resolveWks)`, { line: bootloader?.line });
  const ptable = ptableValue;
  const msdos = ptable === 'msdos';
  const notes: string[] = [];
  for (const record of records) if (record.kind === 'include') notes.push(`include ${quote(isTemplate(record.path) ? record.path.template : record.path)} is not expanded: its partitions are not in this layout`);

  const parts = records.filter((record): record is WksPartition => record.kind === 'part');
  const realPartitions = parts.filter((part) => !part.noTable).length;
  if (!msdos && realPartitions > GPT_ENTRIES) throw new FormatError(`${realPartitions} partitions do not fit the ${GPT_ENTRIES} entries of a GPT`);

  // `offset` is the next free sector; `exact` says whether it is exact, `known` whether it is known at all.
  let offset = 0;
  let exact = true;
  let known = true;
  let numPart = 0;
  let realPart = 0;
  let primaryPartNum = 0;
  let extendedPart = 0;
  let extendedSizeSec = 0;
  let extendedExact = true;
  let logicalCount = 0;
  let extended: WksLayout['extended'];
  const placed: WksPlacedPartition[] = [];

  parts.forEach((part, index) => {
    numPart++;
    if (!part.noTable) realPart++;
    const disk = cut(typeof part.ondisk === 'string' ? part.ondisk : 'sda');
    const fullName = label(part, numPart);
    const name = cut(fullName);
    const fail = (message: string): never => {
      throw new FormatError(`${message}${part.line === undefined ? '' : ` (line ${part.line})`}`, { line: part.line });
    };
    if (msdos && part.partName !== undefined) fail('setting custom partition name is not implemented for msdos partitions');
    if (msdos && part.partType !== undefined) fail('setting custom partition type is not implemented for msdos partitions');
    if (part.mbr && ptable !== 'gpt-hybrid') fail('Partition may only be included in MBR with a gpt-hybrid partition table');

    if (numPart === 1) offset += msdos ? MBR_OVERHEAD : GPT_OVERHEAD;
    let type = isTemplate(part.type) ? 'primary' : (part.type ?? 'primary');
    if (isTemplate(part.type)) notes.push(`${name}: --type needs ${part.type.template} (resolveWks)`);
    if (msdos) {
      if (primaryPartNum > 3 || (extendedPart === 0 && primaryPartNum >= 3 && realPartitions > 4)) type = 'logical';
      // A sector for the EBR before each logical partition, before alignment.
      if (type === 'logical') offset += 2;
    }

    let alignSectors = 0;
    const align = placementValue(part, 'align', name, notes);
    if (align === null) known = false;
    else if (align) {
      const step = (align * KiB) / sectorSize;
      if (!Number.isInteger(step) || step === 0) fail(`--align ${align} (KiB) is not a whole number of ${sectorSize}-byte sectors`);
      alignSectors = offset % step;
      if (alignSectors) alignSectors = step - alignSectors;
      offset += alignSectors;
    }

    const wanted = placementValue(part, 'offset', name, notes);
    if (wanted === null) {
      known = false;
    } else if (wanted !== undefined) {
      const sector = Math.floor(wanted / sectorSize);
      if (sector * sectorSize !== wanted) fail(`Could not place ${disk}${numPart} at offset ${wanted} with sector size ${sectorSize}`);
      const delta = sector - offset;
      if (known && delta < 0) {
        if (exact) fail(`Could not place ${disk}${numPart} at offset ${wanted}: next free sector is ${offset} (delta: ${delta})`);
        fail(`Could not place ${disk}${numPart} at offset ${wanted}: the partitions before it already reach sector ${offset} at least`);
      }
      if (!exact || !known) notes.push(`${name}: placed at its --offset, but wic refuses the image if the partitions before it grow past sector ${sector}`);
      offset = sector;
      exact = true;
      known = true;
    }

    const size = partitionSize(part, name);
    if (size.why) notes.push(size.why);
    const sectors = size.bytes === undefined ? undefined : Math.floor(size.bytes / sectorSize);
    const start = known ? offset : undefined;
    const startExact = known && exact;
    if (sectors === undefined) known = false;
    else offset += sectors;
    if (size.kind !== 'exact') exact = false;

    let num = part.noTable ? 0 : realPart;
    const logical = msdos && !part.noTable && type === 'logical';
    if (msdos && !part.noTable) {
      if (logical) {
        logicalCount++;
        num = logicalCount + 4;
        if (extendedPart === 0) {
          primaryPartNum++;
          extendedPart = num;
          extended = { num: primaryPartNum, ...(start === undefined ? {} : { start: start - 2 }) };
        } else extendedSizeSec += alignSectors;
        extendedSizeSec += (sectors ?? 0) + 2;
        if (size.kind !== 'exact' || !startExact) extendedExact = false;
      } else {
        primaryPartNum++;
        num = primaryPartNum;
      }
    }
    placed.push({
      index,
      ...(part.line === undefined ? {} : { line: part.line }),
      name: fullName,
      num,
      logical,
      noTable: part.noTable === true,
      ...(start === undefined ? {} : { start }),
      startExact,
      ...(sectors === undefined ? {} : { sectors }),
      size: size.kind,
    });
  });

  const complete = exact && known && notes.length === 0;
  // The extended partition's size is only known when every logical partition is.
  if (extended && extendedExact) extended.sectors = extendedSizeSec;
  const layout: WksLayout = { ptable, sectorSize, partitions: placed, complete, notes };
  if (extended) layout.extended = extended;
  if (known) layout.diskSectors = offset + (msdos ? 0 : GPT_OVERHEAD);
  return layout;
}
