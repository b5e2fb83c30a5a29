/**
 * The bridge between a table and a layout document of the esp32 family.
 *
 * Where the rows go: the primary bootloader and primary partition-table entries describe the
 * fixed regions below the table, so they live in the family's `boot` area (where the family then
 * draws them instead of its reserved regions); every other row, including OTA and recovery
 * bootloaders, lives in the `flash` area. Rows keep their table order in `document.partitions`,
 * which is also the order the table is written back in. A blank CSV offset becomes "auto": the
 * placement rounds the previous row's end up to the same alignment as the tool, so the offsets
 * come out identical.
 */
import { esp32Family } from './family';
import { normalizedFor } from '../../layout/family';
import { fixedPlace, isBelowTableEntry } from './geometry';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type Esp32Chip, type Esp32Options, type Filesystem, type LayoutDocument, type Partition } from '../../model/document';
import { MiB } from '../../model/units';
import { idAllocator } from '../../model/ids';
import { Esp32Error } from '../../codecs/esp32/errors';
import { esp32Settings, type Esp32Entry, type Esp32Settings, type Esp32Table } from '../../codecs/esp32/table';
import { BOOTLOADER_TYPE, DATA_TYPE, entryTypeOf, isPrimaryBootloader, isPrimaryPartitionTable, SUBTYPE_BOOTLOADER_RECOVERY } from '../../codecs/esp32/types';
import { place } from '../../layout/place';
import { esp32Kind, defaultEsp32Options, ESP32_BOOTLOADER_OFFSET } from '../../model/esp32';

export interface TableToDocumentOptions extends Partial<Esp32Settings> {
  name?: string;
  chip?: Esp32Chip;
}

const FILESYSTEM_OF: Record<number, Filesystem> = { 0x81: 'fat', 0x82: 'spiffs', 0x83: 'littlefs' };

/** A power-of-two flash size of at least 4 MiB that holds every partition. */
function flashSizeFor(entries: Esp32Entry[]): number {
  const end = Math.max(0, ...entries.map((e) => e.offset + e.size));
  let size = 4 * MiB;
  while (size < end && size <= Number.MAX_SAFE_INTEGER / 2) size *= 2;
  return size;
}

/**
 * The device options a table implies: the given settings, except that the table's own primary
 * bootloader, primary table and recovery bootloader rows say where those are (a binary read
 * without options still yields the right offsets). A bootloader offset equal to the chip's is
 * left out, so the document keeps following the chip.
 */
function deviceOptions(table: Esp32Table, options: TableToDocumentOptions): Esp32Options {
  const settings = esp32Settings(options);
  const find = (test: (e: Esp32Entry) => boolean) => table.entries.find(test)?.offset;
  const tableOffset = find((e) => isPrimaryPartitionTable(e.type, e.subtype)) ?? settings.tableOffset;
  const chipDefaults = defaultEsp32Options(options.chip);
  const found = find((e) => isPrimaryBootloader(e.type, e.subtype)) ?? settings.primaryBootloaderOffset;
  const primary = found === ESP32_BOOTLOADER_OFFSET[chipDefaults.chip] ? undefined : found;
  const recovery = find((e) => e.type === BOOTLOADER_TYPE && e.subtype === SUBTYPE_BOOTLOADER_RECOVERY) ?? settings.recoveryBootloaderOffset;
  return {
    ...chipDefaults,
    tableOffset,
    md5: settings.md5,
    secure: settings.secure,
    ...(primary !== undefined ? { primaryBootloaderOffset: primary } : {}),
    ...(recovery !== undefined ? { recoveryBootloaderOffset: recovery } : {}),
    extraSubtypes: settings.extraSubtypes,
  };
}

/** An esp32-family layout document holding the table's rows in order. */
export function tableToDocument(table: Esp32Table, options: TableToDocumentOptions = {}): LayoutDocument {
  const esp32 = deviceOptions(table, options);
  const device = { ...esp32Family.defaultDevice(), size: options.flashSize ?? flashSizeFor(table.entries), esp32 };
  const uniqueId = idAllocator();
  const partitions = table.entries.map((entry): Partition => {
    const where = { partition: entry.name, line: entry.line, offset: entry.byteOffset };
    if (entry.name.length > 255) throw new Esp32Error('Partition name is longer than the 255 characters a layout holds', where);
    if (entry.offset < 0 || entry.size < 0) throw new Esp32Error('Partition offset and size must not be negative', where);
    // The CSV reader takes any integer, as the tool does (which then fails to write the binary).
    if (![entry.type, entry.subtype].every((value) => value >= 0 && value <= 0xff)) {
      throw new Esp32Error(`Partition type ${entry.type} and subtype ${entry.subtype} must each be from 0 to 255`, where);
    }
    const fixedOffset = fixedPlace(entry, esp32).offset !== undefined;
    const flags = [...(entry.encrypted ? ['encrypted'] : []), ...(entry.readonly ? ['readonly'] : [])];
    const fs = entry.type === DATA_TYPE ? FILESYSTEM_OF[entry.subtype] : undefined;
    return {
      id: uniqueId(entry.name),
      name: entry.name,
      area: isBelowTableEntry(entry) ? 'boot' : 'flash',
      offset: entry.autoOffset && !fixedOffset ? 'auto' : entry.offset,
      size: entry.size,
      kind: esp32Kind(entry.type, entry.subtype),
      ...(fs ? { fs } : {}),
      ...(flags.length > 0 ? { flags } : {}),
      esp32: { type: entry.type, subtype: entry.subtype },
    };
  });
  const document: LayoutDocument = {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    name: options.name ?? 'ESP-IDF partition table',
    device,
    areas: esp32Family.defaultAreas(device),
    partitions,
  };
  return normalizedFor(esp32Family, document);
}

/**
 * The table a layout document stands for: every partition that is not `raw`, in document order,
 * at its placed offset and size (with the tool's fixed places for bootloader and table rows).
 */
export function documentToTable(document: LayoutDocument): Esp32Table {
  if (document.device.family !== 'esp32') {
    throw new Esp32Error(`An ESP-IDF partition table needs an esp32 layout, not a ${document.device.family} one`);
  }
  const normalized = normalizedFor(esp32Family, document);
  const options = normalized.device.esp32 ?? defaultEsp32Options();
  const placement = place(normalized, esp32Family);
  const entries = placement.partitions
    .filter((placed) => !placed.partition.raw)
    .map((placed): Esp32Entry => {
      const { partition } = placed;
      const { type, subtype } = entryTypeOf(partition);
      const fixed = fixedPlace({ type, subtype }, options);
      return {
        name: partition.name,
        type,
        subtype,
        offset: fixed.offset ?? placed.start,
        size: fixed.size ?? placed.size,
        encrypted: partition.flags?.includes('encrypted') ?? false,
        readonly: partition.flags?.includes('readonly') ?? false,
        ...(partition.offset === 'auto' ? { autoOffset: true } : {}),
      };
    });
  return { entries };
}
