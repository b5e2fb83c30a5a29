/**
 * What every file format Flashmap reads or writes offers the registry. Entries import this type,
 * never the registry that lists them.
 */
import type { FamilyId, LayoutDocument } from '../model/document';

/** What the export panel groups by: tables, binaries, scripts, build-system snippets, pictures of the layout (images are built, not converted: src/image). */
export type FormatKind = 'table' | 'binary' | 'script' | 'snippet' | 'picture';

/** A value the file leaves open that the reader chose (a partition.config's `ifeq ($(FLASH_SIZE), 16M)`). */
export interface ImportChoice {
  /** The variable, e.g. FLASH_SIZE. */
  name: string;
  /** The values the file compares it with; "" stands for "none of these" (left unset). */
  values: string[];
  /** The value taken. */
  chosen: string;
}

/** A value the file refers to but does not hold (a bitbake variable in a .wks), asked of the user. */
export interface ImportQuestion {
  /** The name the answer is given for (`IMX_BOOT_SEEK`). */
  name: string;
  /** What depends on it, in words (`--align of part u-boot, line 3: the layout depends on it`). */
  why: string;
}

export interface ImportResult {
  document: LayoutDocument;
  /** Things the reader accepted but a user should know (e.g. unknown flag bits dropped). */
  warnings: string[];
  /** Choices made for the user, which a re-import with other `defines` can change. */
  choices?: ImportChoice[];
  /** Values the layout depends on that the file leaves open: answer them and import again. */
  questions?: ImportQuestion[];
}

/** What the user can say about an import beyond the file itself. */
export interface FormatImportOptions {
  /** Values for the variables a file leaves open (see ImportChoice). */
  defines?: Readonly<Record<string, string>>;
  /** The flash size, for formats that do not give one (mtdparts, a SPI-NAND partition.config). */
  deviceSize?: number;
  /** Answers to the questions an earlier import of the same file asked. */
  answers?: ImportAnswers;
}

/** Answers to earlier questions, by name. */
export type ImportAnswers = Readonly<Record<string, string>>;

export type ExportResult = ({ text: string } | { bytes: Uint8Array }) & { warnings?: string[] };

export interface Format {
  id: string;
  title: string;
  /** File name extension, without the dot. */
  extension: string;
  /** The file name from the layout's file stem: a name the tools fix (MXP_SF.bin), or one that keeps it apart from another export. */
  fileName?(stem: string): string;
  kind: FormatKind;
  /** The file's media type when it is not plain text or bytes (image/svg+xml). */
  mimeType?: string;
  families: FamilyId[];
  /** Whether the bytes look like this format; checked in FORMATS order, so specific checks come first. */
  detect?(bytes: Uint8Array): boolean;
  /** A layout from the file, taking device settings from `document` where the file has none. */
  import?(bytes: Uint8Array, document: LayoutDocument, options?: FormatImportOptions): ImportResult;
  export?(document: LayoutDocument): ExportResult;
}
