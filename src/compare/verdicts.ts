/**
 * Per-partition changes and verdicts of a matched pair: moved, resized, and whether the data
 * survives as it is, survives only if copied, is lost, or is new.
 */
import type { ChangeKind, ComparedPartition, DataVerdict, PartitionChange } from '../layout/comparison';
import type { PlacedPartition } from '../layout/placement';
import { sameContent, type Pair } from './match';

export function sideOf(placed: PlacedPartition): ComparedPartition {
  const { partition } = placed;
  return { id: partition.id, name: partition.name, kind: partition.kind, area: placed.areaId, space: placed.space, start: placed.start, size: placed.size, end: placed.spanEnd };
}

function changeOf(old: PlacedPartition, next: PlacedPartition): ChangeKind {
  const moved = old.space !== next.space || old.start !== next.start;
  const resized = old.size !== next.size || old.spanEnd - old.start !== next.spanEnd - next.start;
  return moved && resized ? 'moved and resized' : moved ? 'moved' : resized ? 'resized' : 'unchanged';
}

/** Who else in the new layout takes bytes of an extent (only an overlapping new layout has one). */
export type OverwriterLookup = (space: string, start: number, end: number, except: string) => string | undefined;

function verdictOf(old: PlacedPartition, next: PlacedPartition, change: ChangeKind, overwriter: OverwriterLookup): DataVerdict {
  if (!sameContent(old, next)) return { kind: 'lost', reason: 'reformatted' };
  if (next.size < old.size) return { kind: 'lost', reason: 'shrunk' };
  if (change === 'unchanged' || change === 'resized') {
    const by = overwriter(next.space, old.start, old.spanEnd, next.partition.id);
    if (by !== undefined) return { kind: 'lost', reason: 'overwritten', by };
    return { kind: 'survives', grown: change === 'resized' };
  }
  const bytes = old.spanEnd - old.start;
  return { kind: 'copy', bytes, from: { space: old.space, start: old.start, end: old.spanEnd }, to: { space: next.space, start: next.start, end: next.start + bytes } };
}

export function changeOfPair(pair: Pair, overwriter: OverwriterLookup): PartitionChange {
  if (pair.old && pair.new) {
    const change = changeOf(pair.old, pair.new);
    return { old: sideOf(pair.old), new: sideOf(pair.new), matchedBy: pair.matchedBy, change, verdict: verdictOf(pair.old, pair.new, change, overwriter) };
  }
  if (pair.new) return { new: sideOf(pair.new), change: 'added', verdict: { kind: 'new' } };
  return { old: sideOf(pair.old!), change: 'removed', verdict: { kind: 'lost', reason: 'removed' } };
}

/**
 * An index of the new layout's extents answering "which partition other than X takes bytes of
 * [start, end)" in O(log n): extents sorted by start, with the two largest ends seen so far.
 */
export function overwriterIndex(news: readonly PlacedPartition[]): OverwriterLookup {
  const bySpace = new Map<string, PlacedPartition[]>();
  for (const placed of news) {
    if (placed.spanEnd <= placed.start) continue;
    const list = bySpace.get(placed.space) ?? [];
    list.push(placed);
    bySpace.set(placed.space, list);
  }
  const tops = new Map<string, Array<[PlacedPartition | undefined, PlacedPartition | undefined]>>();
  for (const [space, list] of bySpace) {
    list.sort((a, b) => a.start - b.start);
    let first: PlacedPartition | undefined;
    let second: PlacedPartition | undefined;
    tops.set(
      space,
      list.map((placed) => {
        if (!first || placed.spanEnd > first.spanEnd) [first, second] = [placed, first];
        else if (!second || placed.spanEnd > second.spanEnd) second = placed;
        return [first, second];
      }),
    );
  }
  return (space, start, end, except) => {
    const list = bySpace.get(space);
    if (!list || end <= start) return undefined;
    // First index whose start is at or after `start`.
    let lo = 0;
    for (let hi = list.length; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (list[mid].start < start) lo = mid + 1;
      else hi = mid;
    }
    // Those starting inside the range: the counterpart is at most one of them.
    for (let i = lo; i < list.length && i < lo + 2 && list[i].start < end; i++) {
      if (list[i].partition.id !== except) return list[i].partition.name;
    }
    // Those starting before it that reach into it.
    if (lo > 0) {
      for (const candidate of tops.get(space)![lo - 1]) {
        if (candidate && candidate.partition.id !== except && candidate.spanEnd > start) return candidate.partition.name;
      }
    }
    return undefined;
  };
}
