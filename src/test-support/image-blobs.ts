/** Test helpers: blobs in memory, attached to a layout by partition name, read back as one image. */
import type { Chunks } from '../codecs/extents';
import type { LayoutDocument } from '../model/document';
import { attachmentOf, findAttachTarget, setAttachment } from '../image/attach';
import type { BlobSource } from '../image/plan-extents';

export class MemoryBlobs {
  readonly bytes = new Map<string, Uint8Array>();
  /** Streams in pieces of this size, so the writers see files cut across their chunks. */
  constructor(private readonly chunk = 4096) {}

  readonly source: BlobSource = (attachment) => {
    const bytes = this.bytes.get(attachment.sha256);
    if (!bytes) return undefined;
    const chunk = this.chunk;
    return function* (): Generator<Uint8Array> {
      for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
    } as () => Chunks;
  };

  has = (sha256: string) => this.bytes.has(sha256);

  async attach(document: LayoutDocument, name: string, fileName: string, bytes: Uint8Array): Promise<LayoutDocument> {
    const target = findAttachTarget(document, name);
    if (!target) throw new Error(`no partition or region named ${name}`);
    const attachment = await attachmentOf(fileName, bytes);
    this.bytes.set(attachment.sha256, bytes);
    return setAttachment(document, target, attachment);
  }
}

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of stream) {
    parts.push(part.slice());
    size += part.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Deterministic bytes that are not a fill pattern. */
export function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
