/**
 * Errors of the ESP-IDF partition table format. The message starts with the reference tool's own
 * wording (so scripts that match gen_esp32part.py output keep working) and ends with where the
 * problem is: the partition, and its CSV line and column or its byte offset in the binary.
 */
import { FormatError, type FormatLocation } from '../errors';

export interface Esp32Location extends FormatLocation {
  /** Name of the partition the problem belongs to (may be empty: empty names are legal). */
  partition?: string;
}

export class Esp32Error extends FormatError {
  readonly partition?: string;
  /** Lines the reference tool prints before the error (e.g. the rows with a duplicate name). */
  readonly details: string[];

  constructor(reason: string, location: Esp32Location = {}, details: string[] = []) {
    // The reason is the reference wording alone, without our location suffix.
    super(reason + describeLocation(location, reason), location, reason);
    this.name = 'Esp32Error';
    this.partition = location.partition;
    this.details = details;
  }
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
