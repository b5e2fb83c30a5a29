/**
 * Structural equality of JSON-like values, ignoring key order and treating a property set to
 * undefined as absent (how the document is written to JSON). Used to tell a real edit from a
 * blur that changed nothing, so no empty undo step is recorded.
 */
import { normalizeDocument, type LayoutDocument } from '../../src/index';

export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!sameValue(left[key], right[key])) return false;
  return true;
}

/** Whether an edited document says the same as the recorded one (so no undo step is recorded). */
export function sameDocument(next: LayoutDocument, present: LayoutDocument): boolean {
  return sameValue(normalizeDocument(next), present);
}
