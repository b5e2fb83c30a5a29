/**
 * Pairs the partitions of two layouts: first by name (in order, when a name repeats), then the
 * rest by role (kind, filesystem, ESP-IDF type and subtype) in the order of their position on
 * the same address space, then what starts at the same place with a compatible content. Maps and one sort per group keep it near-linear for any input.
 */
import type { MatchBasis } from '../layout/comparison';
import type { PlacedPartition } from '../layout/placement';

export interface Pair {
  old?: PlacedPartition;
  new?: PlacedPartition;
  matchedBy?: MatchBasis;
}

/** What the partition holds: a change here means its bytes mean something else afterwards. */
function contentKey(placed: PlacedPartition): string {
  const { kind, fs, esp32 } = placed.partition;
  return `${kind}|${fs ?? ''}|${esp32 ? `${esp32.type}/${esp32.subtype}` : ''}`;
}

const GENERIC_KINDS = new Set(['filesystem', 'data']);

/**
 * Whether the bytes of one can be the content of the other: the same ESP-IDF type and subtype,
 * the same filesystem, or the same kind; where one side does not say (a table read from a
 * device names no filesystem, calls a rootfs a filesystem), what it does say must agree.
 */
export function sameContent(a: PlacedPartition, b: PlacedPartition): boolean {
  const [x, y] = [a.partition, b.partition];
  if (x.esp32 && y.esp32) return x.esp32.type === y.esp32.type && x.esp32.subtype === y.esp32.subtype;
  if (x.fs && y.fs) return x.fs === y.fs;
  return x.kind === y.kind || GENERIC_KINDS.has(x.kind) || GENERIC_KINDS.has(y.kind);
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
  // Last, what still starts at the same place with a compatible content (a table read from a device names nothing).
  const oldByPlace = new Map<string, PlacedPartition>();
  for (const placed of olds) if (!counterpart.has(placed)) oldByPlace.set(`${placed.space}|${placed.start}`, placed);
  for (const placed of news) {
    if (counterpart.has(placed)) continue;
    const candidate = oldByPlace.get(`${placed.space}|${placed.start}`);
    if (!candidate || counterpart.has(candidate) || !sameContent(candidate, placed)) continue;
    const pair: Pair = { old: candidate, new: placed, matchedBy: 'position' };
    counterpart.set(candidate, pair);
    counterpart.set(placed, pair);
  }
  const pairs: Pair[] = news.map((placed) => counterpart.get(placed) ?? { new: placed });
  for (const placed of olds) if (!counterpart.has(placed)) pairs.push({ old: placed });
  return pairs;
}
