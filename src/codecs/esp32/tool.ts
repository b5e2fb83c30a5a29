/**
 * gen_esp32part.py's whole run as functions, in its order: read the option values, read the input
 * (binary if it starts with an entry's magic, else CSV), verify unless told not to, check the
 * flash size, convert. Everything here behaves as the reference tool does, including its order of
 * checks, so its first error is ours; where the tool would stop with a Python exception, an
 * Esp32Error says what is wrong instead. The CLI command is this plus files and argument parsing;
 * tests run the conformance corpus through it.
 */
import { binaryToTable, startsWithEntryMagic, tableToBinary } from './binary';
import { decodeCsv, parseCsv, tableToCsv } from './csv';
import { Esp32Error } from './errors';
import { parsePyInt, pyHashHex } from './numbers';
import { esp32Settings, type Esp32Settings, type Esp32Table } from './table';
import { buildCatalog, describeConflict, TYPE_NAMES, type ExtraSubtype } from './types';
import { checkFlashSize, verifyTable } from './verify';

/** The option values as the tool's command line gives them: text, before the tool reads them. */
export interface ToolArguments {
  /** --offset (the tool's default is the text "0x8000"). */
  offset?: string;
  primaryBootloaderOffset?: string;
  recoveryBootloaderOffset?: string;
  /** --extra-partition-subtypes: words of the form TYPE,NAME,HEX. */
  extraPartitionSubtypes?: string[];
  disableMd5sum?: boolean;
  secure?: 'v1' | 'v2';
  /** --flash-size: one of FLASH_SIZES_MB followed by "MB". */
  flashSize?: string;
}

/** `int(text, 0)` of an option; the tool stops with a ValueError where this says why instead. */
function optionNumber(name: string, text: string): number {
  const value = parsePyInt(text);
  if (value === undefined) throw new Esp32Error(`argument --${name}: invalid number '${text}'`);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Esp32Error(`argument --${name}: ${text} is too large`);
  }
  return Number(value);
}

/**
 * add_extra_subtypes, step for step: the fields of each word are trimmed; a value that one of the
 * types already has ends the run, with the tool's own error when the type name is not a type and
 * with a Python exception (our words here) when it is this word's type; a type name that is not a
 * type ends it too. Every other word adds or renames a subtype, whatever its value.
 */
function readExtraSubtypes(words: string[]): ExtraSubtype[] {
  const catalog = buildCatalog();
  // The tool's dictionaries as the words change them (a reused name drops its old value).
  const known = new Map(TYPE_NAMES.map(([name, value]) => [name, new Map(catalog.subtypes.get(value)?.keywords.byName)]));
  const extras: ExtraSubtype[] = [];
  for (const word of words) {
    const fields = word.split(',').map((field) => field.trim());
    if (fields.length < 3) throw new Esp32Error(`argument --extra-partition-subtypes: '${word}' is not TYPE,NAME,VALUE`);
    const parsed = parsePyInt(fields[2], 16);
    if (parsed === undefined) throw new Esp32Error(`argument --extra-partition-subtypes: '${fields[2]}' in '${word}' is not a hexadecimal number`);
    if (parsed > BigInt(Number.MAX_SAFE_INTEGER) || parsed < -BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new Esp32Error(`argument --extra-partition-subtypes: ${fields[2]} in '${word}' is too large`);
    }
    const value = Number(parsed);
    const type = TYPE_NAMES.find(([name]) => name === fields[0])?.[0];
    for (const [name, names] of known) {
      if (![...names.values()].includes(value)) continue;
      if (type === undefined) throw new Esp32Error('Error parsing custom subtypes: Invalid partition type');
      if (name === type) throw new Esp32Error(describeConflict({ type, name: fields[1], value }));
    }
    if (type === undefined) {
      throw new Esp32Error(`argument --extra-partition-subtypes: '${fields[0]}' in '${word}' is not one of ${TYPE_NAMES.map(([name]) => name).join(', ')}`);
    }
    known.get(type)?.set(fields[1], value);
    extras.push({ type, name: fields[1], value });
  }
  return extras;
}

/** The settings a command line gives, read in the tool's order and with its errors. */
export function toolSettings(args: ToolArguments): Esp32Settings {
  const tableOffset = optionNumber('offset', args.offset ?? '0x8000');
  const primary = args.primaryBootloaderOffset === undefined ? undefined : optionNumber('primary-bootloader-offset', args.primaryBootloaderOffset);
  if (primary !== undefined && primary >= tableOffset) {
    throw new Esp32Error(
      `Unsupported configuration. Primary bootloader must be below partition table. Check --primary-bootloader-offset=${pyHashHex(primary)} and --offset=${pyHashHex(tableOffset)}`,
    );
  }
  const recovery = args.recoveryBootloaderOffset === undefined ? undefined : optionNumber('recovery-bootloader-offset', args.recoveryBootloaderOffset);
  return esp32Settings({
    tableOffset,
    md5: !args.disableMd5sum,
    secure: args.secure ?? 'none',
    primaryBootloaderOffset: primary,
    recoveryBootloaderOffset: recovery,
    extraSubtypes: readExtraSubtypes(args.extraPartitionSubtypes ?? []),
    flashSize: args.flashSize === undefined ? undefined : Number.parseInt(args.flashSize, 10) * 1024 * 1024,
  });
}

export interface ToolOptions {
  /** False for --no-verify. */
  verify?: boolean;
  /** Warnings, as the tool prints them to stderr, when it prints them. */
  warn?: (line: string) => void;
  /** Progress lines ("Parsing CSV input..."), which --quiet hides. */
  status?: (line: string) => void;
}

export interface ToolResult {
  /** The binary table for a CSV input, the normalised CSV for a binary input. */
  output: Uint8Array | string;
  table: Esp32Table;
  inputWasBinary: boolean;
}

/** Run the tool on the bytes of INPUT; an invalid table throws an Esp32Error (the tool's exit 2). */
export function runTool(input: Uint8Array, settings: Esp32Settings, options: ToolOptions = {}): ToolResult {
  const { verify = true, warn = () => {}, status = () => {} } = options;
  // Only the entry magic makes a binary: the tool reads an empty table (MD5 row first) as text.
  const inputWasBinary = startsWithEntryMagic(input);
  let table: Esp32Table;
  if (inputWasBinary) {
    status('Parsing binary partition input...');
    table = binaryToTable(input, settings.md5, warn).table;
  } else {
    const text = decodeCsv(input, { reference: true });
    status('Parsing CSV input...');
    table = parseCsv(text, settings, { reference: true });
  }
  if (verify) {
    status('Verifying table...');
    verifyTable(table, settings, warn);
  }
  if (settings.flashSize !== undefined) checkFlashSize(table, settings.flashSize);
  const output = inputWasBinary ? tableToCsv(table, settings, { reference: true }) : tableToBinary(table, settings.md5);
  return { output, table, inputWasBinary };
}
