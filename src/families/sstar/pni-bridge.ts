/**
 * The bridge between a SigmaStar SPI-NAND layout and pnigenerator / PARTINFO.pni.
 *
 * Layout → tool: the BOOT area is the -t list and the SYS area the -y list, in document order;
 * a partition with backup copies is one entry per copy (IPL0, IPL1...), each its slot (DATASIZE)
 * followed by its spare blocks (BKCOUNT), as `0x20000(IPL0)2`; an entry that does not follow the
 * previous one, or whose partition has an explicit offset, carries `@offset`; a last partition
 * taking the rest of the flash is `-(<NAME>)`. The bytes then come from the codec's own reading
 * of that command line, so they are the tool's.
 *
 * Tool → layout: runs of numbered entries of one size and spare count (IPL0, IPL1) become one
 * partition with copies; a spare count on an entry that is not numbered is kept as a one-copy
 * partition when the numbered name has the same type (ENV → ENV0, both 0x0D), else as free
 * blocks after it (KERNEL0 would be an unknown type).
 */
import { FormatError } from '../../codecs/errors';
import { parseMtdparts } from '../../codecs/mtdparts';
import { CIS_MAX_COPIES, parsePniArgs, parsePniList, pniFromArgs, pniToMtdparts, pniTypeCode, pniTypeName, PNI_HIDDEN, type ParsedPni, type PniArgs, type PniLayout, type PniListEntry } from '../../codecs/pni';
import { place } from '../../layout/place';
import type { Placement } from '../../layout/placement';
import type { Device, LayoutDocument, Partition } from '../../model/document';
import { idAllocator } from '../../model/ids';
import { formatHex } from '../../model/units';
import { keepFromCurrent, sstarDocument } from './carry';
import { nandGeometry } from './geometry';
import { baseName, kindOf, readsAsCopies } from './names';
import { sstarNandBase } from './nand-base';
import { pniEntries, type PniEntry } from './pni-entries';

/** pnigenerator's -u: the record size it stores (8 bytes, the only size it writes). */
const RECORD_BYTES = 8;

/** One entry as pnigenerator and the MTDPART of a config write it. */
export function pniEntryText(entry: PniEntry): string {
  if (entry.size === undefined) return `-(${entry.name})`;
  return `${formatHex(entry.size)}${entry.explicit ? `@${formatHex(entry.start)}` : ''}(${entry.name})${entry.spareBlocks > 0 ? entry.spareBlocks : ''}`;
}

export interface PniLists {
  bootList: string;
  sysList: string;
}

export function documentPniLists(document: LayoutDocument, placement?: Placement): PniLists {
  const entries = pniEntries(document, placement ?? place(document, sstarNandBase));
  const of = (list: 'BOOT' | 'SYS') => entries.filter((entry) => entry.list === list).map(pniEntryText).join(',');
  return { bootList: of('BOOT'), sysList: of('SYS') };
}

/** The pnigenerator command line for the layout (without the program name), writing PARTINFO.pni. */
export function documentPniArgv(document: LayoutDocument, placement?: Placement): string[] {
  const geometry = nandGeometry(document.device);
  const { bootList, sysList } = documentPniLists(document, placement);
  return [
    ...['-s', String(geometry.spareBytes), '-p', String(geometry.pageBytes), '-b', String(geometry.pagesPerBlock), '-k', String(geometry.blockCount), '-u', String(RECORD_BYTES)],
    ...['-l', formatHex(geometry.blockBytes)],
    ...(bootList !== '' ? ['-t', bootList] : []),
    ...(sysList !== '' ? ['-y', sysList] : []),
    ...['-o', 'PARTINFO.pni'],
  ];
}

/** What pnigenerator makes of the layout's command line. */
export function documentPniLayout(document: LayoutDocument, placement?: Placement): PniLayout {
  return pniFromArgs(parsePniArgs(documentPniArgv(document, placement)));
}

/** One entry as the tool places it, before runs become copies. */
interface Row {
  name: string;
  start: number;
  /** Undefined: the rest of the flash. */
  size?: number;
  spareBlocks: number;
  explicit: boolean;
}

