/**
 * The format registry: every file format Flashmap reads or writes, with the same small interface.
 * Adding a format is one module exporting a `Format` and one line in FORMATS. Parsers throw
 * FormatError (or a subclass) carrying the line/column or byte offset of the problem.
 */
import type { FamilyId, LayoutDocument } from '../model/document';
import { esp32BinaryFormat, esp32CsvFormat } from './esp32';
import { arduinoFormat, esptoolScriptFormat, platformioFormat } from './esp32-snippets';

export { FormatError } from '../codecs/errors';

export type FormatKind = 'table' | 'binary' | 'script' | 'snippet';

export interface ImportResult {
  document: LayoutDocument;
  /** Things the reader accepted but a user should know (e.g. unknown flag bits dropped). */
  warnings: string[];
}

export type ExportResult = ({ text: string } | { bytes: Uint8Array }) & { warnings?: string[] };

export interface Format {
  id: string;
  title: string;
  /** File name extension, without the dot. */
  extension: string;
  kind: FormatKind;
  families: FamilyId[];
  /** Whether the bytes look like this format; checked in FORMATS order, so specific checks come first. */
  detect?(bytes: Uint8Array): boolean;
  /** A layout from the file, taking device settings from `document` where the file has none. */
  import?(bytes: Uint8Array, document: LayoutDocument): ImportResult;
  export?(document: LayoutDocument): ExportResult;
}

export const FORMATS: Format[] = [esp32BinaryFormat, esp32CsvFormat, esptoolScriptFormat, platformioFormat, arduinoFormat];

export function findFormat(id: string): Format | undefined {
  return FORMATS.find((format) => format.id === id);
}

export function formatsFor(family: FamilyId): Format[] {
  return FORMATS.filter((format) => format.families.includes(family));
}

/** The first format (of `family`, when given) whose detection accepts the bytes. */
export function detectFormat(bytes: Uint8Array, family?: FamilyId): Format | undefined {
  return FORMATS.find((format) => (family === undefined || format.families.includes(family)) && format.detect?.(bytes));
}
