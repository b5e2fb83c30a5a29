/**
 * GUIDs as GPT stores them: 16 bytes whose first three groups are little-endian and last two are
 * stored as written ("mixed-endian", UEFI spec appendix A). Text is the canonical upper-case
 * 8-4-4-4-12 form that sfdisk and gdisk print. Random GUIDs come from a source the caller supplies,
 * so writers stay pure and tests deterministic.
 */
import { FormatError, type FormatLocation } from './errors';
import { quote } from './quote';

export const GUID_BYTES = 16;
export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** On-disk position of each text byte: the first three groups are byte-swapped. */
const DISK_ORDER = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];

export function isGuid(text: string): boolean {
  return GUID_PATTERN.test(text);
}

/** The canonical (upper-case) form of a GUID; anything that is not 8-4-4-4-12 hex is a FormatError. */
export function normalizeGuid(text: string, where: FormatLocation = {}, what = 'GUID'): string {
  if (!isGuid(text)) throw new FormatError(`${what}: expected a GUID like 0FC63DAF-8483-4772-8E79-3D69D8477DE4, found ${quote(text)}`, where);
  return text.toUpperCase();
}

/** The text's bytes in text order (big-endian, as RFC 4122 writes them). */
function textBytes(text: string): number[] {
  const digits = text.replace(/-/g, '');
  return Array.from({ length: GUID_BYTES }, (_, i) => parseInt(digits.slice(2 * i, 2 * i + 2), 16));
}

/** The 16 on-disk bytes of a GUID written as text. */
export function guidToBytes(text: string): Uint8Array {
  const ordered = textBytes(normalizeGuid(text));
  const bytes = new Uint8Array(GUID_BYTES);
  DISK_ORDER.forEach((from, to) => (bytes[to] = ordered[from]));
  return bytes;
}

/** Writes a GUID's on-disk bytes at `offset`. */
export function putGuid(target: Uint8Array, offset: number, text: string): void {
  target.set(guidToBytes(text), offset);
}

/** 16 bytes in text order as 8-4-4-4-12 upper-case hex. */
function textOf(ordered: readonly number[]): string {
  const digits = ordered.map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}

/** The text of the 16 on-disk bytes at `offset` (the caller has checked the bounds). */
export function guidAt(bytes: Uint8Array, offset: number): string {
  return textOf(DISK_ORDER.map((from) => bytes[offset + from]));
}

export function isZeroGuidAt(bytes: Uint8Array, offset: number): boolean {
  for (let i = 0; i < GUID_BYTES; i++) if (bytes[offset + i] !== 0) return false;
  return true;
}

/** Supplies `length` random bytes (crypto.getRandomValues in the app, a seeded source in tests). */
export type RandomBytes = (length: number) => Uint8Array;

/** A random (version 4, RFC 4122 variant) GUID. */
export function randomGuid(random: RandomBytes): string {
  const source = random(GUID_BYTES);
  if (source.length < GUID_BYTES) throw new FormatError(`the random source gave ${source.length} bytes, a GUID needs ${GUID_BYTES}`);
  const bytes = Array.from(source.subarray(0, GUID_BYTES));
  bytes[6] = (bytes[6] % 16) + 0x40;
  bytes[8] = (bytes[8] % 64) + 0x80;
  return textOf(bytes);
}
