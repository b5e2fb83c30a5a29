/**
 * The partition CSV (spec §3, §4, §8). Reading follows gen_esp32part.py line by line: any line
 * break, Python whitespace trimming, `#` comments only at the start of a line, no quoting, missing
 * trailing fields empty, then the offsets left blank are filled in file order. Every error carries
 * the 1-based line, the column of the bad field and the partition name, beside the tool's words.
 */
import { decodeText, decodeUtf16, type DecodeResult, type TextEncoding } from '../text';
import { Esp32Error, SUBTYPES_HINT } from './errors';
import { parseIntField, pyHex, pyStrip, formatOffset, formatSize, type FieldResult, type Keywords } from './numbers';
import { esp32Settings, flagNames, maxEntries, TABLE_SECTOR, tableTooLong, type Esp32Entry, type Esp32Settings, type Esp32Table } from './table';
import {
  APP_TYPE,
  BOOTLOADER_TYPE,
  buildCatalog,
  describeConflict,
  formatSubtype,
  formatType,
  isFixedBelowTable,
  isPrimaryBootloader,
  isPrimaryPartitionTable,
  offsetAlignment,
  PARTITION_TABLE_TYPE,
  SUBTYPE_BOOTLOADER_RECOVERY,
  SUBTYPE_UNDEFINED,
  subtypeKeywords,
  type Catalog,
  type ExtraSubtype,
} from './types';

/** Python's str.splitlines() boundaries: the CSV may use any of them. */
// eslint-disable-next-line no-control-regex -- U+001C..U+001E are line breaks for Python
const LINE_BREAK = /\r\n|[\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]/;

const FIELD_NAMES = ['name', 'type', 'subtype', 'offset', 'size', 'flags'] as const;
type FieldName = (typeof FIELD_NAMES)[number];

interface Field {
  text: string;
  /** 1-based column where the trimmed text starts (or where the line ends, for a missing field). */
  column: number;
}

/** Catalogs already built, by their list of extra subtypes: one run asks for the same one often. */
const catalogs = new WeakMap<readonly ExtraSubtype[], Catalog>();

/** A catalog for these settings; an extra subtype that reuses a value stops the run, as in the tool. */
export function catalogFor(settings: Pick<Esp32Settings, 'extraSubtypes'>): Catalog {
  const catalog = catalogs.get(settings.extraSubtypes) ?? buildCatalog(settings.extraSubtypes);
  catalogs.set(settings.extraSubtypes, catalog);
  if (catalog.conflicts.length > 0) throw new Esp32Error(describeConflict(catalog.conflicts[0]));
  return catalog;
}

export interface CsvReadOptions {
  /**
   * Read exactly as gen_esp32part.py does, for the drop-in: its byte-order marks (it takes the
   * UTF-32 LE mark for the UTF-16 LE one, which starts it) and every row before the table's length
   * is judged, up to REFERENCE_ROW_LIMIT. Otherwise (a layout import) a UTF-32 LE file is decoded
   * as such, and reading stops at the first row a table cannot hold.
   */
  reference?: boolean;
}

/**
 * Rows the drop-in reads before it stops with the table-too-long error: far more than a table
 * holds (so every real file gets the reference tool's first error), few enough that a hostile
 * file of millions of lines costs well under a second.
 */
export const REFERENCE_ROW_LIMIT = 100_000;

/** gen_esp32part.py's decoding: its mark list in its order, where the UTF-16 LE mark comes first. */
function decodeLikeReference(bytes: Uint8Array): DecodeResult & { encoding: TextEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ...decodeUtf16(bytes, true, 2), encoding: 'utf-16le' };
  return decodeText(bytes);
}

/**
 * Bytes of a CSV file to text: BOM-selected encoding, UTF-8 otherwise; undecodable bytes are an
 * error (where the reference tool stops with a UnicodeDecodeError).
 */
export function decodeCsv(bytes: Uint8Array, options: CsvReadOptions = {}): string {
  const decoded = options.reference ? decodeLikeReference(bytes) : decodeText(bytes);
  if (!decoded.ok) {
    throw new Esp32Error(`CSV input is not valid ${decoded.encoding.toUpperCase()} text`, { offset: decoded.offset });
  }
  return decoded.text;
}

