/**
 * Writes an environment image byte-identical to `mkenvimage -s SIZE [-r] [-p FILL] [-b]` for the
 * same variables: strings in the given order, the list terminator, fill bytes, and the CRC-32 of
 * the whole data area (fill included) in the target's byte order.
 */
import { putU32be, putU32le } from '../bytes';
import { crc32 } from '../crc32';
import { FormatError } from '../errors';
import { encodeUtf8 } from '../text';
import { formatHex } from '../../model/units';
import { quote } from '../quote';
import { DEFAULT_FILL, headerLength, MAX_ENV_SIZE, type UbootEnvVar } from './records';

export interface UbootEnvEmitOptions {
  /** CONFIG_ENV_SIZE: the whole image, header included. */
  size: number;
  /** Present for a board with two copies: the header gets a flag byte (`mkenvimage -r` writes 1). */
  redundant?: { flag: number };
  /** Byte after the terminator (0xFF by default, as in mkenvimage). */
  fill?: number;
  /** CRC stored big-endian, for big-endian targets (`mkenvimage -b`). */
  bigEndian?: boolean;
}

function checkByte(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new FormatError(`${what} must be a byte from 0 to 255, found ${String(value)}`);
}

function entryBytes(variable: UbootEnvVar, index: number): Uint8Array {
  const { name, value } = variable;
  const where = `variable ${index + 1}`;
  if (name === '') throw new FormatError(`${where}: the name is empty`);
  if (name.includes('=')) throw new FormatError(`${where}: the name ${quote(name)} contains "=", which ends a name`);
  if (name.includes('\0')) throw new FormatError(`${where}: the name ${quote(name)} contains a NUL, which ends an entry`);
  if (value.includes('\0')) throw new FormatError(`${where} (${quote(name)}): the value contains a NUL, which ends an entry`);
  return encodeUtf8(`${name}=${value}\0`);
}

/** The environment image: `options.size` bytes. */
export function emitUbootEnv(vars: readonly UbootEnvVar[], options: UbootEnvEmitOptions): Uint8Array {
  const { size, redundant, fill = DEFAULT_FILL, bigEndian = false } = options;
  const header = headerLength(redundant !== undefined);
  if (!Number.isInteger(size) || size <= header || size > MAX_ENV_SIZE) {
    throw new FormatError(`environment size must be a whole number of bytes above the ${header}-byte header and at most ${formatHex(MAX_ENV_SIZE)}, found ${String(size)}`);
  }
  checkByte(fill, 'fill');
  if (redundant) checkByte(redundant.flag, 'redundant flag');

  const entries = vars.map(entryBytes);
  // An empty list is a single NUL; otherwise the last entry's NUL is followed by the empty string.
  const needed = entries.reduce((sum, entry) => sum + entry.length, 0) + 1;
  const dataLength = size - header;
  if (needed > dataLength) {
    throw new FormatError(`the environment needs ${needed} bytes, the image holds ${dataLength} (${formatHex(size)} minus the ${header}-byte header)`);
  }

  const image = new Uint8Array(size).fill(fill, header);
  let at = header;
  for (const entry of entries) {
    image.set(entry, at);
    at += entry.length;
  }
  image[at] = 0;
  const crc = crc32(image, header, size);
  if (bigEndian) putU32be(image, 0, crc, 'CRC');
  else putU32le(image, 0, crc, 'CRC');
  if (redundant) image[4] = redundant.flag;
  return image;
}
