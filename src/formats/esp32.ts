/**
 * The ESP-IDF partition table as two registry formats: the CSV a project keeps, and the binary
 * flashed at the table offset. Import reads with the document's options (as the tool reads with
 * its command line); export refuses what gen_esp32part.py would refuse.
 */
import type { LayoutDocument } from '../model/document';
import { decodeText } from '../codecs/text';
import type { Format } from './registry';
import { binaryToTable, isBinaryTable, tableToBinary } from '../codecs/esp32/binary';
import { parseCsv, tableToCsv } from '../codecs/esp32/csv';
import { pyStrip } from '../codecs/esp32/numbers';
import { documentSettings } from '../families/esp32/settings';
import { tableToDocument, documentToTable } from '../families/esp32/bridge';
import { esp32Settings, type Esp32Settings, type Esp32Table } from '../codecs/esp32/table';
import { TYPE_NAMES } from '../codecs/esp32/types';
import { checkFlashSize, verifyTable } from '../codecs/esp32/verify';
import { esp32Options } from '../model/esp32';

/** The settings to read with: the target document's when it is an ESP32 layout, else the defaults. */
function readSettings(document: LayoutDocument): Esp32Settings {
  if (document.device.family !== 'esp32') return esp32Settings();
  const { flashSize: _flashSize, ...settings } = documentSettings(document);
  return settings;
}

function intoDocument(table: Esp32Table, document: LayoutDocument, settings: Esp32Settings): LayoutDocument {
  const esp32 = document.device.family === 'esp32';
  return tableToDocument(table, {
    ...settings,
    name: document.name,
    chip: esp32Options(document).chip,
    ...(esp32 ? { flashSize: document.device.size } : {}),
  });
}

/** The table of a document, checked as the tool checks before writing; its warnings are returned. */
function checkedTable(document: LayoutDocument): { table: Esp32Table; settings: Esp32Settings; warnings: string[] } {
  const table = documentToTable(document);
  const settings = documentSettings(document);
  const warnings: string[] = [];
  verifyTable(table, settings, (warning) => warnings.push(warning));
  if (settings.flashSize !== undefined) checkFlashSize(table, settings.flashSize);
  return { table, settings, warnings };
}

/** A first content line that reads as `name, type, …` with a type keyword or a number. */
function looksLikeCsv(bytes: Uint8Array): boolean {
  if (isBinaryTable(bytes)) return false;
  const decoded = decodeText(bytes.subarray(0, 64 * 1024));
  const text = decoded.ok ? decoded.text : '';
  const line = text.split(/\r\n|[\n\r]/).map(pyStrip).find((l) => l !== '' && !l.startsWith('#'));
  const type = line?.split(',')[1]?.trim().toLowerCase();
  return type !== undefined && (TYPE_NAMES.some(([name]) => name === type) || /^(0x[0-9a-f]+|[0-9]+)$/.test(type));
}

export const esp32CsvFormat: Format = {
  id: 'esp32-csv',
  title: 'ESP-IDF partition table (CSV)',
  extension: 'csv',
  kind: 'table',
  families: ['esp32'],
  detect: looksLikeCsv,
  import(bytes, document) {
    const settings = readSettings(document);
    return { document: intoDocument(parseCsv(bytes, settings), document, settings), warnings: [] };
  },
  export(document) {
    const { table, settings, warnings } = checkedTable(document);
    const text = tableToCsv(table, settings);
    // The tool wants explicit offsets in ascending row order: reading our own CSV back applies
    // exactly that check (and every other parse rule) before anyone else sees the file.
    parseCsv(text, settings);
    return { text, warnings };
  },
};

export const esp32BinaryFormat: Format = {
  id: 'esp32-bin',
  title: 'ESP-IDF partition table (binary)',
  extension: 'bin',
  kind: 'binary',
  families: ['esp32'],
  detect: isBinaryTable,
  import(bytes, document) {
    const settings = readSettings(document);
    const { table, warnings } = binaryToTable(bytes, settings.md5);
    return { document: intoDocument(table, document, settings), warnings };
  },
  export(document) {
    const { table, settings, warnings } = checkedTable(document);
    return { bytes: tableToBinary(table, settings.md5), warnings };
  },
};
