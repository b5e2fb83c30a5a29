/**
 * Commands and snippets beside the table: esptool.py lines to flash the bootloader, the table and
 * the boot app (or one partition), to erase a partition, and the PlatformIO and Arduino settings
 * that point at the table. Pure functions of the layout document.
 */
import type { LayoutDocument } from '../../model/document';
import { alignUp } from '../../model/units';
import { documentToTable } from './bridge';
import { formatOffset } from '../../codecs/esp32/numbers';
import type { Esp32Entry } from '../../codecs/esp32/table';
import { APP_TYPE, DATA_TYPE, SUBTYPE_DATA_OTA, SUBTYPE_FACTORY, SUBTYPE_OTA_0 } from '../../codecs/esp32/types';
import { bootloaderOffset, esp32Options } from '../../model/esp32';

const APP_SUBTYPE_TEST = 0x20;

export interface EsptoolOptions {
  /** Serial port (`-p`), e.g. /dev/ttyUSB0. */
  port?: string;
  /** Baud rate (`-b`), e.g. 460800. */
  baud?: number;
}

export interface FlashFiles {
  bootloader: string;
  partitionTable: string;
  otadata: string;
  app: string;
}

/** The file names ESP-IDF's build gives these images (the app's is the project's name). */
export const DEFAULT_FLASH_FILES: FlashFiles = {
  bootloader: 'bootloader.bin',
  partitionTable: 'partition-table.bin',
  otadata: 'ota_data_initial.bin',
  app: 'app.bin',
};

/** A word for a POSIX shell: quoted only when it needs to be. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function esptool(document: LayoutDocument, options: EsptoolOptions, command: string, args: string[]): string {
  const connection = [...(options.port ? ['-p', options.port] : []), ...(options.baud ? ['-b', String(options.baud)] : [])];
  return ['esptool.py', '--chip', esp32Options(document).chip, ...connection, command, ...args].map(shellWord).join(' ');
}

/** The app the bootloader starts on a fresh device: factory, else ota_0, else test (as ESP-IDF's flash target picks). */
export function bootApp(document: LayoutDocument): Esp32Entry | undefined {
  const apps = documentToTable(document).entries.filter((e) => e.type === APP_TYPE);
  for (const subtype of [SUBTYPE_FACTORY, SUBTYPE_OTA_0, APP_SUBTYPE_TEST]) {
    const app = apps.find((e) => e.subtype === subtype);
    if (app) return app;
  }
  return undefined;
}

/**
 * `esptool.py --chip esp32 write_flash 0x1000 bootloader.bin 0x8000 partition-table.bin …`:
 * bootloader, table, the initial otadata when there is an otadata partition (as `idf.py flash`
 * writes it) and the boot app, in address order.
 */
export function flashCommand(document: LayoutDocument, files: Partial<FlashFiles> = {}, options: EsptoolOptions = {}): string {
  const names = { ...DEFAULT_FLASH_FILES, ...files };
  const settings = esp32Options(document);
  const table = documentToTable(document);
  const images: Array<[number, string]> = [
    [bootloaderOffset(settings), names.bootloader],
    [settings.tableOffset, names.partitionTable],
  ];
  const otadata = table.entries.find((e) => e.type === DATA_TYPE && e.subtype === SUBTYPE_DATA_OTA);
  if (otadata) images.push([otadata.offset, names.otadata]);
  const app = bootApp(document);
  if (app) images.push([app.offset, names.app]);
  images.sort((a, b) => a[0] - b[0]);
  return esptool(document, options, 'write_flash', images.flatMap(([offset, file]) => [formatOffset(offset), file]));
}

function partitionNamed(document: LayoutDocument, name: string): Esp32Entry | undefined {
  return documentToTable(document).entries.find((e) => e.name === name);
}

/** `esptool.py --chip esp32 write_flash 0x110000 storage.bin`: one partition only; undefined for an unknown name. */
export function writePartitionCommand(document: LayoutDocument, name: string, file = `${name}.bin`, options: EsptoolOptions = {}): string | undefined {
  const entry = partitionNamed(document, name);
  return entry && esptool(document, options, 'write_flash', [formatOffset(entry.offset), file]);
}

/**
 * `esptool.py --chip esp32 erase_region 0x9000 0x6000`. esptool erases whole 4 KiB sectors, so a
 * size that is not a multiple is rounded up (the next partition starts on a sector anyway).
 */
export function erasePartitionCommand(document: LayoutDocument, name: string, options: EsptoolOptions = {}): string | undefined {
  const entry = partitionNamed(document, name);
  return entry && esptool(document, options, 'erase_region', [formatOffset(entry.offset), formatOffset(alignUp(entry.size, 0x1000))]);
}

/** The platformio.ini line that makes a PlatformIO project use this table. */
export function platformioLine(csvFile = 'partitions.csv'): string {
  return `board_build.partitions = ${csvFile}`;
}

/** Arduino's upload.maximum_size: the largest app slot, in bytes. */
export function arduinoMaximumSize(document: LayoutDocument): number | undefined {
  const sizes = documentToTable(document).entries.filter((e) => e.type === APP_TYPE).map((e) => e.size);
  return sizes.length > 0 ? Math.max(...sizes) : undefined;
}

/** `upload.maximum_size=1310720` for a boards.txt entry (decimal, as Arduino reads it). */
export function arduinoMaximumSizeLine(document: LayoutDocument): string | undefined {
  const size = arduinoMaximumSize(document);
  return size === undefined ? undefined : `upload.maximum_size=${size}`;
}
