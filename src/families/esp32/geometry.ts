/**
 * Where gen_esp32part.py puts the fixed table entries (bootloaders, partition tables) whatever the
 * CSV says, and which of them live below the table.
 */
import type { Esp32Options } from '../../model/document';
import { bootloaderOffset, ESP32_TABLE_SECTOR } from '../../model/esp32';

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
