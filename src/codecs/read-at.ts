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
