/**
 * Reading an MXP_SF.bin table. Records are read up to the first TAG (type 0) record, as U-Boot
 * does; every used record, the terminator and the last slot (which U-Boot also checks) must carry
 * both magics. Whatever would not survive a rewrite (bytes after a name, odd unused slots, a tail
 * that is not 0xFF) is reported as a warning, and the table is labelled with the generation of
 * tool that looks to have written it.
 */
import { u64leNumber, u32le, hasAscii, hex } from '../bytes';
import { FormatError } from '../errors';
import { writeTemplate } from './emit';
import { identifyMxp, type MxpGeneration } from './generation';
import {
  BYTE_FIELDS,
  FIELD,
  MAGIC_PREFIX,
  MAGIC_SUFFIX,
  MXP_MAX_RECORDS,
  MXP_RECORD_BYTES,
  MXP_TABLE_BYTES,
  MXP_TYPE_NORMAL,
  MXP_TYPE_NORMAL_MTD,
  MXP_TYPE_TAG,
  NUMBER_FIELDS,
  type MxpRecord,
} from './records';

export interface MxpTable {
  records: MxpRecord[];
  /** Which tool these bytes look to come from (see MxpGeneration). */
  generation: MxpGeneration;
  warnings: string[];
}

const TAIL_START = MXP_MAX_RECORDS * MXP_RECORD_BYTES;

function checkLength(bytes: Uint8Array): void {
  if (bytes.length === MXP_TABLE_BYTES) return;
  if (bytes.length < MXP_TABLE_BYTES) {
    throw new FormatError(`an MXP table is ${MXP_TABLE_BYTES} bytes (30 records of 136 bytes and 16 bytes of 0xFF), but the input ends at ${hex(bytes.length)}: the file is truncated`, { offset: bytes.length });
  }
  throw new FormatError(
    `an MXP table is ${MXP_TABLE_BYTES} bytes, found ${bytes.length}: U-Boot uses only the first 4 KiB of the MXPT partition, so pass bytes 0x0 to 0x1000`,
    { offset: MXP_TABLE_BYTES },
  );
}

function checkMagic(bytes: Uint8Array, index: number): void {
  const at = index * MXP_RECORD_BYTES;
  if (!hasAscii(bytes, at + FIELD.magicPrefix, MAGIC_PREFIX)) {
    throw new FormatError(`MXP record ${index} at ${hex(at)}: expected the magic "MXPT", found ${hexBytes(bytes, at, 4)}`, { offset: at });
  }
  if (!hasAscii(bytes, at + FIELD.magicSuffix, MAGIC_SUFFIX)) {
    throw new FormatError(`MXP record ${index} at ${hex(at)}: expected the magic "TPXM" at ${hex(at + FIELD.magicSuffix)}, found ${hexBytes(bytes, at + FIELD.magicSuffix, 4)}`, {
      offset: at + FIELD.magicSuffix,
    });
  }
}

function hexBytes(bytes: Uint8Array, at: number, length: number): string {
  return Array.from(bytes.subarray(at, at + length), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function readName(bytes: Uint8Array, at: number, index: number, warnings: string[]): string {
  const start = at + FIELD.name;
  const end = bytes.subarray(start, start + 16).indexOf(0);
  if (end === -1) {
    throw new FormatError(`MXP record ${index}: the name at ${hex(start)} fills all 16 bytes with no NUL; U-Boot compares names as C strings, so at most 15 characters`, {
      offset: start,
    });
  }
  let name = '';
  for (let i = start; i < start + end; i++) {
    if (bytes[i] < 0x20 || bytes[i] > 0x7e) {
      throw new FormatError(`MXP record ${index}: expected a printable ASCII name, found byte 0x${bytes[i].toString(16).padStart(2, '0')} at ${hex(i)}`, { offset: i });
    }
    name += String.fromCharCode(bytes[i]);
  }
  if (bytes.subarray(start + end, start + 16).some((b) => b !== 0)) {
    warnings.push(`MXP record ${index} (${name}): the name field has non-zero bytes after its NUL; they are not kept`);
  }
  return name;
}

function readRecord(bytes: Uint8Array, index: number, warnings: string[]): MxpRecord {
  const at = index * MXP_RECORD_BYTES;
  const name = readName(bytes, at, index, warnings);
  const record: MxpRecord = {
    name,
    start: u64leNumber(bytes, at + FIELD.start, `MXP record ${index} start`),
    size: u64leNumber(bytes, at + FIELD.size, `MXP record ${index} size`),
    type: bytes[at + FIELD.type],
    version: bytes[at + FIELD.version],
    format: bytes[at + FIELD.format],
    status: bytes[at + FIELD.status],
  };
  for (const { key, at: offset, bytes: width, fill } of NUMBER_FIELDS) {
    const value = width === 1 ? bytes[at + offset] : u32le(bytes, at + offset);
    if (value !== fill) record[key] = value;
  }
  for (const { key, at: offset, length, fill } of BYTE_FIELDS) {
    const field = bytes.slice(at + offset, at + offset + length);
    if (field.some((b) => b !== fill)) record[key] = field;
  }
  if (record.type !== MXP_TYPE_NORMAL && record.type !== MXP_TYPE_NORMAL_MTD) {
    warnings.push(`MXP record ${index} (${name}): type 0x${record.type.toString(16).padStart(2, '0')} is neither NORMAL (0x01) nor NORMAL|MTD (0x03)`);
  }
  return record;
}

/** Slots from the terminator on: U-Boot ignores what they hold besides the magics, a rewrite resets them. */
function checkUnusedSlots(bytes: Uint8Array, used: number, warnings: string[]): void {
  const template = new Uint8Array(MXP_RECORD_BYTES);
  writeTemplate(template, 0);
  const odd: number[] = [];
  for (let i = used; i < MXP_MAX_RECORDS; i++) {
    const slot = bytes.subarray(i * MXP_RECORD_BYTES, (i + 1) * MXP_RECORD_BYTES);
    if (slot.some((b, k) => b !== template[k])) odd.push(i);
  }
  if (odd.length > 0) warnings.push(`unused MXP slots ${odd.join(', ')} differ from the empty record mxpgenerator writes; they are not kept`);
  if (bytes.subarray(TAIL_START).some((b) => b !== 0xff)) warnings.push(`the 16 bytes after the last record (${hex(TAIL_START)}) are not all 0xFF; they are not kept`);
}

export function parseMxp(bytes: Uint8Array): MxpTable {
  checkLength(bytes);
  const warnings: string[] = [];
  const records: MxpRecord[] = [];
  let used = 0;
  while (used < MXP_MAX_RECORDS) {
    checkMagic(bytes, used);
    if (bytes[used * MXP_RECORD_BYTES + FIELD.type] === MXP_TYPE_TAG) break;
    records.push(readRecord(bytes, used, warnings));
    used++;
  }
  // U-Boot accepts a table only with the magics in its first and its last slot.
  if (used < MXP_MAX_RECORDS - 1) checkMagic(bytes, MXP_MAX_RECORDS - 1);
  if (used === MXP_MAX_RECORDS) warnings.push('all 30 records are used: U-Boot (part_mxp.c) loads at most 29 and ignores the last');
  checkUnusedSlots(bytes, used, warnings);
  const identified = identifyMxp(records);
  return { records, generation: identified.generation, warnings: [...warnings, ...identified.warnings] };
}
