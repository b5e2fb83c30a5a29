/** What every inspection must satisfy, whatever the input: exact offsets, nesting, located warnings. */
import { expect } from 'vitest';
import type { Inspection, InspectWarning, Region } from '../inspect';

export function checkInspection(inspection: Inspection & { warnings: InspectWarning[] }, size: number): void {
  expect(inspection.size).toBe(size);
  const visit = (regions: readonly Region[], parent?: Region) => {
    for (const r of regions) {
      expect(Number.isSafeInteger(r.offset) && r.offset >= 0).toBe(true);
      expect(Number.isSafeInteger(r.size) && r.size >= 0).toBe(true);
      if (parent) expect(r.offset).toBeGreaterThanOrEqual(parent.offset);
      for (const w of r.warnings) expect(Number.isSafeInteger(w.offset) && w.offset >= 0 && typeof w.message === 'string').toBe(true);
      visit(r.children, r);
    }
  };
  visit(inspection.regions);
  // The top level covers the whole file: gaps are named too. A table of a truncated image may
  // point past the file's end; what starts there is kept, flagged as past the end.
  let cursor = 0;
  for (const r of inspection.regions) {
    if (r.offset >= size && r.offset > cursor) {
      expect(r.details.truncated).toBe(true);
      expect(r.warnings.some((w) => w.message.includes('past the end of the file'))).toBe(true);
      continue;
    }
    expect(r.offset).toBeLessThanOrEqual(cursor);
    cursor = Math.max(cursor, r.offset + r.size);
  }
  expect(cursor).toBeGreaterThanOrEqual(size);
  JSON.stringify(inspection);
}

export const allWarnings = (regions: readonly Region[]): InspectWarning[] => regions.flatMap((r) => [...r.warnings, ...allWarnings(r.children)]);
