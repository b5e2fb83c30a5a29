/**
 * The binary partition table (spec §1, §8): 32-byte little-endian rows in table order, an MD5 row,
 * 0xFF padding to 0xC00 bytes. The reader bounds-checks every row and turns every malformed input
 * into an Esp32Error with its byte offset.
 */
import { hex } from '../bytes';
import { decodeUtf8, encodeUtf8 } from '../text';
import { Esp32Error } from './errors';
import { md5 as md5Of } from './digest';
import { pyBytes, pyHashHex } from './numbers';
import { ENTRY_LENGTH, maxEntries, NAME_LENGTH, TABLE_LENGTH, tableTooLong, UINT32_MAX, type Esp32Entry, type Esp32Table } from './table';

const ENTRY_MAGIC = [0xaa, 0x50];
const MD5_MAGIC = [0xeb, 0xeb];
const FLAG_ENCRYPTED = 0x1;
const FLAG_READONLY = 0x2;

/** How gen_esp32part.py tells a binary input from a CSV: by the magic of a first entry, AA 50. */
export function startsWithEntryMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === ENTRY_MAGIC[0] && bytes[1] === ENTRY_MAGIC[1];
}

/**
 * Whether the bytes are a binary table rather than CSV text. The tool only looks for AA 50; we
 * also take the two forms of an empty table (an MD5 row first, or an end-of-table row), which the
 * tool cannot read back but which can never be CSV text (they are not valid UTF-8).
 */
export function isBinaryTable(bytes: Uint8Array): boolean {
  if (startsWithEntryMagic(bytes)) return true;
  if (bytes.length < ENTRY_LENGTH) return false;
  const row = bytes.subarray(0, ENTRY_LENGTH);
  const md5Row = row[0] === MD5_MAGIC[0] && row[1] === MD5_MAGIC[1] && row.subarray(2, 16).every((b) => b === 0xff);
  return md5Row || row.every((b) => b === 0xff);
}

function checkField(entry: Esp32Entry, field: 'type' | 'subtype' | 'offset' | 'size', max: number): void {
  const value = entry[field];
  if (Number.isInteger(value) && value >= 0 && value <= max) return;
  const shown = field === 'type' || field === 'subtype' ? String(value) : pyHashHex(value);
  throw new Esp32Error(`Partition ${entry.name} invalid: ${field} ${shown} does not fit the binary table (0 to 0x${max.toString(16)})`, {
    partition: entry.name,
    line: entry.line,
  });
}

const FIELD_LIMITS: Array<['type' | 'subtype' | 'offset' | 'size', number]> = [
  ['type', 0xff],
  ['subtype', 0xff],
  ['offset', UINT32_MAX],
  ['size', UINT32_MAX],
];

function writeEntry(view: DataView, bytes: Uint8Array, at: number, entry: Esp32Entry): void {
  bytes.set(ENTRY_MAGIC, at);
  bytes[at + 2] = entry.type;
  bytes[at + 3] = entry.subtype;
  view.setUint32(at + 4, entry.offset, true);
  view.setUint32(at + 8, entry.size, true);
  // Longer names are cut at 16 bytes, even inside a character; shorter ones are padded with zeros.
  const name = encodeUtf8(entry.name).subarray(0, NAME_LENGTH);
  bytes.fill(0, at + 12, at + 12 + NAME_LENGTH);
  bytes.set(name, at + 12);
  view.setUint32(at + 28, (entry.encrypted ? FLAG_ENCRYPTED : 0) + (entry.readonly ? FLAG_READONLY : 0), true);
}

/**
 * The 0xC00-byte table: entries in order, the MD5 row when `md5`, then 0xFF. As in the tool, every
 * entry's fields are packed (and refused when they do not fit) before the length is judged.
 */
export function tableToBinary(table: Esp32Table, md5: boolean): Uint8Array {
  for (const entry of table.entries) for (const [field, max] of FIELD_LIMITS) checkField(entry, field, max);
  const used = (table.entries.length + (md5 ? 1 : 0)) * ENTRY_LENGTH;
  // At least one full 0xFF row must remain as the end marker.
  if (used >= TABLE_LENGTH) {
    const first = table.entries[maxEntries(md5)];
    throw tableTooLong(table.entries.length, md5, { partition: first.name, line: first.line });
  }
  const bytes = new Uint8Array(TABLE_LENGTH).fill(0xff);
  const view = new DataView(bytes.buffer);
  table.entries.forEach((entry, index) => writeEntry(view, bytes, index * ENTRY_LENGTH, entry));
  if (md5) {
    const at = table.entries.length * ENTRY_LENGTH;
    bytes.set(MD5_MAGIC, at);
    bytes.set(md5Of(bytes.subarray(0, at)), at + 16);
  }
  return bytes;
}

