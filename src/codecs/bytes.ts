/**
 * Bounds-checked little- and big-endian integers over byte arrays, for codecs of binary formats.
 * Reads past the end throw a FormatError with the offset, so a truncated or hostile file is a
 * located error, never a silent zero or an exception from deep inside a parser. 64-bit fields are
 * read as bigint (exact) or as a number that is refused above 2^53 − 1, never with 32-bit shifts.
 */
import { FormatError } from './errors';

function need(bytes: Uint8Array, offset: number, length: number, what: string): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + length > bytes.length) {
    throw new FormatError(`${what}: needs ${length} bytes at 0x${Math.max(0, offset).toString(16)}, but the input ends at 0x${bytes.length.toString(16)}`, { offset: Math.max(0, Math.min(offset, bytes.length)) });
  }
}

export function u16le(bytes: Uint8Array, offset: number, what = '16-bit field'): number {
  need(bytes, offset, 2, what);
  return bytes[offset] + bytes[offset + 1] * 0x100;
}

export function u16be(bytes: Uint8Array, offset: number, what = '16-bit field'): number {
  need(bytes, offset, 2, what);
  return bytes[offset] * 0x100 + bytes[offset + 1];
}

export function u32le(bytes: Uint8Array, offset: number, what = '32-bit field'): number {
  need(bytes, offset, 4, what);
  return bytes[offset] + bytes[offset + 1] * 0x100 + bytes[offset + 2] * 0x10000 + bytes[offset + 3] * 0x1000000;
}

export function u32be(bytes: Uint8Array, offset: number, what = '32-bit field'): number {
  need(bytes, offset, 4, what);
  return bytes[offset] * 0x1000000 + bytes[offset + 1] * 0x10000 + bytes[offset + 2] * 0x100 + bytes[offset + 3];
}

export function u64be(bytes: Uint8Array, offset: number, what = '64-bit field'): bigint {
  return (BigInt(u32be(bytes, offset, what)) << 32n) | BigInt(u32be(bytes, offset + 4, what));
}

export function u64le(bytes: Uint8Array, offset: number, what = '64-bit field'): bigint {
  return (BigInt(u32le(bytes, offset + 4, what)) << 32n) | BigInt(u32le(bytes, offset, what));
}

/** A 64-bit little-endian field as an exact number; above 2^53 − 1 it is a located error. */
export function u64leNumber(bytes: Uint8Array, offset: number, what = '64-bit field'): number {
  const value = u64le(bytes, offset, what);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new FormatError(`${what} at 0x${offset.toString(16)} is 0x${value.toString(16)}, above 2^53 - 1`, { offset });
  }
  return Number(value);
}

function checkUnsigned(value: number | bigint, bits: number, what: string): void {
  const big = BigInt(value);
  if ((typeof value === 'number' && !Number.isInteger(value)) || big < 0n || big >= 1n << BigInt(bits)) {
    throw new FormatError(`${what} ${String(value)} does not fit in ${bits} bits`);
  }
}

export function putU8(bytes: Uint8Array, offset: number, value: number, what = 'byte'): void {
  checkUnsigned(value, 8, what);
  need(bytes, offset, 1, what);
  bytes[offset] = value;
}

export function putU16le(bytes: Uint8Array, offset: number, value: number, what = '16-bit field'): void {
  checkUnsigned(value, 16, what);
  need(bytes, offset, 2, what);
  bytes[offset] = value & 0xff;
  bytes[offset + 1] = value >>> 8;
}

export function putU16be(bytes: Uint8Array, offset: number, value: number, what = '16-bit field'): void {
  checkUnsigned(value, 16, what);
  need(bytes, offset, 2, what);
  bytes[offset] = value >>> 8;
  bytes[offset + 1] = value & 0xff;
}

export function putU32le(bytes: Uint8Array, offset: number, value: number, what = '32-bit field'): void {
  checkUnsigned(value, 32, what);
  need(bytes, offset, 4, what);
  for (let i = 0; i < 4; i++) bytes[offset + i] = Math.floor(value / 2 ** (8 * i)) % 256;
}

export function putU32be(bytes: Uint8Array, offset: number, value: number, what = '32-bit field'): void {
  checkUnsigned(value, 32, what);
  need(bytes, offset, 4, what);
  for (let i = 0; i < 4; i++) bytes[offset + 3 - i] = Math.floor(value / 2 ** (8 * i)) % 256;
}

export function putU64le(bytes: Uint8Array, offset: number, value: number | bigint, what = '64-bit field'): void {
  checkUnsigned(value, 64, what);
  const big = BigInt(value);
  putU32le(bytes, offset, Number(big & 0xffffffffn), what);
  putU32le(bytes, offset + 4, Number(big >> 32n), what);
}

export function putU64be(bytes: Uint8Array, offset: number, value: number | bigint, what = '64-bit field'): void {
  checkUnsigned(value, 64, what);
  const big = BigInt(value);
  putU32be(bytes, offset, Number(big >> 32n), what);
  putU32be(bytes, offset + 4, Number(big & 0xffffffffn), what);
}

/** Whether `bytes` holds `expected` (ASCII) at `offset`; false when the input is too short. */
export function hasAscii(bytes: Uint8Array, offset: number, expected: string): boolean {
  if (offset < 0 || offset + expected.length > bytes.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[offset + i] !== expected.charCodeAt(i)) return false;
  return true;
}

/** ASCII text of a NUL-padded fixed field (up to the first NUL). */
export function asciiField(bytes: Uint8Array, offset: number, length: number, what = 'text field'): string {
  need(bytes, offset, length, what);
  let text = '';
  for (let i = offset; i < offset + length && bytes[i] !== 0; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

/** Writes ASCII into a fixed field, NUL-padded; longer text is a FormatError. */
export function putAscii(bytes: Uint8Array, offset: number, length: number, text: string, what = 'text field'): void {
  if (text.length > length) throw new FormatError(`${what} "${text.slice(0, 40)}" is longer than ${length} bytes`);
  need(bytes, offset, length, what);
  for (let i = 0; i < length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    if (code > 0x7f) throw new FormatError(`${what} "${text.slice(0, 40)}" is not ASCII`);
    bytes[offset + i] = code;
  }
}

/** `0x1F000`: the hex form the embedded tools print and read. */
export function hex(value: number | bigint): string {
  return `0x${value.toString(16).toUpperCase()}`;
}
