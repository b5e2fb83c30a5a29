/**
 * Placement: resolves a document into physical extents. Areas get their start and end, automatic
 * offsets follow the previous partition (rounded up to its alignment), "rest" sizes run to the
 * next fixed partition or the end of the area, and backup copies become one extent per copy.
 */
import type { Area, Partition } from '../model/document';
import type { AddressSpace, ReservedRegion } from './regions';

export interface PlacedArea {
  area: Area;
  index: number;
  space: string;
  start: number;
  end: number;
}

/** One copy of a partition: its data slot and the spare blocks kept after it. */
export interface PlacedCopy {
  index: number;
  name: string;
  start: number;
  /** End of the slot reserved for this copy. */
  slotEnd: number;
  /** End of the spare blocks after the slot (equals slotEnd without spare blocks). */
  spareEnd: number;
}

export interface PlacedPartition {
  partition: Partition;
  index: number;
  areaId: string;
  space: string;
  start: number;
  size: number;
  end: number;
  /** Everything the partition occupies: all copies and their spare blocks. */
  spanEnd: number;
  copies: PlacedCopy[];
  /** The offset alignment used for "auto" (the strictest offset requirement). */
  offsetAlignment: number;
}

export interface FreeSegment {
  areaId: string;
  space: string;
  start: number;
  end: number;
}

export interface Placement {
  spaces: AddressSpace[];
  areas: PlacedArea[];
  partitions: PlacedPartition[];
  byId: Map<string, PlacedPartition>;
  reserved: ReservedRegion[];
  free: FreeSegment[];
}

