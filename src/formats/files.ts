/**
 * Import and export of whole files through the format registry: what the worker runs for the
 * page and what the CLI could share. A file that fails to parse gives its message and location;
 * the layout the user had is untouched.
 */
import { parseDocument, parseDocumentText, serializeDocument, type LayoutDocument } from '../model/document';
import { normalizeDocument, validate } from '../families';
import type { Problem } from '../model/problem';
import { FormatError, type FormatLocation } from '../codecs/errors';
import { decodeText } from '../codecs/text';
import { detectFormats, findFormat } from './registry';
import { fileStem } from '../model/file-stem';
import type { Format, ImportAnswers, ImportChoice, ImportQuestion } from './format';

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
  | {
      ok: true;
      document: LayoutDocument;
      formatTitle: string;
      formatId?: string;
      warnings: string[];
      choices?: ImportChoice[];
      questions?: ImportQuestion[];
      /** Other formats that read the same bytes (the user may prefer one of them). */
      alternatives?: ImportAlternative[];
    }
  | { ok: false; message: string; location?: FormatLocation };

export type ExportOutcome =
  | { ok: true; file: ExportedFile }
  /** `blockers`: the layout's errors that stand in the way, when those are the reason. */
  | { ok: false; message: string; location?: FormatLocation; blockers?: Problem[] };

export function locationText(location: FormatLocation | undefined): string {
  if (!location) return '';
  if (location.line !== undefined) return `line ${location.line}${location.column !== undefined ? `, column ${location.column}` : ''}`;
  if (location.offset !== undefined) return `byte offset 0x${location.offset.toString(16).toUpperCase()}`;
  return '';
}

/**
 * What a user reads about a failure: the reason without its location (the location is given
 * beside it, so a line is stated once), with control characters and undecodable bytes from the
 * input shown as escapes, never as raw bytes, and cut to a readable length.
 */
export function readableReason(reason: string, location: FormatLocation = {}): string {
  const unlocated = location.line !== undefined ? reason.replace(/^(?:CSV )?Error at line \d+: /, '') : reason;
  // eslint-disable-next-line no-control-regex -- exactly the characters that must not reach the page raw
  const printable = unlocated.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return printable.length > MESSAGE_LIMIT ? `${printable.slice(0, MESSAGE_LIMIT)}…` : printable;
}

const MESSAGE_LIMIT = 400;

function failure(error: unknown): { ok: false; message: string; location?: FormatLocation } {
  if (error instanceof FormatError) {
    const location = { line: error.line, column: error.column, offset: error.offset };
    // The format's own words, then what Flashmap explains beyond them (the location goes beside).
    const explained = error.note === undefined ? error.reason : `${error.reason}: ${error.note}`;
    return { ok: false, message: readableReason(explained, location), location };
  }
  throw error;
}

/** "line 3, column 17: reason" or the reason alone: how the page and the CLI state a failure. */
export function failureText(outcome: { message: string; location?: FormatLocation }): string {
  const where = locationText(outcome.location);
  return where ? `${where}: ${outcome.message}` : outcome.message;
}

/** Every export of a layout with errors is refused (warnings are fine): the errors say why. */
function blockingErrors(document: LayoutDocument): Problem[] {
  let errors = blockers.get(document);
  if (!errors) {
    errors = validate(document).problems.filter((p) => p.severity === 'error');
    blockers.set(document, errors);
  }
  return errors;
}

const blockers = new WeakMap<LayoutDocument, Problem[]>();

/** Why nothing is exported or built from the layout (its errors, the first three named), or undefined when it may be. */
export function exportRefusal(document: LayoutDocument): { message: string; blockers: Problem[] } | undefined {
  const errors = blockingErrors(document);
  if (errors.length === 0) return undefined;
  const listed = errors.slice(0, 3).map((p) => p.message).join('; ');
  const more = errors.length > 3 ? `; and ${errors.length - 3} more` : '';
  return { message: `the layout has ${errors.length} error${errors.length === 1 ? '' : 's'} to fix first: ${listed}${more}`, blockers: errors };
}

export function exportFile(document: LayoutDocument, formatId: string): ExportOutcome {
  const format = findFormat(formatId);
  if (!format?.export) return { ok: false, message: `no export for format "${formatId}"` };
  const refused = exportRefusal(document);
  if (refused) return { ok: false, ...refused };
  try {
    const result = format.export(document);
    const text = 'text' in result ? result.text : undefined;
    const bytes = 'bytes' in result ? result.bytes : new TextEncoder().encode(result.text);
    const mimeType = format.mimeType ?? (text !== undefined ? 'text/plain' : 'application/octet-stream');
    return { ok: true, file: { fileName: format.fileName?.(fileStem(document)) ?? `${fileStem(document)}.${format.extension}`, mimeType, bytes, text, warnings: result.warnings ?? [] } };
  } catch (error) {
    return failure(error);
  }
}

