/**
 * gen_esp32part.py's whole run as one function, in its order: check the options, read the input
 * (binary if it starts like a table, else CSV), verify unless told not to, check the flash size,
 * convert. The CLI command is this plus files; tests run the conformance corpus through it.
 */
import { binaryToTable, isBinaryTable, tableToBinary } from './binary';
import { catalogFor, parseCsv, tableToCsv } from './csv';
import { Esp32Error } from './errors';
import { pyHex } from './numbers';
import type { Esp32Settings, Esp32Table } from './table';
import { checkFlashSize, verifyTable } from './verify';

export interface ToolOptions {
  /** False for --no-verify. */
  verify?: boolean;
  /** Warnings, as the tool prints them to stderr. */
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
  const boot = settings.primaryBootloaderOffset;
  if (boot !== undefined && boot >= settings.tableOffset) {
    throw new Esp32Error(
      `Unsupported configuration. Primary bootloader must be below partition table. Check --primary-bootloader-offset=0x${pyHex(boot)} and --offset=0x${pyHex(settings.tableOffset)}`,
    );
  }
  catalogFor(settings);
  const inputWasBinary = isBinaryTable(input);
  let table: Esp32Table;
  if (inputWasBinary) {
    status('Parsing binary partition input...');
    const read = binaryToTable(input, settings.md5);
    read.warnings.forEach(warn);
    table = read.table;
  } else {
    status('Parsing CSV input...');
    table = parseCsv(input, settings);
  }
  if (verify) {
    status('Verifying table...');
    verifyTable(table, settings, warn);
  }
  if (settings.flashSize !== undefined) checkFlashSize(table, settings.flashSize);
  const output = inputWasBinary ? tableToCsv(table, settings) : tableToBinary(table, settings.md5);
  return { output, table, inputWasBinary };
}
