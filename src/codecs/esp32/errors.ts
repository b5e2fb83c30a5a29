/**
 * Errors of the ESP-IDF partition table format. One error holds everything gen_esp32part.py
 * prints for it, in parts, so that each way of showing it is computed from the same words:
 *
 * - `referenceLines`: exactly the reference tool's stderr lines (what `flashmap esp32` prints, so
 *   build scripts and ESP-IDF's own tests that match them keep working);
 * - `locatedLines`: the same lines with Flashmap's explanation and where the problem is (the
 *   partition, its CSV line and column or its byte offset) added to the line that states it;
 * - `reason` plus the location fields: what the app shows (`failureText` in src/formats/files.ts).
 */
import { FormatError, type FormatLocation } from '../errors';

export interface Esp32Location extends FormatLocation {
  /** Name of the partition the problem belongs to (may be empty: empty names are legal). */
  partition?: string;
}

export interface Esp32ErrorParts {
  /** Lines the reference tool prints before the error (the rows with a duplicate name). */
  details?: string[];
  /** Lines of the reference tool's message after its first (the hint after every CSV line error). */
  hint?: string[];
  /** Flashmap's explanation beyond the reference tool's words; never part of its output. */
  note?: string;
}

/** The second line gen_esp32part.py adds to every error it raises while reading a CSV line. */
export const SUBTYPES_HINT = 'Please check extra_partition_subtypes.inc file in build/config directory';

export class Esp32Error extends FormatError {
  readonly partition?: string;
  readonly details: string[];
  readonly hint: string[];

  /** `reason` is the reference tool's wording alone (for a problem it cannot meet, ours). */
  constructor(reason: string, location: Esp32Location = {}, parts: Esp32ErrorParts = {}) {
    super(reason + explained(parts.note) + describeLocation(location, reason), location, reason, parts.note);
    this.name = 'Esp32Error';
    this.partition = location.partition;
    this.details = parts.details ?? [];
    this.hint = parts.hint ?? [];
  }
}

function explained(note: string | undefined): string {
  return note === undefined ? '' : `: ${note}`;
}

/** gen_esp32part.py's stderr for this error, line by line. */
export function referenceLines(error: Esp32Error): string[] {
  return [...error.details, error.reason, ...error.hint];
}

/** The reference tool's lines, with our explanation and the location on the line that states the problem. */
export function locatedLines(error: Esp32Error): string[] {
  return [...error.details, error.message, ...error.hint];
}

/**
 * ` (partition "nvs", line 4, column 22)`: only the parts that are known, and not the line when
 * the reference wording already says "Error at line 4:".
 */
export function describeLocation(location: Esp32Location, reason = ''): string {
  const parts: string[] = [];
  if (location.partition !== undefined) parts.push(`partition "${location.partition}"`);
  if (location.line !== undefined && !reason.includes(`at line ${location.line}:`)) parts.push(`line ${location.line}`);
  if (location.column !== undefined) parts.push(`column ${location.column}`);
  if (location.offset !== undefined) parts.push(`byte offset 0x${location.offset.toString(16)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
