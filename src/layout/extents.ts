/** Byte ranges of address spaces as sets: merged, subtracted, widened to whole erase blocks. */
import { alignUp } from '../model/units';
import type { Extent } from './comparison';

function bySpaceAndStart(a: Extent, b: Extent): number {
  return a.space < b.space ? -1 : a.space > b.space ? 1 : a.start - b.start;
}

/** Sorted by space and start, touching and overlapping ranges joined, empty ones dropped. */
export function mergeExtents(extents: readonly Extent[]): Extent[] {
  const sorted = extents.filter((e) => e.end > e.start).sort(bySpaceAndStart);
  const merged: Extent[] = [];
  for (const extent of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.space === extent.space && extent.start <= last.end) last.end = Math.max(last.end, extent.end);
    else merged.push({ ...extent });
  }
  return merged;
}

function endsBefore(a: Extent, b: Extent): boolean {
  return a.space < b.space || (a.space === b.space && a.end <= b.start);
}

/** The parts of `from` that none of `taken` covers (both merged first; one sorted sweep). */
export function subtractExtents(from: readonly Extent[], taken: readonly Extent[]): Extent[] {
  const cover = mergeExtents(taken);
  const result: Extent[] = [];
  let j = 0;
  for (const extent of mergeExtents(from)) {
    while (j < cover.length && endsBefore(cover[j], extent)) j++;
    let cursor = extent.start;
    for (let k = j; k < cover.length && cover[k].space === extent.space && cover[k].start < extent.end; k++) {
      if (cover[k].start > cursor) result.push({ space: extent.space, start: cursor, end: cover[k].start });
      cursor = Math.max(cursor, cover[k].end);
    }
    if (cursor < extent.end) result.push({ space: extent.space, start: cursor, end: extent.end });
  }
  return result;
}

/** Each range widened to whole blocks of `block` bytes (the erase block), then merged. */
export function wholeBlocks(extents: readonly Extent[], block: number): Extent[] {
  if (block <= 1) return mergeExtents(extents);
  return mergeExtents(extents.map((e) => ({ space: e.space, start: e.start - (e.start % block), end: alignUp(e.end, block) })));
}