const isNumbered = (name: string) => /[0-9]$/.test(name);

/** Where the tool's running offset is after these rows: the last one's end and spare blocks. */
function spanEnd(rows: Row[], blockBytes: number): number {
  const last = rows.at(-1);
  return last === undefined ? 0 : last.start + (last.size ?? 0) + last.spareBlocks * blockBytes;
}

/**
 * Partitions from rows in order: runs IPL0, IPL1... of one size and spare count, each right after
 * the previous, become one partition with copies.
 */
function partitionsOf(rows: Row[], area: string, blockBytes: number, uniqueId: (name: string) => string, warnings: string[], from = 0): Partition[] {
  const partitions: Partition[] = [];
  let running = from;
  let gapAfter = false;
  for (let i = 0; i < rows.length; ) {
    const row = rows[i];
    const base = baseName(row.name);
    let run = 1;
    if (row.size !== undefined && isNumbered(row.name) && row.name === `${base}0`) {
      while (i + run < rows.length) {
        const next = rows[i + run];
        const stride = row.size + row.spareBlocks * blockBytes;
        if (next.name !== `${base}${run}` || next.size !== row.size || next.spareBlocks !== row.spareBlocks || next.start !== row.start + run * stride) break;
        run++;
      }
    }
    const offset = row.explicit || gapAfter || row.start !== running ? row.start : 'auto';
    gapAfter = false;
    const common = { id: '', area, offset, kind: kindOf(base) } as const;
    if (row.size !== undefined && row.name === `${base}0` && readsAsCopies(base, run)) {
      partitions.push({ ...common, id: uniqueId(base), name: base, size: row.size ?? 0, copies: { count: run, slot: row.size ?? 0, spareBlocks: row.spareBlocks } });
    } else if (row.spareBlocks > 0 && row.size !== undefined && pniTypeCode(`${row.name}0`) === pniTypeCode(row.name) && pniTypeCode(row.name) !== pniTypeCode('')) {
      partitions.push({ ...common, id: uniqueId(row.name), name: row.name, kind: kindOf(row.name), size: row.size, copies: { count: 1, slot: row.size, spareBlocks: row.spareBlocks } });
    } else {
      if (row.spareBlocks > 0) {
        warnings.push(`${row.name} has ${row.spareBlocks} spare block(s), kept as free blocks after it: as a copy it would be ${row.name}0, which pnigenerator does not know`);
        gapAfter = true;
      }
      partitions.push({ ...common, id: uniqueId(row.name), name: row.name, kind: kindOf(row.name), size: row.size ?? 'rest' });
    }
    const last = rows[i + run - 1];
    running = last.start + (last.size ?? 0) + last.spareBlocks * blockBytes;
    i += run;
  }
  return partitions;
}

/**
 * The CIS copies writecis can place in a CIS partition of `blocks` blocks (copy k in block 2k,
 * 1 to 5): what a table read without a config is taken to mean, unless the layout already says.
 */
function cisCopiesFor(partitions: Partition[], blockBytes: number, base: Device): Device['sstar'] {
  const cis = partitions.find((p) => p.name === 'CIS');
  if (base.sstar?.cisCopies !== undefined || !cis || typeof cis.size !== 'number') return base.sstar;
  const copies = Math.min(CIS_MAX_COPIES, Math.floor((Math.floor(cis.size / blockBytes) + 1) / 2));
  return copies >= 1 ? { ...base.sstar, cisCopies: copies } : base.sstar;
}

function nandDevice(base: Device, geometry: { pageBytes: number; spareBytes: number; blockBytes: number; blockCount: number }, partitions: Partition[]): Device {
  const sstar = cisCopiesFor(partitions, geometry.blockBytes, base);
  return {
    ...base,
    ...(sstar ? { sstar } : {}),
    family: 'sstar-nand',
    size: geometry.blockCount * geometry.blockBytes,
    geometry: { ...base.geometry, eraseBlock: geometry.blockBytes, pageSize: geometry.pageBytes, spareSize: geometry.spareBytes },
  };
}

function baseDevice(current: LayoutDocument): Device {
  return current.device.family === 'sstar-nand' ? current.device : sstarNandBase.defaultDevice();
}