/** Split a trimmed line on every comma; each field is trimmed again and keeps its column. */
function splitFields(raw: string): Field[] {
  let lead = 0;
  while (lead < raw.length && pyStrip(raw[lead]) === '') lead++;
  const line = pyStrip(raw);
  const fields: Field[] = [];
  let start = 0;
  for (const piece of line.split(',')) {
    const text = pyStrip(piece);
    const inner = text === '' ? 0 : piece.indexOf(text);
    fields.push({ text, column: lead + start + inner + 1 });
    start += piece.length + 1;
  }
  const end = lead + line.length + 1;
  while (fields.length < FIELD_NAMES.length) fields.push({ text: '', column: end });
  return fields;
}

class LineReader {
  constructor(
    private readonly lineNumber: number,
    private readonly fields: Field[],
  ) {}

  private field(name: FieldName): Field {
    return this.fields[FIELD_NAMES.indexOf(name)];
  }

  get name(): string {
    return this.text('name');
  }

  text(field: FieldName): string {
    return this.field(field).text;
  }

  column(field: FieldName): number {
    return this.field(field).column;
  }

  private where(field: FieldName) {
    return { line: this.lineNumber, column: this.column(field), partition: this.name };
  }

  /** One of the tool's own line errors: its "Error at line N:" wording and its hint line. */
  fail(reason: string, field: FieldName): never {
    throw new Esp32Error(`Error at line ${this.lineNumber}: ${reason}`, this.where(field), { hint: [SUBTYPES_HINT] });
  }

  /** A line the tool cannot take either but stops on with a Python exception: our words, one line. */
  private refuse(reason: string, field: FieldName): never {
    throw new Esp32Error(`Error at line ${this.lineNumber}: ${reason}`, this.where(field));
  }

  /**
   * A number or keyword, which must fit a JavaScript number. Any integer is taken, as by the tool:
   * a type or subtype above 255 or a negative size is refused only when the binary is written,
   * after the checks that the tool makes first.
   */
  number(field: FieldName, keywords?: Keywords): number {
    const text = this.text(field);
    const result: FieldResult = parseIntField(text, keywords);
    if (!result.ok) {
      if (result.crash) this.refuse(result.reason, field);
      this.fail(result.reason, field);
    }
    if (result.value > BigInt(Number.MAX_SAFE_INTEGER) || result.value < -BigInt(Number.MAX_SAFE_INTEGER)) {
      this.refuse(`Value ${text} is too large for the ${field} field`, field);
    }
    return Number(result.value);
  }
}

/** A row before offsets are filled in; `offsetColumn` locates its offset field for later errors. */
type ParsedEntry = Omit<Esp32Entry, 'offset'> & { offset?: number; line: number; offsetColumn: number };

function parseLine(reader: LineReader, line: number, settings: Esp32Settings, catalog: Catalog): ParsedEntry {
  if (reader.text('type') === '') reader.fail("Field 'type' can't be left empty.", 'type');
  const type = reader.number('type', catalog.types);

  let subtype: number;
  if (reader.text('subtype') === '') {
    if (type === APP_TYPE) reader.fail('App partition cannot have an empty subtype', 'subtype');
    subtype = SUBTYPE_UNDEFINED;
  } else {
    subtype = reader.number('subtype', subtypeKeywords(catalog, type));
  }

  // Primary bootloader, recovery bootloader and primary table sit where the options say.
  let offset: number | undefined;
  if (isPrimaryBootloader(type, subtype)) offset = requirePrimaryBootloader(reader, settings, 'offset');
  else if (type === BOOTLOADER_TYPE && subtype === SUBTYPE_BOOTLOADER_RECOVERY) {
    if (settings.recoveryBootloaderOffset === undefined) {
      reader.fail('Recovery bootloader offset is not defined. Please use --recovery-bootloader-offset', 'offset');
    }
    offset = settings.recoveryBootloaderOffset;
  } else if (isPrimaryPartitionTable(type, subtype)) offset = settings.tableOffset;
  else if (reader.text('offset') !== '') offset = reader.number('offset');

  // Every bootloader fills the space below the table; every table entry is one sector.
  let size: number;
  if (type === BOOTLOADER_TYPE) size = settings.tableOffset - requirePrimaryBootloader(reader, settings, 'size');
  else if (type === PARTITION_TABLE_TYPE) size = TABLE_SECTOR;
  else if (reader.text('size') === '') reader.fail("Size field can't be empty", 'size');
  else size = reader.number('size');

  let encrypted = false;
  let readonly = false;
  for (const flag of reader.text('flags').split(':')) {
    if (flag === 'encrypted') encrypted = true;
    else if (flag === 'readonly') readonly = true;
    else if (flag !== '') reader.fail(`CSV flag column contains unknown flag '${flag}'`, 'flags');
  }
  return { name: reader.name, type, subtype, offset, size, encrypted, readonly, line, offsetColumn: reader.column('offset') };
}

