/**
 * Random access to an untrusted file: the reader asks for exactly the bytes it needs, never the
 * whole file. A source that hands back fewer bytes than asked is a truncated file, a located error.
 */
import { FormatError } from './errors';
import { formatHex } from '../model/units';

/** Bytes [offset, offset + length) of the file, synchronously or not. */
export type ReadAt = (offset: number, length: number) => Uint8Array | Promise<Uint8Array>;

export async function readExactly(read: ReadAt, offset: number, length: number, what: string): Promise<Uint8Array> {
  const bytes = await read(offset, length);
  if (!(bytes instanceof Uint8Array) || bytes.length < length) {
    const got = bytes instanceof Uint8Array ? bytes.length : 0;
    throw new FormatError(`${what}: needed ${length} bytes at ${formatHex(offset)}, the file gave ${got}`, { offset: offset + got });
  }
  return bytes.length === length ? bytes : bytes.subarray(0, length);
}

/** A ReadAt over bytes already in memory. */
export function readBytes(bytes: Uint8Array): ReadAt {
  return (offset, length) => bytes.subarray(offset, offset + length);
}

/** A file read by random access: its size and a reader that may answer short at its end. */
export interface RandomAccessFile {
  size: number;
  read: ReadAt;
}

export function bytesFile(bytes: Uint8Array): RandomAccessFile {
  return { size: bytes.length, read: readBytes(bytes) };
}

/** What the engine needs of a Blob or File (the worker's input), without the DOM's types. */
export interface BlobLike {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** A Blob read slice by slice: a 4 GiB File costs only the bytes asked for. */
export function blobFile(blob: BlobLike): RandomAccessFile {
  return {
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, Math.min(blob.size, offset + length)).arrayBuffer()),
  };
}
