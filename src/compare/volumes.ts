/**
 * Volumes inside matched partitions (UBI volumes), matched by name: each keeps its data when its
 * partition's data is kept and it does not shrink.
 */
import type { PartitionChange, VolumeChange } from '../layout/comparison';
import type { Placement, PlacedVolume } from '../layout/placement';

function volumesById(placement: Placement): Map<string, PlacedVolume[]> {
  const groups = new Map<string, PlacedVolume[]>();
  for (const volume of placement.volumes) {
    const group = groups.get(volume.partitionId);
    if (group) group.push(volume);
    else groups.set(volume.partitionId, [volume]);
  }
  return groups;
}

export function compareVolumes(changes: readonly PartitionChange[], old: Placement, next: Placement): VolumeChange[] {
  const oldVolumes = volumesById(old);
  const newVolumes = volumesById(next);
  const result: VolumeChange[] = [];
  for (const change of changes) {
    if (!change.old || !change.new) continue;
    const before = oldVolumes.get(change.old.id) ?? [];
    const after = newVolumes.get(change.new.id) ?? [];
    if (before.length === 0 && after.length === 0) continue;
    const partitionKind = change.verdict.kind;
    const byName = new Map(before.map((v) => [v.volume.name, v]));
    const seen = new Set<string>();
    for (const volume of after) {
      const name = volume.volume.name;
      const previous = byName.get(name);
      if (!previous || seen.has(name)) {
        result.push({ partition: change.new.name, name, newSize: volume.size, change: 'added', verdict: 'new' });
        continue;
      }
      seen.add(name);
      const resized = previous.size !== volume.size;
      const kept = partitionKind === 'survives' ? 'survives' : partitionKind === 'copy' ? 'copy' : 'lost';
      const verdict = volume.size < previous.size ? 'lost' : kept;
      result.push({ partition: change.new.name, name, oldSize: previous.size, newSize: volume.size, change: resized ? 'resized' : 'unchanged', verdict });
    }
    for (const volume of before) {
      if (!seen.has(volume.volume.name)) result.push({ partition: change.old.name, name: volume.volume.name, oldSize: volume.size, change: 'removed', verdict: 'lost' });
    }
  }
  return result;
}