function requirePrimaryBootloader(reader: LineReader, settings: Esp32Settings, field: FieldName): number {
  if (settings.primaryBootloaderOffset === undefined) {
    reader.fail('Primary bootloader offset is not defined. Please use --primary-bootloader-offset', field);
  }
  return settings.primaryBootloaderOffset;
}

/** The tool's `last_end += pad_to - (last_end % pad_to)`, with Python's modulo (never negative). */
function padTo(value: number, alignment: number): number {
  const remainder = ((value % alignment) + alignment) % alignment;
  return remainder === 0 ? value : value + (alignment - remainder);
}

/** Python's `==` between two rows, which the tool uses to ask whether a row is the first one. */
function sameRow(a: Omit<ParsedEntry, 'offsetColumn'>, b: Esp32Entry): boolean {
  return a.name === b.name && a.type === b.type && a.subtype === b.subtype && a.offset === b.offset && a.size === b.size;
}

/**
 * Fill blank offsets in file order (spec §4): a cursor starts after the table sector, a blank
 * offset is the cursor rounded up to the type's alignment, an explicit one must not be below the
 * cursor (so explicit offsets ascend through the file), a negative size means "ends at".
 * Like the tool, a size that ends before its offset comes out negative here; writing the binary
 * refuses it (where the tool stops with a Python exception), after the checks the tool makes first.
 */
function resolveOffsets(parsed: ParsedEntry[], tableOffset: number): Esp32Entry[] {
  let lastEnd = tableOffset + TABLE_SECTOR;
  const resolved: Esp32Entry[] = [];
  for (const { offsetColumn, ...entry } of parsed) {
    if (isFixedBelowTable(entry.type, entry.subtype)) {
      resolved.push({ ...entry, offset: entry.offset ?? 0 });
      continue;
    }
    if (entry.offset !== undefined && entry.offset < lastEnd) {
      const start = `CSV Error at line ${entry.line}: Partitions overlap. Partition sets offset 0x${pyHex(entry.offset)}.`;
      // The tool asks `e == res[0]`, which compares fields, so a copy of the first row counts as it.
      const first = resolved.length === 0 || sameRow(entry, resolved[0]);
      throw new Esp32Error(
        first
          ? `${start} But partition table occupies the whole sector 0x${pyHex(tableOffset)}. Use a free offset 0x${pyHex(lastEnd)} or higher.`
          : `${start} Previous partition ends 0x${pyHex(lastEnd)}`,
        { line: entry.line, partition: entry.name, column: offsetColumn },
      );
    }
    const autoOffset = entry.offset === undefined;
    const offset = entry.offset ?? padTo(lastEnd, offsetAlignment(entry.type));
    const size = entry.size < 0 ? -entry.size - offset : entry.size;
    lastEnd = offset + size;
    resolved.push({ ...entry, offset, size, ...(autoOffset ? { autoOffset } : {}) });
  }
  return resolved;
}

/** Python's splitlines() boundaries, found one at a time (a million-line input is never split whole). */
function* linesOf(text: string): Generator<{ raw: string; line: number }> {
  const breaks = new RegExp(LINE_BREAK.source, 'g');
  let start = 0;
  let line = 1;
  for (let match = breaks.exec(text); match; match = breaks.exec(text), line++) {
    yield { raw: text.slice(start, match.index), line };
    start = match.index + match[0].length;
  }
  if (start < text.length) yield { raw: text.slice(start), line };
}

