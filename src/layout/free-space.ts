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

const cache = new WeakMap<Placement, Map<string, Interval[]>>();

/** Occupied intervals of each area, sorted by start: placed once per placement. */
function occupiedByArea(placement: Placement): Map<string, Interval[]> {
  let byArea = cache.get(placement);
  if (byArea) return byArea;
  byArea = new Map();
  for (const area of placement.areas) byArea.set(area.area.id, []);
  const areasOfSpace = new Map<string, string[]>();
  for (const area of placement.areas) pushTo(areasOfSpace, area.space, area.area.id);
  for (const placed of placement.partitions) {
    // Every partition of the space counts, whatever its area: areas of one space may overlap.
    for (const areaId of areasOfSpace.get(placed.space) ?? []) byArea.get(areaId)!.push({ start: placed.start, end: placed.spanEnd, placed });
  }
  for (const region of placement.reserved) {
    for (const areaId of areasOfSpace.get(region.space) ?? []) byArea.get(areaId)!.push({ start: region.start, end: region.end });
  }
  for (const list of byArea.values()) list.sort((a, b) => a.start - b.start);
  cache.set(placement, byArea);
  return byArea;
}

/** The partition itself, or an automatic one after it in its area: both move along with it. */
function follows(other: PlacedPartition, placed: PlacedPartition): boolean {
  return other === placed || (other.areaId === placed.areaId && other.partition.offset === 'auto' && other.index > placed.index);
}

/**
 * The lowest offset at or after `from` (default: the area's start) where `placed` fits in its
 * area, leaving every other occupant alone; undefined when no gap is large enough.
 */
export function firstFit(placement: Placement, placed: PlacedPartition, from?: number): number | undefined {
  const area = placement.areas.find((a) => a.area.id === placed.areaId);
  if (!area) return undefined;
  const span = placed.spanEnd - placed.start;
  const occupied = occupiedByArea(placement).get(area.area.id) ?? [];
  let cursor = alignUp(Math.max(area.start, from ?? area.start), placed.offsetAlignment);
  for (const interval of occupied) {
    if (interval.end <= interval.start || (interval.placed && follows(interval.placed, placed))) continue;
    if (interval.start >= cursor + span) break;
    if (interval.end > cursor) cursor = alignUp(interval.end, placed.offsetAlignment);
  }
  return cursor + span <= area.end ? cursor : undefined;
}