export interface BinaryReadResult {
  table: Esp32Table;
  warnings: string[];
}

/**
 * Read a binary table up to its end-of-table row. With `md5`, an EB EB row must carry the MD5 of
 * the entry rows before it; without, it is read as an entry (and fails on its magic). Warnings go
 * to `warn` as they are found (the tool prints them before any later error) and are returned.
 */
export function binaryToTable(bytes: Uint8Array, md5: boolean, warn: (line: string) => void = () => {}): BinaryReadResult {
  const entries: Esp32Entry[] = [];
  const warnings: string[] = [];
  const found = (line: string) => {
    warnings.push(line);
    warn(line);
  };
  // The entry rows read so far: an MD5 row checks the digest of these (earlier MD5 rows are not part of it).
  const hashed: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += ENTRY_LENGTH) {
    if (at + ENTRY_LENGTH > bytes.length) {
      const note = `the file is truncated at ${hex(bytes.length)}, ${bytes.length - at} bytes into the entry at ${hex(at)}`;
      throw new Esp32Error('Partition table length must be a multiple of 32 bytes', { offset: at }, { note });
    }
    const row = bytes.subarray(at, at + ENTRY_LENGTH);
    if (row.every((b) => b === 0xff)) return { table: { entries }, warnings };
    if (md5 && row[0] === MD5_MAGIC[0] && row[1] === MD5_MAGIC[1]) {
      // Only the two magic bytes are checked, not the 0xFF filler (as the tool does).
      const computed = toHex(md5Of(...hashed));
      const parsed = toHex(row.subarray(16));
      // The tool prints the parsed digest as Python prints the bytes of binascii.hexlify: b'…'.
      if (computed !== parsed) throw new Esp32Error(`MD5 checksums don't match! (computed: 0x${computed}, parsed: 0x${pyBytes(parsed)})`, { offset: at });
      continue;
    }
    hashed.push(row);
    entries.push(readEntry(row, at, found));
  }
  // Shorter than a table's 0xC00 bytes: the end marker (or its MD5 row) was cut off.
  const note = bytes.length < TABLE_LENGTH ? `the file is truncated at ${hex(bytes.length)}, after ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}` : undefined;
  throw new Esp32Error('Partition table is missing an end-of-table marker', { offset: bytes.length }, note ? { note } : {});
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function readEntry(row: Uint8Array, at: number, warn: (line: string) => void): Esp32Entry {
  if (row[0] !== ENTRY_MAGIC[0] || row[1] !== ENTRY_MAGIC[1]) {
    throw new Esp32Error(`Invalid magic bytes (${pyBytes(row.subarray(0, 2))}) for partition definition`, { offset: at });
  }
  const view = new DataView(row.buffer, row.byteOffset, ENTRY_LENGTH);
  const label = row.subarray(12, 12 + NAME_LENGTH);
  const end = label.indexOf(0);
  const decoded = decodeUtf8(label, 0, end === -1 ? NAME_LENGTH : end);
  if (!decoded.ok) {
    throw new Esp32Error(`Partition name is not valid UTF-8 (byte 0x${label[decoded.offset].toString(16)})`, { offset: at + 12 + decoded.offset });
  }
  const flags = view.getUint32(28, true);
  const unknown = flags - (flags & (FLAG_ENCRYPTED | FLAG_READONLY));
  if (unknown !== 0) {
    warn(`WARNING: Partition definition had unknown flag(s) 0x${unknown.toString(16).padStart(8, '0')}. Newer binary format?`);
  }
  return {
    name: decoded.text,
    type: row[2],
    subtype: row[3],
    offset: view.getUint32(4, true),
    size: view.getUint32(8, true),
    encrypted: (flags & FLAG_ENCRYPTED) !== 0,
    readonly: (flags & FLAG_READONLY) !== 0,
    byteOffset: at,
  };
}
