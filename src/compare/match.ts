/**
 * Pairs the partitions of two layouts: first by name (in order, when a name repeats), then the
 * rest by role (kind, filesystem, ESP-IDF type and subtype) in the order of their position on
 * the same address space. Maps and one sort per group keep it near-linear for any input.
 */
import type { MatchBasis } from '../layout/comparison';
import type { PlacedPartition } from '../layout/placement';

export interface Pair {
  old?: PlacedPartition;
  new?: PlacedPartition;
  matchedBy?: MatchBasis;
}

/** What the partition holds: a change here means its bytes mean something else afterwards. */
export function contentKey(placed: PlacedPartition): string {
  const { kind, fs, esp32 } = placed.partition;
  return `${kind}|${fs ?? ''}|${esp32 ? `${esp32.type}/${esp32.subtype}` : ''}`;
}

function roleKey(placed: PlacedPartition): string {
  return `${placed.space}|${contentKey(placed)}`;
}

function groupBy(items: PlacedPartition[], key: (item: PlacedPartition) => string): Map<string, PlacedPartition[]> {
  const groups = new Map<string, PlacedPartition[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Every partition of both layouts exactly once: matched pairs, added ones (new only), removed ones (old only). */
export function matchPartitions(olds: PlacedPartition[], news: PlacedPartition[]): Pair[] {
  const counterpart = new Map<PlacedPartition, Pair>();
  const byName = groupBy(olds, (p) => p.partition.name);
  const taken = new Map<string, number>();
  const unmatchedNew: PlacedPartition[] = [];
  for (const placed of news) {
    const name = placed.partition.name;
    const candidates = byName.get(name);
    const next = taken.get(name) ?? 0;
    if (candidates && next < candidates.length) {
      taken.set(name, next + 1);
      counterpart.set(candidates[next], { old: candidates[next], new: placed, matchedBy: 'name' });
      counterpart.set(placed, counterpart.get(candidates[next])!);
    } else unmatchedNew.push(placed);
  }
  const unmatchedOld = olds.filter((p) => !counterpart.has(p));
  const oldByRole = groupBy(unmatchedOld, roleKey);
  for (const [role, group] of groupBy(unmatchedNew, roleKey)) {
    const candidates = oldByRole.get(role);
    if (!candidates) continue;
    const byStart = (a: PlacedPartition, b: PlacedPartition) => a.start - b.start || a.index - b.index;
    const oldSorted = [...candidates].sort(byStart);
    const newSorted = [...group].sort(byStart);
    for (let i = 0; i < Math.min(oldSorted.length, newSorted.length); i++) {
      const pair: Pair = { old: oldSorted[i], new: newSorted[i], matchedBy: 'role' };
      counterpart.set(oldSorted[i], pair);
      counterpart.set(newSorted[i], pair);
    }
  }
  const pairs: Pair[] = news.map((placed) => counterpart.get(placed) ?? { new: placed });
  for (const placed of olds) if (!counterpart.has(placed)) pairs.push({ old: placed });
  return pairs;
}
