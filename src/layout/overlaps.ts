/**
 * Who sits on whom: one sweep over the placed extents and reserved regions, sorted by start, in
 * O(n log n) however many of them overlap (a hostile layout of 10,000 partitions at offset 0 has
 * 50 million overlapping pairs; it gets 10,000 answers). Computed once per placement and shared by
 * the overlap rule and by family rules that stay quiet about positions already reported.
 */
import type { PlacedPartition, Placement } from './placement';
import type { ReservedRegion } from './regions';

export type Occupant =
  | { what: 'partition'; placed: PlacedPartition; space: string; start: number; end: number }
  | { what: 'reserved'; region: ReservedRegion; space: string; start: number; end: number };

/** An occupant that starts inside earlier ones: the one reaching furthest, and how many there are. */
export interface Collision {
  later: Occupant;
  /** Of the occupants it starts inside, the one that ends last. */
  earlier: Occupant;
  /** How many occupants it starts inside (at least 1). */
  count: number;
}

export interface Overlaps {
  collisions: Collision[];
  /** Ids of the partitions that overlap anything, on either side. */
  involved: Set<string>;
}

const cache = new WeakMap<Placement, Overlaps>();

export function overlapsOf(placement: Placement): Overlaps {
  let overlaps = cache.get(placement);
  if (!overlaps) {
    overlaps = sweep(occupantsOf(placement));
    cache.set(placement, overlaps);
  }
  return overlaps;
}

function occupantsOf(placement: Placement): Occupant[] {
  const occupants: Occupant[] = [];
  for (const placed of placement.partitions) {
    if (placed.spanEnd > placed.start) occupants.push({ what: 'partition', placed, space: placed.space, start: placed.start, end: placed.spanEnd });
  }
  for (const region of placement.reserved) occupants.push({ what: 'reserved', region, space: region.space, start: region.start, end: region.end });
  // Reserved regions first among equal starts: the partition is the one to move.
  const order = (o: Occupant) => (o.what === 'partition' ? o.placed.index : -1);
  return occupants.sort((a, b) => (a.space < b.space ? -1 : a.space > b.space ? 1 : a.start - b.start || order(a) - order(b)));
}

function sweep(occupants: Occupant[]): Overlaps {
  const collisions: Collision[] = [];
  const involved = new Set<string>();
  const mark = (o: Occupant) => {
    if (o.what === 'partition') involved.add(o.placed.partition.id);
  };
  const active = new EndHeap();
  let furthest: Occupant | undefined;
  let space: string | undefined;
  for (const current of occupants) {
    if (current.space !== space) {
      active.clear();
      furthest = undefined;
      space = current.space;
    }
    active.dropEndingBy(current.start);
    if (furthest && furthest.end > current.start) {
      collisions.push({ later: current, earlier: furthest, count: active.size });
      mark(current);
      mark(furthest);
    } else {
      furthest = undefined;
    }
    // Everyone still active overlaps `current`; the next occupant tells whether they overlap more.
    active.push(current);
    if (!furthest || current.end > furthest.end) furthest = current;
  }
  // An earlier occupant overlaps a later one exactly when the next occupant of its space starts
  // before it ends (occupants are sorted by start), which marks the rest in one more pass.
  for (let i = 0; i + 1 < occupants.length; i++) {
    const next = occupants[i + 1];
    if (next.space === occupants[i].space && next.start < occupants[i].end) mark(occupants[i]);
  }
  return { collisions, involved };
}

/** A min-heap of active occupants by end: pops those that end at or before a position. */
class EndHeap {
  private items: Occupant[] = [];

  get size(): number {
    return this.items.length;
  }

  clear(): void {
    this.items = [];
  }

  push(item: Occupant): void {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1; i > 0; ) {
      const parent = Math.floor((i - 1) / 2);
      if (items[parent].end <= items[i].end) break;
      [items[parent], items[i]] = [items[i], items[parent]];
      i = parent;
    }
  }

  dropEndingBy(position: number): void {
    const items = this.items;
    while (items.length > 0 && items[0].end <= position) {
      const last = items.pop()!;
      if (items.length === 0) break;
      items[0] = last;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && items[left].end < items[smallest].end) smallest = left;
        if (right < items.length && items[right].end < items[smallest].end) smallest = right;
        if (smallest === i) break;
        [items[smallest], items[i]] = [items[i], items[smallest]];
        i = smallest;
      }
    }
  }
}