/** The rows of a -t or -y list as pnigenerator places them (entries it drops are left out, as it does). */
function listRows(layout: PniLayout, args: PniArgs, list: 'BOOT' | 'SYS'): Row[] {
  const text = list === 'BOOT' ? args.bootList : args.sysList;
  if (!text) return [];
  const written = parsePniList(text, { option: list === 'BOOT' ? '-t' : '-y' });
  const placed = layout.entries.filter((entry) => entry.list === list);
  const rows: Row[] = [];
  let k = 0;
  for (const entry of written) {
    const match = placed[k];
    if (!match || match.name !== entry.name) continue;
    k++;
    rows.push(rowOf(entry, match.record.startBlock * args.blockSize));
  }
  return rows;
}

function rowOf(entry: PniListEntry, start: number): Row {
  return { name: entry.name, start, size: entry.size, spareBlocks: entry.backupBlockCount, explicit: entry.start !== undefined };
}

export interface NandTables {
  boot: Partition[];
  sys: Partition[];
  device: Device;
  warnings: string[];
}

/** Partitions and device of a pnigenerator command line (its -t and -y lists, its geometry). */
export function pniArgsToTables(args: PniArgs, current: LayoutDocument): NandTables {
  const layout = pniFromArgs(args);
  const warnings = [...layout.warnings];
  const uniqueId = idAllocator();
  const bootRows = listRows(layout, args, 'BOOT');
  const boot = partitionsOf(bootRows, 'boot', args.blockSize, uniqueId, warnings);
  const sys = partitionsOf(listRows(layout, args, 'SYS'), 'sys', args.blockSize, uniqueId, warnings, spanEnd(bootRows, args.blockSize));
  const device = nandDevice(baseDevice(current), { pageBytes: args.pageByteCount, spareBytes: args.spareByteCount, blockBytes: args.blockSize, blockCount: args.blockCount }, boot);
  return { boot, sys, device, warnings };
}

export function pniArgsToDocument(args: PniArgs, current: LayoutDocument): { document: LayoutDocument; warnings: string[] } {
  const { boot, sys, device, warnings } = pniArgsToTables(args, current);
  const partitions = keepFromCurrent([...boot, ...sys], current, 'sstar-nand');
  return { document: sstarDocument('SigmaStar SPI-NAND (pnigenerator)', device, sstarNandBase.defaultAreas(device), partitions), warnings };
}

/** Types the ROM and U-Boot read from the BOOT area: CIS, IPL, IPL_CUST, UBOOT, ENV. */
const BOOT_TYPES = new Set([0x20, 0x03, 0x01, 0x06, 0x0d]);
const PART_END = 0xc000;

/** The names U-Boot gives the records (it rebuilds them from the types), hidden records left out. */
function bootNames(pni: ParsedPni, blockBytes: number): Array<string | undefined> {
  let names: string[] = [];
  try {
    const [device] = parseMtdparts(pniToMtdparts(pni, blockBytes));
    names = device.partitions.map((partition) => partition.name ?? '');
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
  }
  let k = 0;
  return pni.records.map((record) => (Math.floor(record.partType / PNI_HIDDEN) % 2 === 1 ? undefined : names[k++]));
}

/** A name pnigenerator maps back to this type, or U-Boot's name for it. */
function nameFor(type: number, uBootName: string | undefined, index: number, warnings: string[]): string {
  const listed = pniTypeName(type);
  for (const candidate of listed ? [listed, listed.toLowerCase()] : []) if (pniTypeCode(candidate) === type) return candidate;
  const name = uBootName ? baseName(uBootName) || uBootName : `UNKNOWN${index}`;
  warnings.push(`PNI record ${index} has type 0x${type.toString(16).padStart(4, '0')}, which no name written to pnigenerator gives; it is read as ${name} (type 0x${pniTypeCode(name).toString(16).padStart(4, '0')} when written again)`);
  return name;
}

