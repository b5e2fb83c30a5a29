/**
 * Placement: resolves a document into physical extents. Areas get their start and end, automatic
 * offsets follow the previous partition (rounded up to its alignment), "rest" sizes run to the
 * next fixed partition or the end of the area, and backup copies become one extent per copy.
 */
import type { Area, Partition, Volume } from '../model/document';
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

/**
 * How a partition that holds volumes (a UBI partition) spends its bytes: each volume takes whole
 * units (UBI LEBs), and only so many units are there for volumes.
 */
export interface VolumeCapacity {
  /** Bytes a volume gets per unit (a LEB). */
  unit: number;
  /** Flash bytes one unit stands for on the map (a PEB). */
  unitSpan: number;
  /** Units the volumes of the partition can have together. */
  units: number;
  /** How the number comes about, in one sentence for messages. */
  basis: string;
}

/** A volume inside its partition: whole units of the partition's capacity, drawn in order from its start. */
export interface PlacedVolume {
  volume: Volume;
  partitionId: string;
  /** Position among the partition's volumes. */
  index: number;
  /** Units (LEBs) it takes; a "rest" volume takes what the others leave. */
  units: number;
  /** Bytes it can hold: units × unit. */
  size: number;
  /** The stretch of the partition drawn for it (units × unit span after the volumes before it), cut at the partition's end. */
  start: number;
  end: number;
  /** Whether it lies within the units the partition has for volumes. */
  fits: boolean;
}

/** What a partition with volumes has for them, and how much they take. */
export interface VolumeSpace extends VolumeCapacity {
  partitionId: string;
  usedUnits: number;
}

export interface Placement {
  spaces: AddressSpace[];
  areas: PlacedArea[];
  partitions: PlacedPartition[];
  byId: Map<string, PlacedPartition>;
  reserved: ReservedRegion[];
  free: FreeSegment[];
  /** Volumes of every partition that has some, partition by partition. */
  volumes: PlacedVolume[];
  /** By partition id, for partitions with volumes. */
  volumeSpaces: Map<string, VolumeSpace>;
}

