/**
 * The inspector's view of the file: random access through a small cache of 64 KiB blocks, so
 * probes that look at neighbouring headers (JFFS2 nodes, UBI PEBs, the scan's windows) read each
 * block once, and a large file is never read whole.
 */
import type { RandomAccessFile } from '../codecs/read-at';

const BLOCK = 0x10000;
const CACHE_BLOCKS = 64;

export class ImageReader {
  private readonly cache = new Map<number, Uint8Array>();
  /** Bytes fetched from the file, for tests that check we read only what we need. */
  bytesRead = 0;

  constructor(private readonly file: RandomAccessFile) {}

  get size(): number {
    return this.file.size;
  }

  private async block(index: number): Promise<Uint8Array> {
    const cached = this.cache.get(index);
    if (cached) {
      this.cache.delete(index);
      this.cache.set(index, cached);
      return cached;
    }
    const start = index * BLOCK;
    const bytes = await this.fetch(start, Math.min(BLOCK, this.size - start));
    this.cache.set(index, bytes);
    if (this.cache.size > CACHE_BLOCKS) this.cache.delete(this.cache.keys().next().value!);
    return bytes;
  }

  private async fetch(offset: number, length: number): Promise<Uint8Array> {
    if (length <= 0) return new Uint8Array(0);
    const bytes = await this.file.read(offset, length);
    this.bytesRead += bytes.length;
    return bytes.length > length ? bytes.subarray(0, length) : bytes;
  }

  /** Bytes [offset, offset + length), shorter where the file ends (empty past it). */
  async bytes(offset: number, length: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset >= this.size || length <= 0) return new Uint8Array(0);
    const end = Math.min(this.size, offset + Math.max(0, Math.floor(length)));
    const first = Math.floor(offset / BLOCK);
    const last = Math.floor((end - 1) / BLOCK);
    if (last - first >= 4) return this.fetch(offset, end - offset);
    if (first === last) return (await this.block(first)).subarray(offset - first * BLOCK, end - first * BLOCK);
    const out = new Uint8Array(end - offset);
    for (let index = first; index <= last; index++) {
      const block = await this.block(index);
      const from = Math.max(offset, index * BLOCK);
      const to = Math.min(end, index * BLOCK + block.length);
      out.set(block.subarray(from - index * BLOCK, to - index * BLOCK), from - offset);
    }
    return out;
  }

  /**
   * A synchronous sector reader for the table codecs (MBR, GPT), which read sectors as they go:
   * run `parse` over the sectors fetched so far, fetch the ones it missed, and run it again until
   * it misses none (a throw over missed sectors is retried too). Bounded: each round adds at least
   * one sector, and at most `maxRounds`.
   */
  async withSectors<T>(sectorSize: number, parse: (read: (lba: number) => Uint8Array | undefined) => T, maxRounds = 300): Promise<T> {
    const sectors = new Map<number, Uint8Array | undefined>();
    for (let round = 0; ; round++) {
      const missed = new Set<number>();
      let result: T;
      try {
        result = parse((lba) => {
          if (sectors.has(lba)) return sectors.get(lba);
          missed.add(lba);
          return undefined;
        });
      } catch (error) {
        // A failure over sectors not fetched yet may be only their absence: fetch them and retry.
        if (missed.size === 0 || round >= maxRounds) throw error;
      }
      if (missed.size === 0 || round >= maxRounds) return result!;
      for (const lba of missed) {
        const offset = lba * sectorSize;
        const bytes = Number.isSafeInteger(offset) ? await this.bytes(offset, sectorSize) : new Uint8Array(0);
        sectors.set(lba, bytes.length === sectorSize ? bytes : undefined);
      }
    }
  }
}