function isContent(raw: string): boolean {
  const trimmed = pyStrip(raw);
  return trimmed !== '' && !trimmed.startsWith('#');
}

/** The first line that is neither blank nor a comment, however many comment lines come first. */
export function firstContentLine(text: string): string | undefined {
  for (const { raw } of linesOf(text)) if (isContent(raw)) return pyStrip(raw);
  return undefined;
}

/** Parse a partition CSV (text or the bytes of a file) with the tool's options. */
export function parseCsv(input: string | Uint8Array, overrides: Partial<Esp32Settings> = {}, options: CsvReadOptions = {}): Esp32Table {
  const settings = esp32Settings(overrides);
  const catalog = catalogFor(settings);
  // A byte-order mark is not text, whether the caller decoded the file or not.
  // (The tool keeps a second mark, after the one its decoder takes.)
  const text = typeof input !== 'string' ? decodeCsv(input, options) : options.reference ? input : input.replace(/^\ufeff/, '');
  const limit = options.reference ? REFERENCE_ROW_LIMIT : maxEntries(settings.md5);
  const parsed: ParsedEntry[] = [];
  const lines = linesOf(text);
  for (const { raw, line } of lines) {
    // The tool expands environment variables and rejects a line that still starts with one;
    // we have no environment, so `$NAME` at the start of a line is always that error.
    const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(raw);
    if (variable) throw new Esp32Error(`unknown variable '${variable[1]}'`, { line, column: 1 });
    if (!isContent(raw)) continue;
    if (parsed.length === limit) {
      // Stop reading here (no binary holds these rows), and only count the rows after this one
      // for the tool's own message (which states the length of the whole table).
      let count = parsed.length + 1;
      for (const rest of lines) if (isContent(rest.raw)) count++;
      throw tableTooLong(count, settings.md5, { line, column: 1 });
    }
    parsed.push(parseLine(new LineReader(line, splitFields(raw)), line, settings, catalog));
  }
  return { entries: resolveOffsets(parsed, settings.tableOffset) };
}

const CSV_HEADER = '# ESP-IDF Partition Table\n# Name, Type, SubType, Offset, Size, Flags\n';

export interface CsvWriteOptions {
  /** Write every name as it is, as the tool does, even one that reads back as other rows or columns. */
  reference?: boolean;
}

/** The tool's normalised CSV: fixed header, no spaces, keywords where known, hex offsets, M/K/hex sizes. */
export function tableToCsv(table: Esp32Table, overrides: Partial<Pick<Esp32Settings, 'extraSubtypes'>> = {}, options: CsvWriteOptions = {}): string {
  const catalog = catalogFor(esp32Settings(overrides));
  if (!options.reference) for (const entry of table.entries) checkCsvName(entry);
  return CSV_HEADER + table.entries.map((entry) => formatRow(entry, catalog) + '\n').join('');
}

/**
 * The CSV has no quoting: a name with a comma or a line break would read back as more columns or
 * rows, a name starting with `#` as a comment, and blank space at either end is trimmed away. Such
 * a name (possible in a binary table) is refused rather than written as a different table.
 */
function checkCsvName(entry: Esp32Entry): void {
  const { name } = entry;
  const why = name.includes(',')
    ? 'a comma, which would start a new column'
    : LINE_BREAK.test(name)
      ? 'a line break, which would start a new row'
      : name.startsWith('#')
        ? 'a leading "#", which would make the row a comment'
        : name.startsWith('$')
          ? 'a leading "$", which the CSV reads as a variable'
          : pyStrip(name) !== name
            ? 'blank space at its start or end, which the CSV trims away'
            : undefined;
  if (why === undefined) return;
  const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
  throw new Esp32Error(`Partition name ${shown} cannot be written to a CSV: it contains ${why}`, { partition: name.slice(0, 40), offset: entry.byteOffset });
}

/** One row of the normalised CSV (also how the tool quotes rows in its error context). */
export function formatRow(entry: Esp32Entry, catalog: Catalog): string {
  return [
    entry.name,
    formatType(entry.type),
    formatSubtype(catalog, entry.type, entry.subtype),
    formatOffset(entry.offset),
    formatSize(entry.size),
    flagNames(entry).join(':'),
  ].join(',');
}
