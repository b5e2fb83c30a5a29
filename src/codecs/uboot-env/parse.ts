/**
 * Reads an environment image: finds its size and header form by the CRC when not told, then
 * returns the variables in stored order. U-Boot reads entries up to the first empty one (or the
 * end of the data area); an entry without `=` is dropped by U-Boot, so it becomes a warning here.
 */
import { u32be, u32le } from '../bytes';
import { crc32 } from '../crc32';
import { FormatError } from '../errors';
import { decodeUtf8 } from '../text';
import { formatHex } from '../../model/units';
import { quote } from '../quote';
import { COMMON_ENV_SIZES, CRC_LENGTH, headerLength, MAX_ENV_SIZE, type UbootEnvVar } from './records';

export interface UbootEnvParseOptions {
  /** CONFIG_ENV_SIZE; when absent the input's length and the common sizes are tried. */
  size?: number;
  /** Whether the header has the flag byte; both forms are tried when absent. */
  redundant?: boolean;
  /** Whether the CRC is stored big-endian; both byte orders are tried when absent. */
  bigEndian?: boolean;
}

/** Where the CRC matched: size, header form and byte order. */
export interface UbootEnvHeader {
  size: number;
  redundant: boolean;
  bigEndian: boolean;
  crc: number;
  /** The flag byte of a redundant copy. */
  flag?: number;
}

export interface UbootEnvImage extends UbootEnvHeader {
  vars: UbootEnvVar[];
  /** Bytes of the data area up to and including the terminating NUL. */
  used: number;
  /** The byte filling the rest of the data area, when it is one value throughout. */
  fill?: number;
  warnings: string[];
}

interface Candidate {
  size: number;
  redundant: boolean;
}

function candidates(bytes: Uint8Array, options: UbootEnvParseOptions): Candidate[] {
  const sizes: number[] = [];
  if (options.size !== undefined) {
    const { size } = options;
    if (!Number.isInteger(size) || size <= CRC_LENGTH || size > MAX_ENV_SIZE) {
      throw new FormatError(`environment size must be a whole number of bytes above the header and at most ${formatHex(MAX_ENV_SIZE)}, found ${String(size)}`);
    }
    if (size > bytes.length) {
      throw new FormatError(`the environment is ${formatHex(size)} bytes, but the input ends at ${formatHex(bytes.length)}`, { offset: bytes.length });
    }
    sizes.push(size);
  } else {
    // The input is most often exactly one environment; a larger region is read from its start.
    if (bytes.length > CRC_LENGTH + 1 && bytes.length <= MAX_ENV_SIZE && !COMMON_ENV_SIZES.includes(bytes.length)) sizes.push(bytes.length);
    sizes.push(...COMMON_ENV_SIZES.filter((size) => size <= bytes.length));
    if (sizes.length === 0) {
      throw new FormatError(`an environment needs at least a CRC, a flag byte and a terminator, but the input has ${bytes.length} bytes`, { offset: bytes.length });
    }
  }
  const forms = options.redundant === undefined ? [false, true] : [options.redundant];
  return sizes.flatMap((size) => forms.filter((redundant) => size > headerLength(redundant)).map((redundant) => ({ size, redundant })));
}

function storedCrcs(bytes: Uint8Array, options: UbootEnvParseOptions): Array<{ bigEndian: boolean; crc: number }> {
  const orders = options.bigEndian === undefined ? [false, true] : [options.bigEndian];
  return orders.map((bigEndian) => ({ bigEndian, crc: bigEndian ? u32be(bytes, 0, 'CRC') : u32le(bytes, 0, 'CRC') }));
}

const hex8 = (value: number) => `0x${value.toString(16).padStart(8, '0')}`;

/**
 * The size, header form and byte order whose CRC matches; a located error with the stored and
 * computed values when none does.
 */
export function findUbootEnvHeader(bytes: Uint8Array, options: UbootEnvParseOptions = {}): UbootEnvHeader {
  const tried = candidates(bytes, options);
  const stored = storedCrcs(bytes, options);
  let first: { candidate: Candidate; computed: number } | undefined;
  for (const candidate of tried) {
    const computed = crc32(bytes, headerLength(candidate.redundant), candidate.size);
    first ??= { candidate, computed };
    const match = stored.find((entry) => entry.crc === computed);
    if (match) {
      return { ...candidate, bigEndian: match.bigEndian, crc: computed, ...(candidate.redundant ? { flag: bytes[CRC_LENGTH] } : {}) };
    }
  }
  const { candidate, computed } = first!;
  const storedText = stored.map((entry) => `${hex8(entry.crc)} ${entry.bigEndian ? 'big' : 'little'}-endian`).join(', ');
  const where = `the ${formatHex(candidate.size)}-byte environment with a ${headerLength(candidate.redundant)}-byte header`;
  if (tried.length === 1) {
    throw new FormatError(`CRC mismatch: stored ${storedText}, computed ${hex8(computed)} over ${where}`, { offset: 0 });
  }
  const sizes = [...new Set(tried.map((entry) => formatHex(entry.size)))].join(', ');
  throw new FormatError(
    `no U-Boot environment found: the CRC matches none of the sizes ${sizes} with a 4- or 5-byte header (for ${where}: stored ${storedText}, computed ${hex8(computed)})`,
    { offset: 0 },
  );
}

/** The variables of an image whose header is known (its CRC already checked). */
export function readUbootEnvVars(bytes: Uint8Array, header: UbootEnvHeader): UbootEnvImage {
  const start = headerLength(header.redundant);
  const end = header.size;
  const vars: UbootEnvVar[] = [];
  const warnings: string[] = [];
  let at = start;
  while (at < end && bytes[at] !== 0) {
    const nul = bytes.subarray(at, end).indexOf(0);
    if (nul === -1) {
      throw new FormatError(`data not terminated: the entry at ${formatHex(at)} runs to the end of the environment (${formatHex(end)}) without a NUL`, { offset: at });
    }
    const decoded = decodeUtf8(bytes, at, at + nul);
    if (!decoded.ok) throw new FormatError(`the entry at ${formatHex(at)} is not valid UTF-8 (byte ${formatHex(bytes[decoded.offset])} at ${formatHex(decoded.offset)})`, { offset: decoded.offset });
    const equals = decoded.text.indexOf('=');
    if (equals <= 0) {
      warnings.push(`the entry ${quote(decoded.text)} at ${formatHex(at)} has ${equals === 0 ? 'an empty name' : 'no "="'}: U-Boot ignores it`);
    } else {
      vars.push({ name: decoded.text.slice(0, equals), value: decoded.text.slice(equals + 1) });
    }
    at += nul + 1;
  }
  // `at` is on the terminating NUL, or at the end when the last entry filled the data area.
  const used = Math.min(at + 1, end) - start;
  const padding = bytes.subarray(start + used, end);
  const fill = padding.length > 0 && padding.every((byte) => byte === padding[0]) ? padding[0] : undefined;
  return { ...header, vars, used, ...(fill === undefined ? {} : { fill }), warnings };
}

/** Reads an environment image (CRC checked) into its variables. */
export function parseUbootEnv(bytes: Uint8Array, options: UbootEnvParseOptions = {}): UbootEnvImage {
  return readUbootEnvVars(bytes, findUbootEnvHeader(bytes, options));
}
