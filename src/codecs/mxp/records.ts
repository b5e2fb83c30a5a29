/**
 * The records of an MXP_SF.bin table (SigmaStar ALKAID SPI-NOR partition table, spec §1): 30
 * records of 136 bytes and 16 bytes of 0xFF, 4096 bytes in all. Field names follow the SDK's
 * `mxp_record` struct (mxpgenerator.c, U-Boot part_mxp.h).
 */
import { quote } from '../quote';

export const MXP_TABLE_BYTES = 4096;
export const MXP_RECORD_BYTES = 136;
/** Records in a table: 4096 / 136. */
export const MXP_MAX_RECORDS = 30;
/** `name[16]` must keep its NUL: U-Boot compares names as C strings. */
export const MXP_NAME_MAX = 15;

/** `type`: 0x00 is the TAG (empty record) that ends the table. */
export const MXP_TYPE_TAG = 0x00;
export const MXP_TYPE_NORMAL = 0x01;
/** Bit 0x02: the record becomes an MTD partition. */
export const MXP_TYPE_MTD = 0x02;
export const MXP_TYPE_NORMAL_MTD = MXP_TYPE_NORMAL + MXP_TYPE_MTD;

/** `status` values (part_mxp.h); mxpgenerator writes EMPTY, `mxp r.set ... status` the others. */
export const MXP_STATUS_EMPTY = 0x00;
export const MXP_STATUS_INACTIVE = 0xf4;
export const MXP_STATUS_ACTIVE = 0xf5;
export const MXP_STATUS_READY = 0xf6;
export const MXP_STATUS_UPGRADING = 0xf7;

/** NOR offsets where U-Boot (part_mxp.c `mxp_offset[]`) looks for the table, in order. */
export const MXP_PROBE_OFFSETS: readonly number[] = [0xa000, 0xc000, 0xf000, 0x20000, 0x40000, 0x80000];

/**
 * One used record. The optional fields are present only when they differ from what mxpgenerator
 * writes, so a table read back from a device (where `mxp r.set` may have set crc32 or status)
 * is written again byte for byte.
 */
export interface MxpRecord {
  /** `name[16]`: printable ASCII, at most 15 characters, NUL-padded. */
  name: string;
  /** `start` (u64): byte offset in the NOR flash. */
  start: number;
  /** `size` (u64): bytes. */
  size: number;
  /** `type` (u8): MXP_TYPE_NORMAL, MXP_TYPE_NORMAL_MTD; never MXP_TYPE_TAG in a used record. */
  type: number;
  /** `version` (u8): 1. */
  version: number;
  /** `format` (u8): 0 (MXP_PART_FORMAT_NONE). */
  format: number;
  /** `status` (u8): MXP_STATUS_*. */
  status: number;
  /** `padding` (u8), byte 7: 0xFF. */
  padding?: number;
  /** `block` (u32): 0xFFFFFFFF (unused). */
  block?: number;
  /** `block_count` (u32): 0xFFFFFFFF (unused). */
  blockCount?: number;
  /** `backup[16]`: all 0x00. */
  backup?: Uint8Array;
  /** `hash[32]`: all 0xFF. */
  hash?: Uint8Array;
  /** `reserved[24]`: all 0xFF. */
  reserved?: Uint8Array;
  /** `crc32` (u32): 0xFFFFFFFF (mxpgenerator never computes it). */
  crc32?: number;
  /** `reserved2[7]`: all 0xFF. */
  reserved2?: Uint8Array;
}

/** Byte offsets of the fields inside a record. */
export const FIELD = {
  magicPrefix: 0,
  version: 4,
  type: 5,
  format: 6,
  padding: 7,
  start: 8,
  size: 16,
  block: 24,
  blockCount: 28,
  name: 32,
  backup: 48,
  hash: 64,
  reserved: 96,
  crc32: 120,
  status: 124,
  magicSuffix: 125,
  reserved2: 129,
} as const;

export const MAGIC_PREFIX = 'MXPT';
export const MAGIC_SUFFIX = 'TPXM';

/** The optional byte-array fields: where they are, how long, and the byte mxpgenerator fills them with. */
export const BYTE_FIELDS = [
  { key: 'backup', at: FIELD.backup, length: 16, fill: 0x00 },
  { key: 'hash', at: FIELD.hash, length: 32, fill: 0xff },
  { key: 'reserved', at: FIELD.reserved, length: 24, fill: 0xff },
  { key: 'reserved2', at: FIELD.reserved2, length: 7, fill: 0xff },
] as const;

/** The optional number fields, with mxpgenerator's value. */
export const NUMBER_FIELDS = [
  { key: 'padding', at: FIELD.padding, bytes: 1, fill: 0xff },
  { key: 'block', at: FIELD.block, bytes: 4, fill: 0xffffffff },
  { key: 'blockCount', at: FIELD.blockCount, bytes: 4, fill: 0xffffffff },
  { key: 'crc32', at: FIELD.crc32, bytes: 4, fill: 0xffffffff },
] as const;

/** A record as mxpgenerator writes it. */
export function mxpRecord(name: string, start: number, size: number, type: number): MxpRecord {
  return { name, start, size, type, version: 1, format: 0, status: MXP_STATUS_EMPTY };
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

const shown = (value: number | undefined) => (value === undefined ? "mxpgenerator's default" : `0x${value.toString(16).toUpperCase()}`);

/** The first field where `found` differs from `expected`, as `size 0x20000 (expected 0x1F000)`. */
export function recordDifference(expected: MxpRecord, found: MxpRecord): string | undefined {
  if (expected.name !== found.name) return `name ${quote(found.name)} (expected ${quote(expected.name)})`;
  for (const key of ['start', 'size', 'type', 'version', 'format', 'status', ...NUMBER_FIELDS.map((field) => field.key)] as const) {
    if (expected[key] !== found[key]) return `${key} ${shown(found[key])} (expected ${shown(expected[key])})`;
  }
  for (const { key } of BYTE_FIELDS) {
    if (!sameBytes(expected[key], found[key])) return `${key} bytes differ (expected ${expected[key] === undefined ? "mxpgenerator's fill" : 'other bytes'})`;
  }
  return undefined;
}
