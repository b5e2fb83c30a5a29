/**
 * What the export panel shows of an export: the text itself, or for bytes a hex view with offsets
 * (`hexdump -C` style). Made in the worker, cut to a length a page renders at once; the download
 * is always the whole file.
 */
import type { LayoutDocument } from '../model/document';
import { exportFile, type ExportOutcome } from './files';

/** Bytes shown in a hex view (runs of equal lines take one line, so padding costs nothing). */
export const HEX_PREVIEW_BYTES = 64 * 1024;
/** Characters of text shown. */
export const TEXT_PREVIEW_CHARS = 64 * 1024;

export type PreviewOutcome =
  | { ok: true; fileName: string; size: number; view: 'text' | 'hex'; text: string; truncated: boolean; warnings: string[] }
  | Extract<ExportOutcome, { ok: false }>;

const printable = (byte: number) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.');

function sameRow(bytes: Uint8Array, a: number, b: number): boolean {
  for (let i = 0; i < 16; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

/**
 * The bytes as `hexdump -C` prints them: `00000000  aa 50 01 00 00 90 00 00  00 40 00 00 6e 76 73 00  |.P.......@..nvs.|`
 * per 16 bytes, a run of rows equal to the one before as one `*`, and the length at the end.
 */
export function hexView(bytes: Uint8Array, limit = HEX_PREVIEW_BYTES): string {
  const end = Math.min(bytes.length, limit);
  const lines: string[] = [];
  let starred = false;
  for (let offset = 0; offset < end; offset += 16) {
    const full = offset + 16 <= end;
    if (full && offset >= 16 && sameRow(bytes, offset, offset - 16)) {
      if (!starred) lines.push('*');
      starred = true;
      continue;
    }
    starred = false;
    const row = bytes.subarray(offset, Math.min(offset + 16, end));
    const hex = Array.from({ length: 16 }, (_, i) => (i < row.length ? row[i].toString(16).padStart(2, '0') : '  '));
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.slice(0, 8).join(' ')}  ${hex.slice(8).join(' ')}  |${Array.from(row, printable).join('')}|`);
  }
  lines.push(end.toString(16).padStart(8, '0'));
  return lines.join('\n') + '\n';
}

export function previewExport(document: LayoutDocument, formatId: string): PreviewOutcome {
  const outcome = exportFile(document, formatId);
  if (!outcome.ok) return outcome;
  const { file } = outcome;
  const common = { ok: true as const, fileName: file.fileName, size: file.bytes.length, warnings: file.warnings };
  if (file.text !== undefined) return { ...common, view: 'text', text: file.text.slice(0, TEXT_PREVIEW_CHARS), truncated: file.text.length > TEXT_PREVIEW_CHARS };
  return { ...common, view: 'hex', text: hexView(file.bytes), truncated: file.bytes.length > HEX_PREVIEW_BYTES };
}
