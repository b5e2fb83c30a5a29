/**
 * A probe recognises one structure: a cheap magic test on the bytes at an offset (the scan runs
 * it at every 4 KiB boundary), and a full read that returns the regions it finds there: the
 * structure itself (its size from its own header) and, for a table, its partitions.
 */
import { FormatError } from '../codecs/errors';
import { formatHex } from '../model/units';
import type { ImageReader } from './reader';
import type { InspectWarning, Region } from './region';

/** How many bytes after an offset the scan hands to `matches` (a NAND page and a PNI fit). */
export const MATCH_WINDOW = 0x2400;

export interface ProbeContext {
  reader: ImageReader;
  /** The file's size. */
  size: number;
}

export interface Probe {
  /** For messages and the registry. */
  name: string;
  /** Only at the start of the file (a disk label, a sparse image). */
  atStartOnly?: boolean;
  /** Offsets the probe is tried at in files too large to scan. */
  fixedOffsets?: readonly number[];
  /** Whether `window` (bytes from the offset on, up to MATCH_WINDOW) starts like this structure. */
  matches(window: Uint8Array): boolean;
  /** The regions found at `offset`; [] when it is not this structure after all. */
  read(context: ProbeContext, offset: number): Promise<Region[]>;
}

/** A warning about `offset`; its message names it too, for the table output. */
export function warning(offset: number, message: string): InspectWarning {
  return { offset, message: `${formatHex(offset)}: ${message}` };
}

/** Flags a region that claims to go past the end of the file (its claimed size is kept). */
export function checkEnd(region: Region, fileSize: number): Region {
  if (region.offset + region.size > fileSize && region.details.truncated !== true) {
    region.warnings.push(warning(region.offset, `${region.type} claims ${formatHex(region.size)} bytes, past the end of the file at ${formatHex(fileSize)}`));
    region.details.truncated = true;
  }
  return region;
}

/** A codec's FormatError offset made absolute. */
export function located(error: unknown, base: number): InspectWarning {
  if (error instanceof FormatError) return warning(base + (error.offset ?? 0), error.message);
  return warning(base, error instanceof Error ? error.message : String(error));
}

export const startsWith = (window: Uint8Array, magic: readonly number[], at = 0): boolean => magic.every((byte, i) => window[at + i] === byte);

/** NUL-terminated printable text of a fixed field. */
export function cString(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let i = offset; i < offset + length && i < bytes.length && bytes[i] !== 0; i++) text += bytes[i] >= 0x20 && bytes[i] < 0x7f ? String.fromCharCode(bytes[i]) : '?';
  return text;
}

export const isPowerOfTwo = (value: number): boolean => Number.isSafeInteger(value) && value > 0 && Number.isInteger(Math.log2(value));
