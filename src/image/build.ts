/**
 * Running a build: the chosen files streamed one after the other into a sink, each hashed with
 * SHA-256 as it passes (hash-wasm, incremental), with progress in bytes and a cancel check between
 * chunks; then the manifest of what was written, in the form `sha256sum -c` checks.
 */
import { createSHA256 } from 'hash-wasm';
import { FormatError } from '../codecs/errors';
import type { LayoutDocument } from '../model/document';
import type { ImageFile } from './outputs';
import { missingAttachments } from './plan';

export interface BuildSink {
  /** A file starts; its chunks follow, then `end`. */
  begin(file: ImageFile): void | Promise<void>;
  write(chunk: Uint8Array): void | Promise<void>;
  end(file: ImageFile, sha256: string): void | Promise<void>;
}

export interface BuildControl {
  /** Bytes streamed so far, of the total the known sizes add up to. */
  progress?(done: number, total: number, file: string): void;
  cancelled?(): boolean;
}

export class BuildCancelled extends Error {
  constructor() {
    super('the build was cancelled');
  }
}

/** Refuses a document whose attached files are not all at hand, naming each one. */
export function checkAttachments(document: LayoutDocument, has: (sha256: string) => boolean): void {
  const missing = missingAttachments(document, has);
  if (missing.length === 0) return;
  throw new FormatError(`the bytes of ${missing.length} attached file(s) are missing, so no image is built: ${missing.map((a) => `${a.fileName} (${a.size} bytes, sha256 ${a.sha256.slice(0, 12)}…)`).join(', ')}`);
}

/** Streams every file into the sink; returns each file's sha256 in order. */
export async function runBuild(files: readonly ImageFile[], sink: BuildSink, control: BuildControl = {}): Promise<Array<{ name: string; sha256: string }>> {
  const total = files.reduce((sum, file) => sum + (file.size ?? 0), 0);
  const hasher = await createSHA256();
  const digests: Array<{ name: string; sha256: string }> = [];
  let done = 0;
  for (const file of files) {
    hasher.init();
    await sink.begin(file);
    for await (const chunk of file.stream()) {
      if (control.cancelled?.()) throw new BuildCancelled();
      hasher.update(chunk);
      await sink.write(chunk);
      if (file.size !== undefined) done += chunk.length;
      control.progress?.(done, total, file.name);
    }
    const sha256 = hasher.digest('hex');
    await sink.end(file, sha256);
    digests.push({ name: file.name, sha256 });
  }
  return digests;
}

export function manifestText(digests: ReadonlyArray<{ name: string; sha256: string }>): string {
  return digests.map((d) => `${d.sha256}  ${d.name}\n`).join('');
}
