/**
 * Building images where the bytes of attached files are Blobs (the page's IndexedDB records,
 * structured-cloned into the worker without copying their bytes): each file read in 1 MiB slices
 * as the writers ask, the chosen outputs streamed to the page chunk by chunk with progress and a
 * cancel check, a sha256 of each as it passes.
 */
import { createSHA256 } from 'hash-wasm';
import { FormatError } from '../codecs/errors';
import type { BlobLike } from '../codecs/read-at';
import type { LayoutDocument } from '../model/document';
import { exportBundle, type BundleExtra } from '../formats/bundle';
import { exportRefusal } from '../formats/files';
import { BuildCancelled, checkAttachments, manifestText, runBuild } from './build';
import { imageFiles, type ImageFileKind } from './outputs';
import { missingAttachments } from './plan';
import type { BlobSource } from './plan-extents';
import type { Attachment } from '../model/document';


export interface ImageFileInfo {
  name: string;
  title: string;
  kind: ImageFileKind;
  size?: number;
}

export interface ImageListing {
  files: ImageFileInfo[];
  /** Attached files whose bytes were not given: nothing can be built until they are. */
  missing: Attachment[];
  warnings: string[];
  /**
   * Why no image can be made: a file larger than its slot or pieces that overlap (then no file is
   * listed), or the layout's errors (the files are listed, and none is built until they are fixed).
   */
  error?: string;
}

export interface BuildInput {
  document: LayoutDocument;
  /** The attached files' bytes, by sha256. */
  blobs: Record<string, BlobLike>;
  /** Names of the files to build, in order (from `imageFiles`); all of them when absent. */
  files?: string[];
  withSpare?: boolean;
  /** Hash only, streaming nothing to the page: for the SHA256SUMS of every file. */
  hashOnly?: boolean;
}

export interface BuildOutput {
  files: Array<ImageFileInfo & { sha256: string }>;
  /** SHA256SUMS of the files built. */
  manifest: string;
}

const SLICE = 1024 * 1024;

function blobSource(blobs: Record<string, BlobLike>): BlobSource {
  return (attachment) => {
    const blob = blobs[attachment.sha256];
    if (!blob || blob.size !== attachment.size) return undefined;
    return async function* () {
      for (let at = 0; at < blob.size; at += SLICE) yield new Uint8Array(await blob.slice(at, Math.min(at + SLICE, blob.size)).arrayBuffer());
    };
  };
}

const info = ({ name, title, kind, size }: ImageFileInfo): ImageFileInfo => ({ name, title, kind, ...(size !== undefined ? { size } : {}) });

export function listImageFiles(document: LayoutDocument, blobs: Readonly<Record<string, unknown>>, withSpare = false): ImageListing {
  const missing = missingAttachments(document, (sha) => sha in blobs);
  try {
    // Listing streams nothing, so files whose bytes are missing still have their outputs named.
    const { files, warnings } = imageFiles(document, () => () => [], { withSpare });
    const refused = exportRefusal(document);
    return { files: files.map(info), missing, warnings, ...(refused ? { error: refused.message } : {}) };
  } catch (error) {
    if (error instanceof FormatError) return { files: [], missing, warnings: [], error: error.message };
    throw error;
  }
}

export interface BuildContext {
  progress(done: number, total: number, stage?: string): void;
  cancelled(): boolean;
  emit(file: string, bytes: Uint8Array): Promise<void>;
}

/** Images are refused as the exports are while the layout has errors (warnings are fine). */
function checkBuildable(document: LayoutDocument, blobs: Record<string, BlobLike>): void {
  const refused = exportRefusal(document);
  if (refused) throw new FormatError(refused.message);
  checkAttachments(document, (sha) => sha in blobs);
}

/** Builds the chosen files, streaming them through `context.emit`; a cancel ends it with BuildCancelled. */
export async function buildInWorker(input: BuildInput, context: BuildContext): Promise<BuildOutput> {
  const { document, blobs } = input;
  checkBuildable(document, blobs);
  const all = imageFiles(document, blobSource(blobs), { withSpare: input.withSpare }).files;
  const chosen = input.files ? input.files.map((name) => all.find((f) => f.name === name) ?? failUnknown(name)) : all;
  let current = '';
  let reported = -1;
  const progress = (done: number, total: number, file: string) => {
    // Every half per cent is enough for a progress bar, and keeps the messages few.
    if (done < total && done - reported < total / 200) return;
    reported = done;
    context.progress(done, total, file);
  };
  const digests = await runBuild(
    chosen,
    { begin: (file) => void (current = file.name), write: (chunk) => (input.hashOnly ? undefined : context.emit(current, chunk)), end: () => undefined },
    { progress, cancelled: () => context.cancelled() },
  );
  return { files: chosen.map((file, i) => ({ ...info(file), sha256: digests[i].sha256 })), manifest: manifestText(digests) };
}

function failUnknown(name: string): never {
  throw new FormatError(`the layout builds no file named ${name}`);
}

/** Files up to this size go into the zip bundle; larger ones (a multi-GiB disk image) are downloaded on their own. */
export const BUNDLE_LIMIT = 256 * 1024 * 1024;

/** The zip of every export, every image file up to BUNDLE_LIMIT in all, the scripts and SHA256SUMS. */
export async function imageBundle(input: BuildInput, context: BuildContext): Promise<{ fileName: string; bytes: Uint8Array; skipped: Array<{ title: string; reason: string }> }> {
  const { document, blobs } = input;
  checkBuildable(document, blobs);
  const all = imageFiles(document, blobSource(blobs), { withSpare: input.withSpare }).files;
  const extra: BundleExtra[] = [];
  const skipped: Array<{ title: string; reason: string }> = [];
  let total = 0;
  for (const file of all) {
    if (context.cancelled()) throw new BuildCancelled();
    if (file.size !== undefined && total + file.size > BUNDLE_LIMIT) {
      skipped.push({ title: file.name, reason: `${file.size} bytes would take the zip past ${BUNDLE_LIMIT} bytes: download it on its own` });
      continue;
    }
    const parts: Uint8Array[] = [];
    await runBuild([file], { begin: () => undefined, write: (chunk) => void parts.push(chunk.slice()), end: () => undefined }, { cancelled: () => context.cancelled() });
    const bytes = concat(parts);
    total += bytes.length;
    extra.push({ name: file.name, title: file.title, bytes });
    context.progress(extra.length, all.length, file.name);
  }
  const { fileName, bytes, skipped: exportSkipped } = await exportBundle(document, extra, skipped);
  return { fileName, bytes, skipped: exportSkipped };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The sha256 of a file the user attaches, read in slices. */
export async function blobSha256(blob: BlobLike, context: Pick<BuildContext, 'progress'>): Promise<string> {
  const hasher = await createSHA256();
  for (let at = 0; at < blob.size; at += SLICE) {
    hasher.update(new Uint8Array(await blob.slice(at, Math.min(at + SLICE, blob.size)).arrayBuffer()));
    context.progress(Math.min(at + SLICE, blob.size), blob.size);
  }
  return hasher.digest('hex');
}
