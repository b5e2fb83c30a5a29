/**
 * Where a partition could go instead: the first gap of its area that holds its whole span (copies
 * and spare blocks included) at its offset alignment, without touching any other partition or
 * reserved region. Fixes use it so that a move never lands on a neighbour.
 */
import { pushTo } from '../model/collections';
import { alignUp } from '../model/units';
import type { PlacedPartition, Placement } from './placement';

interface Interval {
  start: number;
  end: number;
  placed?: PlacedPartition;
}

/** Occupants of an area sorted by start, with the furthest end reached up to each one. */
interface Occupied {
  intervals: Interval[];
  reachUpTo: number[];
}

const cache = new WeakMap<Placement, Map<string, Occupied>>();

/** Occupied intervals of each area, sorted by start: worked out once per placement. */
function occupiedByArea(placement: Placement): Map<string, Occupied> {
  let byArea = cache.get(placement);
  if (byArea) return byArea;
  const lists = new Map<string, Interval[]>();
  for (const area of placement.areas) lists.set(area.area.id, []);
  const areasOfSpace = new Map<string, string[]>();
  for (const area of placement.areas) pushTo(areasOfSpace, area.space, area.area.id);
  for (const placed of placement.partitions) {
    // Every partition of the space counts, whatever its area: areas of one space may overlap.
    for (const areaId of areasOfSpace.get(placed.space) ?? []) lists.get(areaId)!.push({ start: placed.start, end: placed.spanEnd, placed });
  }
  for (const region of placement.reserved) {
    for (const areaId of areasOfSpace.get(region.space) ?? []) lists.get(areaId)!.push({ start: region.start, end: region.end });
  }
  byArea = new Map();
  for (const [areaId, intervals] of lists) {
    intervals.sort((a, b) => a.start - b.start);
    const reachUpTo: number[] = [];
    let reach = -Infinity;
    for (const interval of intervals) reachUpTo.push((reach = Math.max(reach, interval.end)));
    byArea.set(areaId, { intervals, reachUpTo });
  }
  cache.set(placement, byArea);
  return byArea;
}

/** The partition itself, or an automatic one after it in its area: both move along with it. */
function follows(other: PlacedPartition, placed: PlacedPartition): boolean {
  return other === placed || (other.areaId === placed.areaId && other.partition.offset === 'auto' && other.index > placed.index);
}

/** Index of the first interval starting at or after `position`. */
function firstStartingFrom(intervals: Interval[], position: number): number {
  let low = 0;
  let high = intervals.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (intervals[middle].start < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The lowest offset at or after `from` (default: the area's start) where `placed` fits in its
 * area, leaving every other occupant alone; undefined when no gap is large enough.
 */
export function firstFit(placement: Placement, placed: PlacedPartition, from?: number): number | undefined {
  const area = placement.areas.find((a) => a.area.id === placed.areaId);
  if (!area) return undefined;
  const span = placed.spanEnd - placed.start;
  const { intervals, reachUpTo } = occupiedByArea(placement).get(area.area.id) ?? { intervals: [], reachUpTo: [] };
  const blocks = (interval: Interval) => interval.end > interval.start && !(interval.placed && follows(interval.placed, placed));
  let cursor = alignUp(Math.max(area.start, from ?? area.start), placed.offsetAlignment);
  let next = firstStartingFrom(intervals, cursor);
  // Occupants that start before the cursor may still reach past it; only those are looked at.
  for (let k = next - 1; k >= 0 && reachUpTo[k] > cursor; k--) {
    if (blocks(intervals[k]) && intervals[k].end > cursor) cursor = alignUp(intervals[k].end, placed.offsetAlignment);
  }
  for (; next < intervals.length; next++) {
    const interval = intervals[next];
    if (interval.start >= cursor + span) break;
    if (blocks(interval) && interval.end > cursor) cursor = alignUp(interval.end, placed.offsetAlignment);
  }
  return cursor + span <= area.end ? cursor : undefined;
}
