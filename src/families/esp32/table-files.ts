/**
 * ESP-IDF partition tables as files of an ESP32 layout: reading a CSV or binary table into a
 * document (with the target document's options, as the tool reads with its command line) and
 * writing the document's table, refused where gen_esp32part.py would refuse it.
 */
import { binaryToTable, isBinaryTable, tableToBinary } from '../../codecs/esp32/binary';
import { firstContentLine, parseCsv, tableToCsv } from '../../codecs/esp32/csv';
import { esp32Settings, type Esp32Settings, type Esp32Table } from '../../codecs/esp32/table';
import { TYPE_NAMES } from '../../codecs/esp32/types';
import { checkFlashSize, verifyTable } from '../../codecs/esp32/verify';
import { decodeText } from '../../codecs/text';
import type { LayoutDocument } from '../../model/document';
import { esp32Options } from '../../model/esp32';
import { documentToTable, tableToDocument } from './bridge';
import { documentSettings } from './settings';

export interface TableImport {
  document: LayoutDocument;
  warnings: string[];
}

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
export function looksLikeCsvTable(bytes: Uint8Array): boolean {
  if (isBinaryTable(bytes)) return false;
  const decoded = decodeText(bytes);
  const line = decoded.ok ? firstContentLine(decoded.text) : undefined;
  const type = line?.split(',')[1]?.trim().toLowerCase();
  return type !== undefined && (TYPE_NAMES.some(([name]) => name === type) || /^(0x[0-9a-f]+|[0-9]+)$/.test(type));
}

export function importCsvTable(bytes: Uint8Array, document: LayoutDocument): TableImport {
  const settings = readSettings(document);
  return { document: intoDocument(parseCsv(bytes, settings), document, settings), warnings: [] };
}

export function exportCsvTable(document: LayoutDocument): { text: string; warnings: string[] } {
  const { table, settings, warnings } = checkedTable(document);
  const text = tableToCsv(table, settings);
  // The tool wants explicit offsets in ascending row order: reading our own CSV back applies
  // exactly that check (and every other parse rule) before anyone else sees the file.
  parseCsv(text, settings);
  return { text, warnings };
}

export function importBinaryTable(bytes: Uint8Array, document: LayoutDocument): TableImport {
  const settings = readSettings(document);
  const { table, warnings } = binaryToTable(bytes, settings.md5);
  return { document: intoDocument(table, document, settings), warnings };
}

export function exportBinaryTable(document: LayoutDocument): { bytes: Uint8Array; warnings: string[] } {
  const { table, settings, warnings } = checkedTable(document);
  return { bytes: tableToBinary(table, settings.md5), warnings };
}

export { isBinaryTable };
