/**
 * Writing an MXP_SF.bin table as mxpgenerator does: every one of the 30 records starts as the
 * empty template (magics, version 1, type TAG, 0xFF numbers, zero name and backup), the used
 * records are written over the first slots, and the 16 bytes after the last record stay 0xFF.
 */
import { MAX_BYTES } from '../../model/units';
import { putAscii, putU32le, putU64le, putU8 } from '../bytes';
import { FormatError } from '../errors';
import { quote } from '../quote';
import {
  BYTE_FIELDS,
  FIELD,
  MAGIC_PREFIX,
  MAGIC_SUFFIX,
  MXP_MAX_RECORDS,
  MXP_NAME_MAX,
  MXP_RECORD_BYTES,
  MXP_STATUS_EMPTY,
  MXP_TABLE_BYTES,
  MXP_TYPE_TAG,
  NUMBER_FIELDS,
  type MxpRecord,
} from './records';

/** Writes the empty record mxpgenerator (and U-Boot's `mxp t.init`) puts in every slot. */
export function writeTemplate(bytes: Uint8Array, at: number): void {
  bytes.fill(0xff, at, at + MXP_RECORD_BYTES);
  putAscii(bytes, at + FIELD.magicPrefix, 4, MAGIC_PREFIX);
  putAscii(bytes, at + FIELD.magicSuffix, 4, MAGIC_SUFFIX);
  bytes[at + FIELD.version] = 1;
  bytes[at + FIELD.type] = MXP_TYPE_TAG;
  bytes[at + FIELD.format] = 0;
  bytes[at + FIELD.status] = MXP_STATUS_EMPTY;
  bytes.fill(0x00, at + FIELD.name, at + FIELD.name + 16);
  bytes.fill(0x00, at + FIELD.backup, at + FIELD.backup + 16);
}

/** Printable ASCII (space to tilde): what a C string name can hold and a message can show. */
export function isPrintableName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

function checkRecord(record: MxpRecord, index: number): void {
  const what = `MXP record ${index} (${quote(record.name)})`;
  if (record.name.length > MXP_NAME_MAX) {
    throw new FormatError(`${what}: the name is ${record.name.length} characters; U-Boot compares MXP names as C strings in 16 bytes, so at most ${MXP_NAME_MAX}`);
  }
  if (!isPrintableName(record.name)) throw new FormatError(`${what}: the name must be printable ASCII`);
  if (record.type === MXP_TYPE_TAG) throw new FormatError(`${what}: type 0x00 (TAG) marks the end of the table and cannot be a used record`);
  for (const key of ['start', 'size'] as const) {
    const value = record[key];
    if (!Number.isInteger(value) || value < 0 || value > MAX_BYTES) {
      throw new FormatError(`${what}: ${key} must be a whole number of bytes from 0 to 2^53 - 1, found ${String(value)}`);
    }
  }
  for (const { key, length } of BYTE_FIELDS) {
    const field = record[key];
    if (field !== undefined && field.length !== length) throw new FormatError(`${what}: ${key} must be ${length} bytes, found ${field.length}`);
  }
}

function writeRecord(bytes: Uint8Array, at: number, record: MxpRecord, index: number): void {
  checkRecord(record, index);
  const what = (field: string) => `MXP record ${index} ${field}`;
  putU8(bytes, at + FIELD.version, record.version, what('version'));
  putU8(bytes, at + FIELD.type, record.type, what('type'));
  putU8(bytes, at + FIELD.format, record.format, what('format'));
  putU8(bytes, at + FIELD.status, record.status, what('status'));
  putU64le(bytes, at + FIELD.start, record.start, what('start'));
  putU64le(bytes, at + FIELD.size, record.size, what('size'));
  putAscii(bytes, at + FIELD.name, 16, record.name, what('name'));
  for (const { key, at: offset, bytes: width } of NUMBER_FIELDS) {
    const value = record[key];
    if (value === undefined) continue;
    if (width === 1) putU8(bytes, at + offset, value, what(key));
    else putU32le(bytes, at + offset, value, what(key));
  }
  for (const { key, at: offset } of BYTE_FIELDS) {
    const field = record[key];
    if (field !== undefined) bytes.set(field, at + offset);
  }
}

/** The 4096-byte table holding `records` in order (at most 30). */
export function emitMxp(records: readonly MxpRecord[]): Uint8Array {
  if (records.length > MXP_MAX_RECORDS) {
    throw new FormatError(`an MXP table holds at most ${MXP_MAX_RECORDS} records (4096 bytes / 136), found ${records.length}`);
  }
  const bytes = new Uint8Array(MXP_TABLE_BYTES).fill(0xff);
  for (let i = 0; i < MXP_MAX_RECORDS; i++) writeTemplate(bytes, i * MXP_RECORD_BYTES);
  records.forEach((record, i) => writeRecord(bytes, i * MXP_RECORD_BYTES, record, i));
  return bytes;
}
