/**
 * ESP32 flash with an ESP-IDF partition table: the bootloader at the chip's offset, the table
 * sector at the table offset (0x8000 by default), then the partitions. Alignment follows
 * gen_esp32part.py: app offsets 64 KiB, everything else 4 KiB; app sizes 4 KiB (64 KiB with
 * secure boot v1).
 */
import type { Esp32Chip, Esp32Options, LayoutDocument, Partition, PartitionKind } from '../model/document';
import { KiB, MiB } from '../model/units';
import type { AlignmentRequirement, Family, ReservedRegion } from './family';
import { mainSpace } from './geometry';

export const ESP32_TABLE_SECTOR = 0x1000;
export const ESP32_APP_TYPE = 0x00;
export const ESP32_DATA_TYPE = 0x01;

/** Where the ROM loads the second-stage bootloader from, per chip (ESP-IDF esp_rom_caps.h). */
export const ESP32_BOOTLOADER_OFFSET: Record<Esp32Chip, number> = {
  esp32: 0x1000,
  esp32s2: 0x1000,
  esp32s3: 0x0,
  esp32c2: 0x0,
  esp32c3: 0x0,
  esp32c6: 0x0,
  esp32c61: 0x0,
  esp32h2: 0x0,
  esp32c5: 0x2000,
  esp32p4: 0x2000,
};

export function defaultEsp32Options(chip: Esp32Chip = 'esp32'): Esp32Options {
  return { chip, tableOffset: 0x8000, md5: true, secure: 'none', extraSubtypes: [] };
}

export function esp32Options(document: LayoutDocument): Esp32Options {
  return document.device.esp32 ?? defaultEsp32Options();
}

export function bootloaderOffset(options: Esp32Options): number {
  return options.primaryBootloaderOffset ?? ESP32_BOOTLOADER_OFFSET[options.chip];
}

/** The kind (colour, palette group) of an ESP-IDF type/subtype pair. */
export function esp32Kind(type: number, subtype: number): PartitionKind {
  if (type === ESP32_APP_TYPE) return 'app';
  if (type === 0x02) return 'bootloader';
  if (type === 0x03) return 'table';
  if (type !== ESP32_DATA_TYPE) return 'data';
  switch (subtype) {
    case 0x00:
      return 'ota-data';
    case 0x01:
      return 'phy';
    case 0x02:
    case 0x04:
      return 'nvs';
    case 0x03:
      return 'coredump';
    case 0x81:
    case 0x82:
    case 0x83:
      return 'filesystem';
    default:
      return 'data';
  }
}

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

function reservedRegions(document: LayoutDocument): ReservedRegion[] {
  const options = esp32Options(document);
  const bootStart = bootloaderOffset(options);
  const regions: ReservedRegion[] = [];
  if (options.tableOffset > bootStart) {
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
  regions.push({
    id: 'esp32-partition-table',
    name: 'partition table',
    space: 'main',
    start: options.tableOffset,
    end: options.tableOffset + ESP32_TABLE_SECTOR,
    kind: 'table',
    description: 'ESP-IDF partition table (0xC00 bytes of entries and MD5, the rest of the sector kept for a signature)',
  });
  return regions;
}

/** The boot area ends with the table sector; the partition area starts right after it. */
function normalize(document: LayoutDocument): LayoutDocument {
  const options = esp32Options(document);
  const bootEnd = options.tableOffset + ESP32_TABLE_SECTOR;
  return {
    ...document,
    areas: document.areas.map((area) => (area.id === 'boot' ? { ...area, start: 0, size: bootEnd } : area)),
  };
}

function esp32Template(label: string, name: string, type: number, subtype: number, size: number, flags?: string[]) {
  return {
    label,
    make: () => ({ name, size, kind: esp32Kind(type, subtype), esp32: { type, subtype }, ...(flags ? { flags } : {}) }),
  };
}

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
  rules: [],
  normalize,
  palette: [
    esp32Template('App (factory)', 'factory', 0x00, 0x00, 1 * MiB),
    esp32Template('App (OTA slot)', 'ota_0', 0x00, 0x10, 1 * MiB),
    esp32Template('NVS', 'nvs', 0x01, 0x02, 0x6000),
    esp32Template('OTA data', 'otadata', 0x01, 0x00, 0x2000),
    esp32Template('PHY init data', 'phy_init', 0x01, 0x01, 0x1000),
    esp32Template('Core dump', 'coredump', 0x01, 0x03, 64 * KiB),
    esp32Template('SPIFFS', 'spiffs', 0x01, 0x82, 1 * MiB),
    esp32Template('FAT', 'ffat', 0x01, 0x81, 1 * MiB),
    esp32Template('LittleFS', 'littlefs', 0x01, 0x83, 1 * MiB),
  ],
};