/** Runs of records of a numbered type (IPL, IPL_CUST, UBOOT, ENV) name their copies; the rest keep one name each. */
function recordRows(pni: ParsedPni, blockBytes: number, warnings: string[]): Row[] {
  const names = bootNames(pni, blockBytes);
  const flashEnd = pni.header.blockCount * blockBytes;
  const numbered = new Map([
    [0x03, 'IPL'],
    [0x01, 'IPL_CUST'],
    [0x06, 'UBOOT'],
    [0x0d, 'ENV'],
  ]);
  const rows: Row[] = [];
  let runType = -1;
  let runIndex = 0;
  pni.records.forEach((record, i) => {
    const start = record.startBlock * blockBytes;
    const size = record.blockCount * blockBytes;
    runIndex = record.partType === runType ? runIndex + 1 : 0;
    runType = record.partType;
    const base = numbered.get(record.partType);
    if (base !== undefined) {
      // A single ENV without spare blocks keeps the name the SDK's lists give it.
      const next = pni.records[i + 1];
      const single = runIndex === 0 && next?.partType !== record.partType;
      const name = base === 'ENV' && single && record.backupBlockCount === 0 ? 'ENV' : `${base}${runIndex}`;
      if (pniTypeCode(name) !== record.partType) warnings.push(`PNI record ${i} is ${name}, a name pnigenerator does not know (only ${base}0 to ${base}${base === 'ENV' ? 1 : 2}): written again its type would be 0xF000`);
      rows.push({ name, start, size, spareBlocks: record.backupBlockCount, explicit: false });
      return;
    }
    if (record.partType === PART_END && i === pni.records.length - 1) {
      warnings.push(`PNI record ${i} (0xC000, PART_END) is read as UBI taking the rest of the flash, as U-Boot's mtdparts does (",-(UBI)")`);
      rows.push({ name: 'UBI', start, spareBlocks: 0, explicit: false });
      return;
    }
    const name = nameFor(record.partType, names[i], i, warnings);
    rows.push({ name, start, size: start + size > flashEnd && record.partType === PART_END ? undefined : size, spareBlocks: record.backupBlockCount, explicit: false });
  });
  return rows;
}

/**
 * A layout from a PARTINFO.pni. It holds the BOOT area only (pnigenerator stores the -t list);
 * older PNIs also list the system partitions, which go to the SYS area from the first record that
 * is not a boot type. Without system records in the file, the SYS area of the current SPI-NAND
 * layout is kept.
 */
export function pniToDocument(pni: ParsedPni, current: LayoutDocument): { document: LayoutDocument; warnings: string[] } {
  const { header } = pni;
  const blockBytes = header.blockPageCount * header.pageByteCount;
  if (blockBytes === 0) throw new FormatError('the PNI gives 0 pages per block or 0-byte pages, so its blocks have no size', { offset: 6 });
  const warnings = [...pni.warnings];
  const rows = recordRows(pni, blockBytes, warnings);
  const split = pni.records.findIndex((record) => !BOOT_TYPES.has(record.partType));
  const bootRows = split === -1 ? rows : rows.slice(0, split);
  const sysRows = split === -1 ? [] : rows.slice(split);
  const uniqueId = idAllocator();
  const boot = partitionsOf(bootRows, 'boot', blockBytes, uniqueId, warnings);
  let sys = partitionsOf(sysRows, 'sys', blockBytes, uniqueId, warnings, spanEnd(bootRows, blockBytes));
  const same = current.device.family === 'sstar-nand';
  if (sysRows.length === 0 && same) {
    sys = current.partitions.filter((p) => p.area === 'sys').map((p) => ({ ...p, id: uniqueId(p.name) }));
    if (sys.length > 0) warnings.push('a PNI holds only the BOOT area; the SYS partitions are kept from the current layout');
  }
  const device = nandDevice(baseDevice(current), { pageBytes: header.pageByteCount, spareBytes: header.spareByteCount, blockBytes, blockCount: header.blockCount }, boot);
  const partitions = keepFromCurrent([...boot, ...sys], current, 'sstar-nand');
  return { document: sstarDocument(same ? current.name : 'SigmaStar SPI-NAND (PARTINFO.pni)', device, sstarNandBase.defaultAreas(device), partitions), warnings };
}
