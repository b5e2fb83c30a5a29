/**
 * A partition table as the reference tool holds it between reading and writing: rows in table
 * order with resolved offsets and sizes, plus where each row came from (for error messages).
 */
import { Esp32Error, type Esp32Location } from './errors';
import type { ExtraSubtype } from './types';

export interface Esp32Entry {
  name: string;
  type: number;
  subtype: number;
  offset: number;
  size: number;
  encrypted: boolean;
  readonly: boolean;
  /** The CSV left the offset blank, so it was computed (kept as "auto" in a layout document). */
  autoOffset?: boolean;
  /** 1-based CSV line the entry was read from. */
  line?: number;
  /** Byte offset of the entry in a binary table. */
  byteOffset?: number;
}

export interface Esp32Table {
  entries: Esp32Entry[];
}

/** The reference tool's command-line options that change results, with its defaults. */
export interface Esp32Settings {
  /** --offset: where the table sector is (default 0x8000). */
  tableOffset: number;
  /** Off with --disable-md5sum. */
  md5: boolean;
  /** --secure: v1 makes app sizes 64 KiB multiples. */
  secure: 'none' | 'v1' | 'v2';
  primaryBootloaderOffset?: number;
  recoveryBootloaderOffset?: number;
  extraSubtypes: ExtraSubtype[];
  /** --flash-size in bytes: the table must end within it. */
  flashSize?: number;
}

export const DEFAULT_TABLE_OFFSET = 0x8000;
/** The table occupies a whole 4 KiB sector; partitions start after it. */
export const TABLE_SECTOR = 0x1000;
/** The generated table is 0xC00 bytes; the rest of the sector is kept for a signature. */
export const TABLE_LENGTH = 0xc00;
export const ENTRY_LENGTH = 32;
/** Names are stored in 16 bytes, cut without a terminator when longer. */
export const NAME_LENGTH = 16;
/** Largest value of the binary's 32-bit offset and size fields. */
export const UINT32_MAX = 0xffffffff;
/** Flash sizes --flash-size accepts. */
export const FLASH_SIZES_MB = [1, 2, 4, 8, 16, 32, 64, 128];

/** The tool's defaults, with every override that is not undefined. */
export function esp32Settings(overrides: Partial<Esp32Settings> = {}): Esp32Settings {
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return { tableOffset: DEFAULT_TABLE_OFFSET, md5: true, secure: 'none', extraSubtypes: [], ...given };
}

/** Most entries a table holds: a full row of 0xFF must remain after the entries and the MD5 row. */
export function maxEntries(md5: boolean): number {
  return Math.floor(TABLE_LENGTH / ENTRY_LENGTH) - 1 - (md5 ? 1 : 0);
}

/** The tool's error for a table whose entries (and MD5 row) leave no 0xFF end row. */
export function tableTooLong(entries: number, md5: boolean, where: Esp32Location = {}): Esp32Error {
  const used = (entries + (md5 ? 1 : 0)) * ENTRY_LENGTH;
  const limit = maxEntries(md5);
  return new Esp32Error(`Binary partition table length (${used}) longer than max`, where, {
    note: `${entries} entries${md5 ? ' and the MD5 row' : ''}, at most ${limit} entries fit${md5 ? ' with the MD5 row' : ''}`,
  });
}

/** The flags column of the normalised CSV, always in this order. */
export function flagNames(entry: Pick<Esp32Entry, 'encrypted' | 'readonly'>): string[] {
  return [...(entry.encrypted ? ['encrypted'] : []), ...(entry.readonly ? ['readonly'] : [])];
}
