/**
 * The message protocol between the page and the engine worker: numbered requests, progress
 * events, cancellation, and transferable buffers for bytes in either direction.
 */
import type { LayoutDocument } from '../model/document';
import type { Problem } from '../model/problem';
import type { ExportOutcome, ImportOutcome } from '../formats/files';
import type { CompareOutcome } from '../compare/compare';
import type { BlobLike } from '../codecs/read-at';
import type { Inspection } from '../inspect';
import type { PreviewOutcome } from '../formats/preview';

/** Every operation the worker offers: its input and its result. */
export interface EngineOperations {
  validate: { input: { document: LayoutDocument }; output: { problems: Problem[] } };
  /** The layout document as the bytes of a `*.flashmap.json` file. */
  serialize: { input: { document: LayoutDocument }; output: { fileName: string; mimeType: string; bytes: Uint8Array } };
  /** One export of the format registry (table, binary, script, snippet). */
  export: { input: { document: LayoutDocument; formatId: string }; output: ExportOutcome };
  /** What the export panel shows of one export: its text, or a hex view of its first bytes. */
  preview: { input: { document: LayoutDocument; formatId: string }; output: PreviewOutcome };
  /** "Download all": every export of the family in one zip, with a README and a SHA256SUMS manifest. */
  bundle: { input: { document: LayoutDocument }; output: { fileName: string; bytes: Uint8Array; skipped: Array<{ title: string; reason: string }> } };
  /** A file the user dropped or opened, read into a layout. */
  /** What an image holds (a File or Blob is read slice by slice, never whole). */
  inspect: { input: { file: Uint8Array | BlobLike }; output: Inspection };
  /** "Edit as layout": the inspected image as a layout document, through its family's importer. */
  inspectLayout: { input: { file: Uint8Array | BlobLike; inspection: Inspection; document: LayoutDocument; fileName?: string }; output: ImportOutcome };
  import: { input: { bytes: Uint8Array; document: LayoutDocument; formatId?: string; fileName?: string; defines?: Record<string, string>; deviceSize?: number; answers?: Record<string, string> }; output: ImportOutcome };
  /** An update from `old` to `new`: matches, verdicts, the device verdict and the migration steps. */
  compare: { input: { old: LayoutDocument; new: LayoutDocument }; output: CompareOutcome };
}

export type OperationName = keyof EngineOperations;

export type RequestMessage =
  | { kind: 'request'; id: number; operation: OperationName; input: unknown }
  | { kind: 'cancel'; id: number };

export type ResponseMessage =
  | { kind: 'progress'; id: number; done: number; total: number; stage?: string }
  | { kind: 'result'; id: number; output: unknown }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'cancelled'; id: number };

/** The part of a Worker or MessagePort both ends need; lets tests use a MessageChannel. */
export interface MessageEndpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** ArrayBuffers inside a value, so they move instead of being copied. */
export function transferablesOf(value: unknown, found: Set<ArrayBuffer> = new Set()): ArrayBuffer[] {
  if (value instanceof ArrayBuffer) found.add(value);
  else if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  else if (Array.isArray(value)) value.forEach((item) => transferablesOf(item, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => transferablesOf(item, found));
  return [...found];
}

type Transferable = ArrayBuffer;
