/**
 * The reference tool's verification (spec §5), in its order and with its wording: per partition
 * (alignment, name warnings, read-only rules, NVS size), then the whole table (unique names, nothing
 * below the table or overlapping, one otadata of 0x2000 bytes, the same for TEE otadata), and the
 * optional flash-size check. The first error stops, as in the tool; warnings go to `warn` as they
 * are found, so they come out before the error just like the tool's output.
 */
import { MiB } from '../../model/units';
import { Esp32Error } from './errors';
import { formatMiB1, pyHex } from './numbers';
import { TABLE_SECTOR, type Esp32Entry, type Esp32Settings, type Esp32Table } from './table';
import {
  APP_TYPE,
  appSizeAlignment,
  DATA_TYPE,
  isFixedBelowTable,
  keywordNameWarnings,
  offsetAlignment,
  SUBTYPE_COREDUMP,
  SUBTYPE_DATA_OTA,
  SUBTYPE_NVS,
  SUBTYPE_TEE_OTA,
  type Catalog,
} from './types';
import { catalogFor, formatRow as csvRow } from './csv';

/** Smallest read/write NVS partition; a read-only one may be smaller. */
export const NVS_MIN_READ_WRITE_SIZE = 0x3000;
/** otadata (and TEE otadata) holds exactly two 4 KiB sectors. */
export const OTADATA_SIZE = 0x2000;

export function isAlwaysReadWrite(type: number, subtype: number): boolean {
  return type === DATA_TYPE && (subtype === SUBTYPE_DATA_OTA || subtype === SUBTYPE_COREDUMP);
}

export function isNvs(type: number, subtype: number): boolean {
  return type === DATA_TYPE && subtype === SUBTYPE_NVS;
}

function where(entry: Esp32Entry) {
  return { partition: entry.name, line: entry.line, offset: entry.byteOffset };
}

function verifyEntry(entry: Esp32Entry, settings: Esp32Settings, catalog: Catalog, warn: (text: string) => void): void {
  const invalid = (message: string) => new Esp32Error(`Partition ${entry.name} invalid: ${message}`, where(entry));
  const { type, subtype, offset, size } = entry;
  const align = offsetAlignment(type);
  if (offset % align !== 0) throw invalid(`Offset 0x${pyHex(offset)} is not aligned to 0x${pyHex(align)}`);
  if (type === APP_TYPE) {
    const sizeAlign = appSizeAlignment(settings.secure);
    if (size % sizeAlign !== 0) throw invalid(`Size 0x${pyHex(size)} is not aligned to 0x${pyHex(sizeAlign)}`);
  }
  keywordNameWarnings(catalog, entry.name, type, subtype).forEach(warn);
  if (isAlwaysReadWrite(type, subtype) && entry.readonly) {
    throw invalid(`'${entry.name}' partition of type ${type} and subtype ${subtype} is always read-write and cannot be read-only`);
  }
  if (isNvs(type, subtype) && size < NVS_MIN_READ_WRITE_SIZE && !entry.readonly) {
    throw invalid(
      `'${entry.name}' partition of type ${type} and subtype ${subtype} of this size (0x${pyHex(size)}) must be flagged as 'readonly' (the size of read/write NVS has to be at least 0x${pyHex(NVS_MIN_READ_WRITE_SIZE)})`,
    );
  }
}

/** Python compares strings by code point; JavaScript's `<` compares UTF-16 units. */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const right = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(left.length, right.length); i++) if (left[i] !== right[i]) return left[i] - right[i];
  return left.length - right.length;
}

function checkUniqueNames(entries: Esp32Entry[], catalog: Catalog): void {
  const count = new Map<string, number>();
  for (const entry of entries) count.set(entry.name, (count.get(entry.name) ?? 0) + 1);
  const duplicates = entries.filter((entry) => (count.get(entry.name) ?? 0) > 1);
  if (duplicates.length === 0) return;
  const sorted = [...duplicates].sort((a, b) => compareCodePoints(a.name, b.name));
  const second = duplicates.find((entry, index) => duplicates.findIndex((e) => e.name === entry.name) !== index) ?? duplicates[0];
  throw new Esp32Error('Partition names must be unique', where(second), { details: ['A list of partitions that have the same name:', ...sorted.map((e) => csvRow(e, catalog))] });
}

function checkPlacement(entries: Esp32Entry[], tableOffset: number): void {
  const limit = tableOffset + TABLE_SECTOR;
  let last: Esp32Entry | undefined;
  // Array.prototype.sort is stable, like Python's sorted().
  for (const entry of [...entries].sort((a, b) => a.offset - b.offset)) {
    if (entry.offset < limit && !isFixedBelowTable(entry.type, entry.subtype)) {
      throw new Esp32Error(`Partition offset 0x${pyHex(entry.offset)} is below 0x${pyHex(limit)}`, where(entry));
    }
    if (last && entry.offset < last.offset + last.size) {
      throw new Esp32Error(`Partition at 0x${pyHex(entry.offset)} overlaps 0x${pyHex(last.offset)}-0x${pyHex(last.offset + last.size - 1)}`, where(entry));
    }
    last = entry;
  }
}

function checkOtadata(entries: Esp32Entry[], catalog: Catalog, subtype: number, label: string, subtypeText: string): void {
  const found = entries.filter((entry) => entry.type === DATA_TYPE && entry.subtype === subtype);
  const rows = found.map((entry) => csvRow(entry, catalog));
  if (found.length > 1) {
    throw new Esp32Error(
      `Found multiple ${label} partitions. Only one partition can be defined with type="data"(1) and subtype=${subtypeText}.`,
      where(found[1]),
      { details: rows },
    );
  }
  if (found.length === 1 && found[0].size !== OTADATA_SIZE) {
    throw new Esp32Error(`${label} partition must have size = 0x${pyHex(OTADATA_SIZE)}`, where(found[0]), { details: rows });
  }
}

/** Run the tool's checks; throws the first error as an Esp32Error, reports warnings through `warn`. */
export function verifyTable(table: Esp32Table, settings: Esp32Settings, warn: (text: string) => void = () => {}): void {
  const catalog = catalogFor(settings);
  for (const entry of table.entries) verifyEntry(entry, settings, catalog, warn);
  checkUniqueNames(table.entries, catalog);
  checkPlacement(table.entries, settings.tableOffset);
  checkOtadata(table.entries, catalog, SUBTYPE_DATA_OTA, 'otadata', '"ota"(0)');
  checkOtadata(table.entries, catalog, SUBTYPE_TEE_OTA, 'TEE otadata', '"tee_ota"(0x90)');
}

/** Where the table ends: the end of the partition with the highest offset (the first of equals). */
export function lastPartition(table: Esp32Table): Esp32Entry | undefined {
  let last: Esp32Entry | undefined;
  for (const entry of table.entries) if (!last || entry.offset > last.offset) last = entry;
  return last;
}

/** --flash-size: the table must end within the flash (applied even with --no-verify). */
export function checkFlashSize(table: Esp32Table, flashSize: number): void {
  const last = lastPartition(table);
  const end = last ? last.offset + last.size : 0;
  if (!last || end <= flashSize) return;
  throw new Esp32Error(
    `Partitions tables occupies ${formatMiB1(end)}MB of flash (${end} bytes) which does not fit in configured flash size ${Math.floor(flashSize / MiB)}MB. Change the flash size in menuconfig under the 'Serial Flasher Config' menu.`,
    where(last),
  );
}
