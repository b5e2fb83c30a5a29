/**
 * Volumes inside partitions: each takes whole units of what its family says the partition has
 * for volumes (UBI LEBs), in order; a "rest" volume takes what the others leave. Volumes are
 * logical, so where they are drawn is a picture of their share, from the partition's start.
 */
import type { LayoutDocument } from '../model/document';
import type { Family } from './family';
import type { PlacedPartition, PlacedVolume, VolumeCapacity, VolumeSpace } from './placement';

/** A partition's bytes as they are, for families that say nothing about volumes. */
function plainCapacity(size: number): VolumeCapacity {
  return { unit: 1, unitSpan: 1, units: size, basis: `${size} bytes` };
}

export function placeVolumes(partitions: PlacedPartition[], document: LayoutDocument, family: Family): { volumes: PlacedVolume[]; volumeSpaces: Map<string, VolumeSpace> } {
  const volumes: PlacedVolume[] = [];
  const volumeSpaces = new Map<string, VolumeSpace>();
  for (const placed of partitions) {
    const list = placed.partition.volumes;
    if (!list || list.length === 0) continue;
    const capacity = family.volumeCapacity?.(placed.partition, placed.size, document) ?? plainCapacity(placed.size);
    const unitsOf = (size: number) => (capacity.unit > 0 ? Math.ceil(size / capacity.unit) : 0);
    // A "rest" volume gets what every fixed-size volume leaves, wherever it is in the list.
    const fixedUnits = list.reduce((sum, volume) => sum + (volume.size === 'rest' ? 0 : unitsOf(volume.size)), 0);
    let restLeft = Math.max(0, capacity.units - fixedUnits);
    let used = 0;
    list.forEach((volume, index) => {
      let units: number;
      if (volume.size === 'rest') {
        units = restLeft;
        restLeft = 0;
      } else {
        units = unitsOf(volume.size);
      }
      const start = Math.min(placed.end, placed.start + used * capacity.unitSpan);
      const end = Math.min(placed.end, start + units * capacity.unitSpan);
      used += units;
      volumes.push({ volume, partitionId: placed.partition.id, index, units, size: units * capacity.unit, start, end, fits: used <= capacity.units });
    });
    volumeSpaces.set(placed.partition.id, { ...capacity, partitionId: placed.partition.id, usedUnits: used });
  }
  return { volumes, volumeSpaces };
}
