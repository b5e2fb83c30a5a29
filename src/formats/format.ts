/**
 * What every file format Flashmap reads or writes offers the registry. Entries import this type,
 * never the registry that lists them.
 */
import type { FamilyId, LayoutDocument } from '../model/document';

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
  /** The file name from the layout's file stem, when `<stem>.<extension>` would clash with another export. */
  fileName?(stem: string): string;
  kind: FormatKind;
  families: FamilyId[];
  /** Whether the bytes look like this format; checked in FORMATS order, so specific checks come first. */
  detect?(bytes: Uint8Array): boolean;
  /** A layout from the file, taking device settings from `document` where the file has none. */
  import?(bytes: Uint8Array, document: LayoutDocument): ImportResult;
  export?(document: LayoutDocument): ExportResult;
}
