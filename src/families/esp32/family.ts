/**
 * ESP32 flash with an ESP-IDF partition table: the bootloader at the chip's offset, the table
 * sector at the table offset (0x8000 by default), then the partitions. Alignment follows
 * gen_esp32part.py: app offsets 64 KiB, everything else 4 KiB; app sizes 4 KiB (64 KiB with
 * secure boot v1).
 */
import { FLASH_SIZES_MB } from '../../codecs/esp32/table';
import type { Family, PartitionTemplate } from '../../layout/family';
import { mainSpace } from '../../layout/geometry';
import type { AlignmentRequirement, ReservedRegion } from '../../layout/regions';
import type { LayoutDocument, Partition } from '../../model/document';
import { bootloaderOffset, defaultEsp32Options, ESP32_APP_TYPE, ESP32_DATA_TYPE, ESP32_TABLE_SECTOR, esp32Kind, esp32Options } from '../../model/esp32';
import { KiB, MiB } from '../../model/units';
import { compareEsp32 } from './compare';
import { fixedPlace, isBelowTableEntry } from './geometry';
import { ESP32_RULES } from './rules';

function isApp(partition: Partition): boolean {
  return (partition.esp32?.type ?? (partition.kind === 'app' ? ESP32_APP_TYPE : ESP32_DATA_TYPE)) === ESP32_APP_TYPE;
}

function alignments(partition: Partition, document: LayoutDocument): AlignmentRequirement[] {
  const options = esp32Options(document);
  if (isApp(partition)) {
    const sizeAlign = options.secure === 'v1' ? 0x10000 : 0x1000;
    return [
      { of: 'offset', value: 0x10000, severity: 'error', reason: 'ESP-IDF app offset (64 KiB)' },
      {
        of: 'size',
        value: sizeAlign,
        severity: 'error',
        reason: options.secure === 'v1' ? 'ESP-IDF app size with secure boot v1 (64 KiB)' : 'ESP-IDF app size (4 KiB)',
      },
    ];
  }
  return [{ of: 'offset', value: 0x1000, severity: 'error', reason: 'ESP-IDF data offset (4 KiB)' }];
}

/**
 * The bootloader image and the table sector. A table that lists them itself (bootloader/primary,
 * partition_table/primary entries, ESP-IDF v5.5+) has them as partitions in the boot area, so the
 * matching region is left out instead of overlapping its own entry.
 */
function reservedRegions(document: LayoutDocument): ReservedRegion[] {
  const options = esp32Options(document);
  const bootStart = bootloaderOffset(options);
  const listed = (type: number) => document.partitions.some((p) => p.esp32?.type === type && isBelowTableEntry(p.esp32));
  const regions: ReservedRegion[] = [];
  if (options.tableOffset > bootStart && !listed(0x02)) {
    regions.push({
      id: 'esp32-bootloader',
      name: 'bootloader',
      space: 'main',
      start: bootStart,
      end: options.tableOffset,
      kind: 'bootloader',
      description: `Second-stage bootloader, loaded by the ${options.chip} ROM from ${'0x' + bootStart.toString(16)}`,
    });
  }
  if (!listed(0x03)) {
    regions.push({
      id: 'esp32-partition-table',
      name: 'partition table',
      space: 'main',
      start: options.tableOffset,
      end: options.tableOffset + ESP32_TABLE_SECTOR,
      kind: 'table',
      description: 'ESP-IDF partition table (0xC00 bytes of entries and MD5, the rest of the sector kept for a signature)',
    });
  }
  return regions;
}

/**
 * The boot area ends with the table sector; the partition area starts right after it. Bootloader
 * and partition-table entries take the place gen_esp32part.py gives them (it ignores what the CSV
 * says), so they follow the table and bootloader offsets.
 */
function normalize(document: LayoutDocument): LayoutDocument {
  const options = esp32Options(document);
  const bootEnd = options.tableOffset + ESP32_TABLE_SECTOR;
  return {
    ...document,
    areas: document.areas.map((area) => (area.id === 'boot' ? { ...area, start: 0, size: bootEnd } : area)),
    partitions: document.partitions.map((partition) => {
      if (!partition.esp32) return partition;
      const place = fixedPlace(partition.esp32, options);
      const offset = place.offset ?? partition.offset;
      const size = place.size ?? partition.size;
      return offset === partition.offset && size === partition.size ? partition : { ...partition, offset, size };
    }),
  };
}

type Fields = ReturnType<PartitionTemplate['make']>;

function esp32Template(label: string, name: string, type: number, subtype: number, size: number, extra: Partial<Fields> = {}): PartitionTemplate {
  return { label, make: () => ({ name, size, kind: esp32Kind(type, subtype), esp32: { type, subtype }, ...extra }) };
}

