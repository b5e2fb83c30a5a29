/**
 * "Download all": one zip with every export of the layout's family, the layout document itself, a
 * README that says what each file is (and which exports were left out, and why), and a SHA256SUMS
 * manifest in the form `sha256sum -c` checks. Entries carry a fixed date, so the same layout gives
 * the same zip.
 */
import { zipSync } from 'fflate';
import { sha256 } from 'hash-wasm';
import type { LayoutDocument } from '../model/document';
import { fileStem } from '../model/file-stem';
import { documentFile, exportFile, failureText, type ExportedFile } from './files';
import { formatsFor } from './registry';

export interface Bundle {
  fileName: string;
  bytes: Uint8Array;
  /** The files inside, with their checksums, in zip order. */
  files: Array<{ name: string; title: string; sha256: string }>;
  /** Exports that could not be made, with the reason. */
  skipped: Array<{ title: string; reason: string }>;
}

/** 1980-01-01, the earliest date a zip entry holds: a fixed date keeps the zip reproducible. */
const ZIP_DATE = new Date(1980, 0, 1, 0, 0, 0);

/** A file made elsewhere (a built image) that goes into the bundle beside the exports. */
export interface BundleExtra {
  name: string;
  title: string;
  bytes: Uint8Array;
}

/** `extra`: more files (the images) after the exports; `extraSkipped`: those left out, and why. */
export async function exportBundle(document: LayoutDocument, extra: readonly BundleExtra[] = [], extraSkipped: Bundle['skipped'] = []): Promise<Bundle> {
  const made: Array<{ file: ExportedFile; title: string }> = [{ file: documentFile(document), title: 'The layout document (open it in Flashmap)' }];
  const skipped: Bundle['skipped'] = [];
  for (const format of formatsFor(document.device.family)) {
    if (!format.export) continue;
    const outcome = exportFile(document, format.id);
    // Two exports must never overwrite each other in the zip, whatever their formats call them.
    const clash = outcome.ok && made.some((m) => m.file.fileName === outcome.file.fileName);
    if (outcome.ok) made.push({ file: clash ? { ...outcome.file, fileName: `${format.id}-${outcome.file.fileName}` } : outcome.file, title: format.title });
    else skipped.push({ title: format.title, reason: failureText(outcome) });
  }
  for (const file of extra) made.push({ file: { fileName: made.some((m) => m.file.fileName === file.name) ? `image-${file.name}` : file.name, mimeType: 'application/octet-stream', bytes: file.bytes, warnings: [] }, title: file.title });
  skipped.push(...extraSkipped);
  const files = [];
  // One at a time: hash-wasm's one-shot hasher is a single WebAssembly instance.
  for (const { file, title } of made) files.push({ name: file.fileName, title, bytes: file.bytes, sha256: await sha256(file.bytes) });
  const readme = readmeText(document, files, skipped);
  const manifest = files.map((f) => `${f.sha256}  ${f.name}\n`).join('');
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  const add = (name: string, bytes: Uint8Array) => (entries[name] = [bytes, { mtime: ZIP_DATE }]);
  add('README.txt', new TextEncoder().encode(readme));
  add('SHA256SUMS', new TextEncoder().encode(manifest));
  for (const file of files) add(file.name, file.bytes);
  return {
    fileName: `${fileStem(document)}.zip`,
    bytes: zipSync(entries, { level: 6 }),
    files: files.map(({ name, title, sha256: hash }) => ({ name, title, sha256: hash })),
    skipped,
  };
}

function readmeText(document: LayoutDocument, files: Array<{ name: string; title: string }>, skipped: Bundle['skipped']): string {
  const width = Math.max(...files.map((f) => f.name.length), 'SHA256SUMS'.length);
  const lines = [
    `${document.name}`,
    '',
    'Files made by Flashmap from this layout:',
    '',
    ...files.map((f) => `  ${f.name.padEnd(width)}  ${f.title}`),
    `  ${'SHA256SUMS'.padEnd(width)}  SHA-256 of every file above (check with: sha256sum -c SHA256SUMS)`,
  ];
  if (skipped.length > 0) lines.push('', 'Not included:', '', ...skipped.map((s) => `  ${s.title}: ${s.reason}`));
  return lines.join('\n') + '\n';
}
