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
  // The top level covers the whole file: gaps are named too.
  let cursor = 0;
  for (const r of inspection.regions) {
    expect(r.offset).toBeLessThanOrEqual(cursor);
    cursor = Math.max(cursor, r.offset + r.size);
  }
  expect(cursor).toBeGreaterThanOrEqual(size);
  JSON.stringify(inspection);
}

export const allWarnings = (regions: readonly Region[]): InspectWarning[] => regions.flatMap((r) => [...r.warnings, ...allWarnings(r.children)]);
