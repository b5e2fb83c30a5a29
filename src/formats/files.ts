/**
 * Import and export of whole files through the format registry: what the worker runs for the
 * page and what the CLI could share. A file that fails to parse gives its message and location;
 * the layout the user had is untouched.
 */
import { parseDocumentText, serializeDocument, type LayoutDocument } from '../model/document';
import { normalizeDocument } from '../families';
import { FormatError, type FormatLocation } from '../codecs/errors';
import { detectFormat, findFormat } from './registry';
import { fileStem } from '../model/file-stem';
import type { Format } from './format';

export { fileStem };

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  /** The same content as text, for text formats (shown as a preview). */
  text?: string;
  warnings: string[];
}

export type ImportOutcome =
  | { ok: true; document: LayoutDocument; formatTitle: string; warnings: string[] }
  | { ok: false; message: string; location?: FormatLocation };

export type ExportOutcome = { ok: true; file: ExportedFile } | { ok: false; message: string; location?: FormatLocation };

export function locationText(location: FormatLocation | undefined): string {
  if (!location) return '';
  if (location.line !== undefined) return `line ${location.line}${location.column !== undefined ? `, column ${location.column}` : ''}`;
  if (location.offset !== undefined) return `byte offset 0x${location.offset.toString(16).toUpperCase()}`;
  return '';
}

function failure(error: unknown): { ok: false; message: string; location?: FormatLocation } {
  if (error instanceof FormatError) {
    const location = { line: error.line, column: error.column, offset: error.offset };
    return { ok: false, message: error.message, location };
  }
  throw error;
}

export function exportFile(document: LayoutDocument, formatId: string): ExportOutcome {
  const format = findFormat(formatId);
  if (!format?.export) return { ok: false, message: `no export for format "${formatId}"` };
  try {
    const result = format.export(document);
    const text = 'text' in result ? result.text : undefined;
    const bytes = 'bytes' in result ? result.bytes : new TextEncoder().encode(result.text);
    const mimeType = text !== undefined ? 'text/plain' : 'application/octet-stream';
    return { ok: true, file: { fileName: `${fileStem(document)}.${format.extension}`, mimeType, bytes, text, warnings: result.warnings ?? [] } };
  } catch (error) {
    return failure(error);
  }
}

function looksLikeLayoutDocument(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 512));
  return /^\s*\{[\s\S]*"format"\s*:\s*"flashmap"/.test(head);
}

/**
 * Reads a dropped or opened file: a layout document, or any format the registry detects
 * (those of the current family first). Device settings missing from the file come from `current`.
 */
export function importFile(bytes: Uint8Array, current: LayoutDocument, formatId?: string): ImportOutcome {
  if (formatId === undefined && looksLikeLayoutDocument(bytes)) {
    const result = parseDocumentText(new TextDecoder().decode(bytes));
    if (!result.ok) return { ok: false, message: result.errors.map((e) => `${e.path}: ${e.message}`).join('; ') };
    return { ok: true, document: normalizeDocument(result.document), formatTitle: 'Flashmap layout', warnings: [] };
  }
  const format: Format | undefined = formatId ? findFormat(formatId) : (detectFormat(bytes, current.device.family) ?? detectFormat(bytes));
  if (!format?.import) return { ok: false, message: 'Flashmap does not recognise this file: it is not a layout document or a table format it reads' };
  try {
    const { document, warnings } = format.import(bytes, current);
    return { ok: true, document, formatTitle: format.title, warnings };
  } catch (error) {
    return failure(error);
  }
}

/** The layout document itself, as a file. */
export function documentFile(document: LayoutDocument): ExportedFile {
  const text = serializeDocument(document);
  return { fileName: `${fileStem(document)}.flashmap.json`, mimeType: 'application/json', bytes: new TextEncoder().encode(text), text, warnings: [] };
}
