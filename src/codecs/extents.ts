/**
 * An image described by its data extents, as the image builder hands it over: every byte outside
 * an extent is a hole and reads as zero, so a multi-GiB image costs only what its data costs.
 * `ImageCursor` walks such an image strictly forward, opening each extent's stream once.
 */
import { FormatError } from './errors';
import { formatHex } from '../model/units';

/** Pieces of bytes, of any sizes, in order. */
export type Chunks = Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export interface Extent {
  /** Byte offset of the extent's first byte in the image. */
  offset: number;
  /** Byte count; the stream must supply exactly this many bytes. */
  length: number;
  /** A fresh stream of the extent's bytes on every call. */
  data: () => Chunks;
}

/** Zero pieces are cut at this size so a large hole never becomes one large buffer. */
const ZERO_PIECE = 64 * 1024;

function checkCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new FormatError(`${what} must be a whole number of bytes from 0 to 2^53 - 1, found ${String(value)}`);
}

/**
 * The extents sorted by offset without the empty ones; an extent that is not inside the image or
 * that overlaps another is an error naming both.
 */
export function sortExtents(extents: readonly Extent[], imageSize: number): Extent[] {
  checkCount(imageSize, 'image size');
  for (const extent of extents) {
    checkCount(extent.offset, 'extent offset');
    checkCount(extent.length, `length of the extent at ${formatHex(extent.offset)}`);
    if (extent.offset + extent.length > imageSize) {
      throw new FormatError(`extent at ${formatHex(extent.offset)} of ${extent.length} bytes ends at ${formatHex(extent.offset + extent.length)}, past the end of the ${imageSize}-byte image`);
    }
  }
  const sorted = extents.filter((extent) => extent.length > 0).sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    if (sorted[i].offset < previous.offset + previous.length) {
      throw new FormatError(`extent at ${formatHex(sorted[i].offset)} overlaps the extent at ${formatHex(previous.offset)} (which ends at ${formatHex(previous.offset + previous.length)})`);
    }
  }
  return sorted;
}

function open(source: Chunks): Iterator<Uint8Array> | AsyncIterator<Uint8Array> {
  return Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
}

interface OpenExtent {
  extent: Extent;
  iterator: Iterator<Uint8Array> | AsyncIterator<Uint8Array>;
  /** Bytes already pulled from the stream. */
  pulled: number;
  /** Pulled but not yet handed out. */
  pending: Uint8Array;
}

/** Reads an image described by sorted, non-overlapping extents (see `sortExtents`) from front to back. */
export class ImageCursor {
  /** Image offset of the next byte `take` hands out. */
  position = 0;
  private next = 0;
  private current: OpenExtent | undefined;

  constructor(private readonly extents: readonly Extent[]) {}

  /** The bytes of [position, position + length), zeros in holes; moves the position past them. */
  async *take(length: number): AsyncGenerator<Uint8Array> {
    const end = this.position + length;
    while (this.position < end) {
      const piece = await this.step(end, true);
      if (piece) yield piece;
    }
  }

  /** Moves the position to `target`, reading (and dropping) only the extent bytes in between. */
  async skipTo(target: number): Promise<void> {
    if (target < this.position) throw new FormatError(`cannot go back from ${formatHex(this.position)} to ${formatHex(target)}`);
    // Extents wholly before the target are passed over without opening their streams.
    if (!this.current) {
      while (this.next < this.extents.length && this.extents[this.next].offset + this.extents[this.next].length <= target) this.next++;
    }
    while (this.position < target) await this.step(target, false);
  }

  /** Closes a stream left half read. */
  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (current?.iterator.return) await current.iterator.return();
  }

  /** Advances by one piece towards `end`; the piece is returned only when `wanted`. */
  private async step(end: number, wanted: boolean): Promise<Uint8Array | undefined> {
    const extent = this.current?.extent ?? this.extents[this.next];
    if (!extent || this.position < extent.offset) {
      const size = Math.min(end, extent ? extent.offset : end, this.position + ZERO_PIECE) - this.position;
      this.position += size;
      return wanted ? new Uint8Array(size) : undefined;
    }
    const current = this.current ?? this.openNext();
    if (current.pending.length === 0) await this.pull(current);
    const size = Math.min(current.pending.length, end - this.position);
    const piece = current.pending.subarray(0, size);
    current.pending = current.pending.subarray(size);
    this.position += size;
    if (current.pending.length === 0 && current.pulled === extent.length) await this.finish(current);
    return wanted ? piece : undefined;
  }

  private openNext(): OpenExtent {
    const extent = this.extents[this.next++];
    this.current = { extent, iterator: open(extent.data()), pulled: 0, pending: new Uint8Array(0) };
    return this.current;
  }

  private async pull(current: OpenExtent): Promise<void> {
    const { extent } = current;
    for (;;) {
      const result = await current.iterator.next();
      if (result.done) {
        throw new FormatError(`extent at ${formatHex(extent.offset)} supplied ${current.pulled} bytes, but its length is ${extent.length}`);
      }
      const piece: unknown = result.value;
      if (!(piece instanceof Uint8Array)) throw new FormatError(`extent at ${formatHex(extent.offset)} supplied a piece that is not a Uint8Array`);
      if (current.pulled + piece.length > extent.length) {
        await this.close();
        throw new FormatError(`extent at ${formatHex(extent.offset)} supplied more than its length of ${extent.length} bytes`);
      }
      current.pulled += piece.length;
      if (piece.length > 0) {
        current.pending = piece;
        return;
      }
    }
  }

  /** The stream must end where the extent ends: one more piece would be an error. */
  private async finish(current: OpenExtent): Promise<void> {
    const { extent } = current;
    for (;;) {
      const result = await current.iterator.next();
      if (result.done) break;
      const piece: unknown = result.value;
      if (!(piece instanceof Uint8Array) || piece.length > 0) {
        await this.close();
        throw new FormatError(`extent at ${formatHex(extent.offset)} supplied more than its length of ${extent.length} bytes`);
      }
    }
    this.current = undefined;
  }
}
