/**
 * A plan as the extents the writers stream (src/codecs/extents.ts): its pieces, and, when the fill
 * is not zero, fill extents for the gaps; a zero fill leaves the gaps as holes, which every writer
 * keeps sparse. A range of the plan (the boot image, one partition) is the same extents cut and
 * moved to start at 0. A UBI image is built PEB by PEB from its volumes' files as it streams. Fill is streamed from one shared read-only buffer, so an erased 128 MiB NAND
 * costs one MiB of memory.
 */
import type { Chunks, Extent } from '../codecs/extents';
import { FormatError } from '../codecs/errors';
import { streamUbi } from '../codecs/ubi';
import type { Attachment } from '../model/document';
import type { ImagePlan } from './plan';

/** A fresh stream of an attached file's bytes, or undefined when they are not at hand. */
export type BlobSource = (attachment: Attachment) => (() => Chunks) | undefined;

const FILL_CHUNK = 1024 * 1024;
const fillBuffers = new Map<number, Uint8Array>();

function fillBuffer(value: number): Uint8Array {
  let buffer = fillBuffers.get(value);
  if (!buffer) fillBuffers.set(value, (buffer = new Uint8Array(FILL_CHUNK).fill(value)));
  return buffer;
}

function* fillChunks(value: number, length: number): Generator<Uint8Array> {
  const buffer = fillBuffer(value);
  for (let done = 0; done < length; done += FILL_CHUNK) yield buffer.subarray(0, Math.min(FILL_CHUNK, length - done));
}

/** Bytes [skip, skip + take) of a stream, reading no further than needed. */
async function* sliceChunks(source: Chunks, skip: number, take: number): AsyncGenerator<Uint8Array> {
  let position = 0;
  const end = skip + take;
  for await (const chunk of source) {
    const from = Math.max(skip - position, 0);
    const to = Math.min(end - position, chunk.length);
    if (to > from) yield chunk.subarray(from, to);
    position += chunk.length;
    if (position >= end) return;
  }
}

function opener(blobs: BlobSource, attachment: Attachment): () => Chunks {
  const open = blobs(attachment);
  if (!open) throw new FormatError(`the bytes of ${attachment.fileName} (sha256 ${attachment.sha256}) are missing: attach the file again`);
  return open;
}

/**
 * The extents of the plan over [start, end) (the whole space by default), moved so that `start`
 * is offset 0. Throws naming the first file whose bytes are missing.
 */
export function planExtents(plan: ImagePlan, blobs: BlobSource, start = 0, end = plan.size): Extent[] {
  const extents: Extent[] = [];
  let position = start;
  const gap = (to: number) => {
    if (to > position && plan.fill !== 0) {
      const length = to - position;
      extents.push({ offset: position - start, length, data: () => fillChunks(plan.fill, length) });
    }
  };
  for (const piece of plan.pieces) {
    const from = Math.max(piece.offset, start);
    const to = Math.min(piece.offset + piece.length, end);
    if (to <= from) continue;
    gap(from);
    const skip = from - piece.offset;
    const length = to - from;
    const { source } = piece;
    if (source.kind === 'bytes') {
      extents.push({ offset: from - start, length, data: () => [source.bytes.subarray(skip, skip + length)] });
    } else if (source.kind === 'ubi') {
      const opens = source.files.map((file) => (file ? opener(blobs, file) : undefined));
      const image = () => streamUbi(source.layout, (index) => opens[index]?.() ?? []);
      extents.push({ offset: from - start, length, data: () => (skip === 0 && length === piece.length ? image() : sliceChunks(image(), skip, length)) });
    } else {
      const open = opener(blobs, source.attachment);
      extents.push({ offset: from - start, length, data: () => (skip === 0 && length === source.attachment.size ? open() : sliceChunks(open(), skip, length)) });
    }
    position = to;
  }
  gap(end);
  return extents;
}

/** One past the last byte any piece writes in [start, end): where an image trimmed to its data ends. */
export function dataEnd(plan: ImagePlan, start = 0, end = plan.size): number {
  let last = start;
  for (const piece of plan.pieces) if (piece.offset < end && piece.offset + piece.length > start) last = Math.max(last, Math.min(piece.offset + piece.length, end));
  return last;
}
