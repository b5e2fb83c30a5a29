/**
 * The ESP32 parts of the layout document: the chips and where their ROM loads the bootloader
 * from, the default ESP-IDF options, and the kind (colour, palette group) of an ESP-IDF
 * type/subtype pair. Facts of the document's own fields, so every floor may use them.
 */
import type { Esp32Chip, Esp32Options, LayoutDocument, PartitionKind } from './document';

/** The partition table occupies one 4 KiB sector at the table offset. */
export const ESP32_TABLE_SECTOR = 0x1000;

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

/** The primary bootloader offset: the explicit option, else the chip's ROM offset. */
export function bootloaderOffset(options: Esp32Options): number {
  return options.primaryBootloaderOffset ?? ESP32_BOOTLOADER_OFFSET[options.chip];
}

export const ESP32_APP_TYPE = 0x00;
export const ESP32_DATA_TYPE = 0x01;

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