/** The first character that is not blank space, or undefined for a blank file. */
function firstVisible(bytes: Uint8Array): number | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return i < bytes.length ? bytes[i] : undefined;
}

/** A layout document: JSON text (any key order), checked against the document schema. */
function importDocument(bytes: Uint8Array): ImportOutcome {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, message: `the layout is not valid ${decoded.encoding.toUpperCase()} text`, location: { offset: decoded.offset } };
  const result = parseDocumentText(decoded.text);
  if (!result.ok) return { ok: false, message: readableReason(result.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`).join('; ')) };
  return { ok: true, document: normalizeDocument(result.document), formatTitle: 'Flashmap layout', warnings: [] };
}

export interface ImportOptions {
  /** Read as this registry format instead of recognising the content. */
  formatId?: string;
  /** The file's name: an imported table names the layout after it. */
  fileName?: string;
  /** Values for the variables the file leaves open (FLASH_SIZE of a partition.config). */
  defines?: Readonly<Record<string, string>>;
  /** The flash size, for formats that do not give one. */
  deviceSize?: number;
  /** Answers to the questions an earlier import of the same file asked. */
  answers?: ImportAnswers;
}

/** Another reading of the same bytes, offered to the user beside the one taken. */
export interface ImportAlternative {
  formatId: string;
  formatTitle: string;
}

type ImportSuccess = Extract<ImportOutcome, { ok: true }>;

/** The bytes read as one format, checked against the document schema. */
function importAs(format: Format, bytes: Uint8Array, current: LayoutDocument, options: ImportOptions): ImportOutcome {
  if (!format.import) return { ok: false, message: `Flashmap does not read ${format.title}` };
  try {
    const { document, warnings, choices, questions } = format.import(bytes, current, { defines: options.defines, deviceSize: options.deviceSize, answers: options.answers });
    const named = options.fileName ? { ...document, name: stemOf(options.fileName) } : document;
    // The store takes only documents the schema accepts: a reader that made another is refused here, not later.
    const checked = parseDocument(named);
    if (!checked.ok) return { ok: false, message: readableReason(`the file gives a layout Flashmap cannot hold: ${checked.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ')}`) };
    return {
      ok: true,
      document: named,
      formatTitle: format.title,
      formatId: format.id,
      warnings: warnings.map((w) => readableReason(w)),
      ...(choices && choices.length > 0 ? { choices } : {}),
      ...(questions && questions.length > 0 ? { questions } : {}),
    };
  } catch (error) {
    return failure(error);
  }
}

/**
 * Reads a dropped or opened file, recognised by its content: a layout document (JSON), or any
 * format the registry detects (those of the current family first). The first format that reads
 * the bytes is taken; the others that read them too come back as `alternatives`, for the user to
 * pick from; when none reads them, the first one's error says why. Device settings missing from
 * the file come from `current`. The layout the user had is never changed here.
 */
export function importFile(bytes: Uint8Array, current: LayoutDocument, options: ImportOptions = {}): ImportOutcome {
  const first = firstVisible(bytes);
  if (first === undefined) return { ok: false, message: bytes.length === 0 ? 'the file is empty' : 'the file holds only blank space' };
  if (options.formatId !== undefined) {
    const format = findFormat(options.formatId);
    return format ? importAs(format, bytes, current, options) : { ok: false, message: `no format "${options.formatId}"` };
  }
  if (first === 0x7b /* { */) return importDocument(bytes);
  const candidates = detectFormats(bytes, current.device.family).filter((format) => format.import);
  if (candidates.length === 0) return { ok: false, message: 'Flashmap does not recognise this file: it is not a layout document or a table format it reads' };
  const outcomes = candidates.map((format) => importAs(format, bytes, current, options));
  const read = outcomes.filter((outcome): outcome is ImportSuccess => outcome.ok);
  if (read.length === 0) return outcomes[0];
  const [taken, ...others] = read;
  return others.length > 0 ? { ...taken, alternatives: others.map((o) => ({ formatId: o.formatId!, formatTitle: o.formatTitle })) } : taken;
}

/** "partitions.csv" → "partitions"; "boot.img.bin" → "boot.img". */
function stemOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).slice(0, 200) || 'imported layout';
}

/** The layout document itself, as a file. */
export function documentFile(document: LayoutDocument): ExportedFile {
  const text = serializeDocument(document);
  return { fileName: `${fileStem(document)}.flashmap.json`, mimeType: 'application/json', bytes: new TextEncoder().encode(text), text, warnings: [] };
}
