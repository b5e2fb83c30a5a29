/**
 * ESP32 geometry: the device options, the chip facts they default from, and where the fixed table
 * entries (bootloaders, partition tables) sit. A leaf module (it imports only the model) so that
 * the family file, its rules and the ESP-IDF format can all use it without an import cycle;
 * `esp32.ts` re-exports it.
 */
import type { Esp32Chip, Esp32Options, LayoutDocument } from '../model/document';

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

const BOOTLOADER_TYPE = 0x02;
const PARTITION_TABLE_TYPE = 0x03;
const PRIMARY = 0x00;
const RECOVERY = 0x02;

/**
 * Where gen_esp32part.py puts an entry whatever the CSV says (spec §6): the primary bootloader at
 * the bootloader offset, the recovery bootloader at its option, the primary table at the table
 * offset; every bootloader entry is as long as the space below the table, every table entry one
 * sector. Fields left undefined come from the entry itself.
 */
export function fixedPlace(entry: { type: number; subtype: number }, options: Esp32Options): { offset?: number; size?: number } {
  if (entry.type === BOOTLOADER_TYPE) {
    const primary = bootloaderOffset(options);
    const size = options.tableOffset - primary;
    if (entry.subtype === PRIMARY) return { offset: primary, size };
    if (entry.subtype === RECOVERY && options.recoveryBootloaderOffset !== undefined) return { offset: options.recoveryBootloaderOffset, size };
    return { size };
  }
  if (entry.type === PARTITION_TABLE_TYPE) {
    return entry.subtype === PRIMARY ? { offset: options.tableOffset, size: ESP32_TABLE_SECTOR } : { size: ESP32_TABLE_SECTOR };
  }
  return {};
}

/** The primary bootloader and primary table entries live below the table, in the boot area. */
export function isBelowTableEntry(entry: { type: number; subtype: number }): boolean {
  return (entry.type === BOOTLOADER_TYPE || entry.type === PARTITION_TABLE_TYPE) && entry.subtype === PRIMARY;
}
