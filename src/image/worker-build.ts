/**
 * Building images where the bytes of attached files are Blobs (the page's IndexedDB records,
 * structured-cloned into the worker without copying their bytes): each file read in 1 MiB slices
 * as the writers ask, the chosen outputs streamed to the page chunk by chunk with progress and a
 * cancel check, a sha256 of each as it passes.
 */
import { FormatError } from '../codecs/errors';
import type { LayoutDocument } from '../model/document';
import { checkAttachments, manifestText, runBuild } from './build';
import { imageFiles, type ImageFileKind } from './outputs';
import { missingAttachments } from './plan';
import type { BlobSource } from './plan-extents';
import type { Attachment } from '../model/document';

/** The part of a Blob the engine uses (it is compiled without the DOM types). */
export interface BlobLike {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

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
  /** Why no image can be made (a file larger than its slot, pieces that overlap), when so. */
  error?: string;
}

export interface BuildInput {
  document: LayoutDocument;
  /** The attached files' bytes, by sha256. */
  blobs: Record<string, BlobLike>;
  /** Names of the files to build, in order (from `imageFiles`); all of them when absent. */
  files?: string[];
  withSpare?: boolean;
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

export function listImageFiles(document: LayoutDocument, blobs: Record<string, BlobLike>): ImageListing {
  const missing = missingAttachments(document, (sha) => sha in blobs);
  try {
    const { files, warnings } = imageFiles(document, blobSource(blobs));
    return { files: files.map(info), missing, warnings };
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

/** Builds the chosen files, streaming them through `context.emit`; a cancel ends it with BuildCancelled. */
export async function buildInWorker(input: BuildInput, context: BuildContext): Promise<BuildOutput> {
  const { document, blobs } = input;
  checkAttachments(document, (sha) => sha in blobs);
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
    { begin: (file) => void (current = file.name), write: (chunk) => context.emit(current, chunk), end: () => undefined },
    { progress, cancelled: () => context.cancelled() },
  );
  return { files: chosen.map((file, i) => ({ ...info(file), sha256: digests[i].sha256 })), manifest: manifestText(digests) };
}

function failUnknown(name: string): never {
  throw new FormatError(`the layout builds no file named ${name}`);
}