const rowsOf = (document: LayoutDocument, type: number, subtype: number) => document.partitions.filter((p) => p.esp32?.type === type && p.esp32.subtype === subtype);
const hasOta = (document: LayoutDocument) =>
  rowsOf(document, ESP32_DATA_TYPE, 0x00).length > 0 || document.partitions.some((p) => p.esp32?.type === ESP32_APP_TYPE && p.esp32.subtype >= 0x10 && p.esp32.subtype < 0x20);
/** The lowest OTA slot number (0–15) no app uses yet. */
const freeOtaSlot = (document: LayoutDocument) => Array.from({ length: 16 }, (_, n) => n).find((n) => rowsOf(document, ESP32_APP_TYPE, 0x10 + n).length === 0);

/**
 * The palette gives ESP-IDF's stock names and sizes (its partitions_singleapp.csv and
 * partitions_two_ota.csv), so a table built from it packs like theirs: nvs (0x6000, or 0x4000 beside
 * OTA data), otadata 0x2000 and phy_init 0x1000 after the table at 0x9000 fill up to the factory
 * app at 0x10000. OTA slots take the next free number, name and subtype alike.
 */
const palette: PartitionTemplate[] = [
  {
    ...esp32Template('App (factory)', 'factory', ESP32_APP_TYPE, 0x00, 1 * MiB),
    unavailable: (document) => (rowsOf(document, ESP32_APP_TYPE, 0x00).length > 0 ? 'The layout has its factory app already' : undefined),
  },
  {
    label: 'App (OTA slot)',
    make: (document) => {
      const slot = (document && freeOtaSlot(document)) ?? 0;
      return { name: `ota_${slot}`, size: 1 * MiB, kind: 'app', esp32: { type: ESP32_APP_TYPE, subtype: 0x10 + slot } };
    },
    unavailable: (document) => (freeOtaSlot(document) === undefined ? 'All 16 OTA slots (ota_0 to ota_15) are taken' : undefined),
  },
  {
    label: 'NVS',
    make: (document) => ({ name: 'nvs', size: document && hasOta(document) ? 0x4000 : 0x6000, kind: 'nvs', esp32: { type: ESP32_DATA_TYPE, subtype: 0x02 } }),
  },
  {
    ...esp32Template('OTA data', 'otadata', ESP32_DATA_TYPE, 0x00, 0x2000),
    unavailable: (document) => (rowsOf(document, ESP32_DATA_TYPE, 0x00).length > 0 ? 'The layout has its OTA data partition already' : undefined),
  },
  esp32Template('PHY init data', 'phy_init', ESP32_DATA_TYPE, 0x01, 0x1000),
  esp32Template('Core dump', 'coredump', ESP32_DATA_TYPE, 0x03, 64 * KiB),
  esp32Template('SPIFFS', 'spiffs', ESP32_DATA_TYPE, 0x82, 1 * MiB, { fs: 'spiffs' }),
  esp32Template('FAT', 'ffat', ESP32_DATA_TYPE, 0x81, 1 * MiB, { fs: 'fat' }),
  esp32Template('LittleFS', 'littlefs', ESP32_DATA_TYPE, 0x83, 1 * MiB, { fs: 'littlefs' }),
];

export const esp32Family: Family = {
  id: 'esp32',
  title: 'ESP32 (ESP-IDF partition table)',
  defaultDevice: () => ({
    family: 'esp32',
    size: 4 * MiB,
    geometry: { eraseBlock: 4 * KiB, pageSize: 256 },
    esp32: defaultEsp32Options(),
  }),
  defaultAreas: (device) => [
    { id: 'boot', name: 'Bootloader and table', space: 'main', start: 0, size: (device.esp32?.tableOffset ?? 0x8000) + ESP32_TABLE_SECTOR, table: 'none' },
    { id: 'flash', name: 'Partitions', space: 'main', start: 'auto', size: 'rest', table: 'esp32' },
  ],
  spaces: (device) => [mainSpace(device, 'Flash')],
  alignments,
  reservedRegions,
  rules: ESP32_RULES,
  normalize,
  compare: compareEsp32,
  // The space before the table belongs to the ROM and the bootloader (and, with secure boot v1, its digest at 0x0).
  acceptsNewPartitions: (area) => area.id !== 'boot',
  deviceSettings: { geometry: [], bootPartitions: false, esp32: true },
  largerDevice: (device, end) => {
    const megabytes = FLASH_SIZES_MB.find((mb) => mb * MiB >= end && mb * MiB > device.size);
    return megabytes === undefined ? undefined : { ...device, size: megabytes * MiB };
  },
  palette,
  // What ESP-IDF's types and subtypes can mean (esp32Kind), and the filesystems of its data subtypes.
  kinds: ['bootloader', 'table', 'app', 'ota-data', 'nvs', 'phy', 'coredump', 'filesystem', 'data'],
  filesystems: ['fat', 'spiffs', 'littlefs'],
};
