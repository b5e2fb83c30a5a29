/**
 * Placement: resolves a document into physical extents. Areas get their start and end, automatic
 * offsets follow the previous partition (rounded up to its alignment), "rest" sizes run to the
 * next fixed partition or the end of the area, and backup copies become one extent per copy.
 */
import type { Area, LayoutDocument, Partition } from '../model/document';
import { alignUp } from '../model/units';
import { alignmentRequirements, copyName, type Family } from './family';
import type { FreeSegment, PlacedArea, PlacedCopy, PlacedPartition, Placement } from './placement';
import type { ReservedRegion } from './regions';
import { placeVolumes } from './volumes';

/** The offset alignment a partition's "auto" offset rounds up to: the strictest requirement. */
export function offsetAlignment(partition: Partition, document: LayoutDocument, family: Family): number {
  let strictest = 1;
  for (const requirement of alignmentRequirements(family, partition, document)) {
    if (requirement.of === 'offset' && requirement.value > strictest) strictest = requirement.value;
  }
  return strictest;
}

/** Slot of one copy: explicit, else the size rounded up to the erase block. */
export function copySlot(partition: Partition, size: number, eraseBlock: number): number {
  return partition.copies?.slot ?? alignUp(size, eraseBlock);
}

export function place(document: LayoutDocument, family: Family): Placement {
  const spaces = family.spaces(document.device);
  const spaceSize = new Map(spaces.map((space) => [space.id, space.size]));
  const eraseBlock = document.device.geometry.eraseBlock ?? 1;
  const areas: PlacedArea[] = [];
  const partitions: PlacedPartition[] = [];
  const byArea = groupByArea(document.partitions);
  const spaceCursor = new Map<string, number>();
  const reserved = family.reservedRegions(document);

  document.areas.forEach((area, areaIndex) => {
    const spaceEnd = spaceSize.get(area.space) ?? 0;
    const start = area.start === 'auto' ? (spaceCursor.get(area.space) ?? 0) : area.start;
    const limit =
      typeof area.size === 'number' ? start + area.size : nextAreaStart(document.areas, areaIndex, area.space) ?? spaceEnd;

    let previousEnd = start;
    let furthestEnd = start;
    const members = byArea.get(area.id) ?? [];
    members.forEach(({ partition, index }, memberIndex) => {
      const alignment = offsetAlignment(partition, document, family);
      const partStart =
        partition.offset === 'auto' ? firstFreeStart(alignUp(previousEnd, alignment), alignment, area.space, reserved) : partition.offset;
      const size =
        partition.size === 'rest'
          ? Math.max(0, (nextFixedStart(members, memberIndex, partStart) ?? limit) - partStart)
          : partition.size;
      const copies = placeCopies(partition, partStart, size, eraseBlock);
      const spanEnd = copies.length > 0 ? copies[copies.length - 1].spareEnd : partStart + size;
      const placed: PlacedPartition = {
        partition,
        index,
        areaId: area.id,
        space: area.space,
        start: partStart,
        size,
        end: partStart + size,
        spanEnd,
        copies,
        offsetAlignment: alignment,
      };
      partitions.push(placed);
      previousEnd = spanEnd;
      furthestEnd = Math.max(furthestEnd, spanEnd);
    });

    const end = area.size === 'fit' ? furthestEnd : limit;
    areas.push({ area, index: areaIndex, space: area.space, start, end });
    spaceCursor.set(area.space, end);
  });

  partitions.sort((a, b) => a.index - b.index);
  return {
    spaces,
    areas,
    partitions,
    byId: new Map(partitions.map((p) => [p.partition.id, p])),
    reserved,
    free: freeSegments(areas, partitions, reserved),
    ...placeVolumes(partitions, document, family),
  };
}

/** An automatic offset never lands inside a region the family reserves (a GPT, a table sector). */
function firstFreeStart(start: number, alignment: number, space: string, reserved: ReservedRegion[]): number {
  let candidate = start;
  for (let moved = true; moved; ) {
    moved = false;
    for (const region of reserved) {
      if (region.space === space && candidate >= region.start && candidate < region.end) {
        candidate = alignUp(region.end, alignment);
        moved = true;
      }
    }
  }
  return candidate;
}

function groupByArea(partitions: Partition[]): Map<string, Array<{ partition: Partition; index: number }>> {
  const groups = new Map<string, Array<{ partition: Partition; index: number }>>();
  partitions.forEach((partition, index) => {
    const group = groups.get(partition.area) ?? [];
    group.push({ partition, index });
    groups.set(partition.area, group);
  });
  return groups;
}

function nextAreaStart(areas: Area[], index: number, space: string): number | undefined {
  for (let i = index + 1; i < areas.length; i++) {
    const area = areas[i];
    if (area.space === space && area.start !== 'auto') return area.start;
  }
  return undefined;
}

/** A "rest" partition ends where the next partition with a fixed offset begins. */
function nextFixedStart(members: Array<{ partition: Partition }>, index: number, from: number): number | undefined {
  for (let i = index + 1; i < members.length; i++) {
    const offset = members[i].partition.offset;
    if (offset !== 'auto' && offset >= from) return offset;
  }
  return undefined;
}

function placeCopies(partition: Partition, start: number, size: number, eraseBlock: number): PlacedCopy[] {
  if (!partition.copies) return [];
  const slot = copySlot(partition, size, eraseBlock);
  const stride = slot + partition.copies.spareBlocks * eraseBlock;
  return Array.from({ length: partition.copies.count }, (_, index) => {
    const copyStart = start + index * stride;
    return {
      index,
      name: copyName(partition, index),
      start: copyStart,
      slotEnd: copyStart + slot,
      spareEnd: copyStart + stride,
    };
  });
}

/** Gaps inside each area not covered by a partition span or a reserved region. */
function freeSegments(areas: PlacedArea[], partitions: PlacedPartition[], reserved: ReservedRegion[]): FreeSegment[] {
  const free: FreeSegment[] = [];
  for (const area of areas) {
    const taken = [
      ...partitions.filter((p) => p.areaId === area.area.id).map((p) => [p.start, p.spanEnd] as const),
      ...reserved.filter((r) => r.space === area.space).map((r) => [r.start, r.end] as const),
    ].sort((a, b) => a[0] - b[0]);
    let cursor = area.start;
    for (const [start, end] of taken) {
      if (start > cursor && cursor < area.end) {
        free.push({ areaId: area.area.id, space: area.space, start: cursor, end: Math.min(start, area.end) });
      }
      cursor = Math.max(cursor, end);
    }
    if (cursor < area.end) free.push({ areaId: area.area.id, space: area.space, start: cursor, end: area.end });
  }
  return free;
}
