import { alignUp } from '../../model/units';
import type { PlacedPartition } from '../../layout/placement';
import { amount, quoted, range } from '../describe';
import type { Problem } from '../../model/problem';
import type { ReservedRegion } from '../../layout/regions';
import type { Rule } from '../../layout/family';

type Occupant =
  | { what: 'partition'; placed: PlacedPartition; space: string; start: number; end: number }
  | { what: 'reserved'; region: ReservedRegion; space: string; start: number; end: number };

function nameOf(occupant: Occupant): string {
  return occupant.what === 'partition' ? quoted(occupant.placed.partition.name) : `the ${occupant.region.name}`;
}

const description = 'Partitions must not overlap each other or the regions the device reserves';

/** Sweep over extents sorted by start; every overlapping pair is reported once. */
export const overlapRule: Rule = {
  code: 'overlap',
  description,
  check({ placement }) {
    const occupants: Occupant[] = [
      ...placement.partitions
        .filter((p) => p.spanEnd > p.start)
        .map((placed): Occupant => ({ what: 'partition', placed, space: placed.space, start: placed.start, end: placed.spanEnd })),
      ...placement.reserved.map((region): Occupant => ({ what: 'reserved', region, space: region.space, start: region.start, end: region.end })),
    ];
    occupants.sort((a, b) => (a.space < b.space ? -1 : a.space > b.space ? 1 : a.start - b.start || order(a) - order(b)));

    const problems: Problem[] = [];
    let active: Occupant[] = [];
    for (const current of occupants) {
      active = active.filter((other) => other.space === current.space && other.end > current.start);
      for (const earlier of active) problems.push(overlapProblem(earlier, current));
      active.push(current);
    }
    return problems;
  },
};

function order(occupant: Occupant): number {
  return occupant.what === 'partition' ? occupant.placed.index : -1;
}

function overlapProblem(earlier: Occupant, later: Occupant): Problem {
  const shared = Math.min(earlier.end, later.end) - later.start;
  const partitionIds = [earlier, later].flatMap((o) => (o.what === 'partition' ? [o.placed.partition.id] : []));
  // Move whichever side can move: the later partition, or the partition sitting on a fixed region.
  const movable = later.what === 'partition' ? later : earlier.what === 'partition' ? earlier : undefined;
  const obstacle = movable === later ? earlier : later;
  let fix: Problem['fix'];
  if (movable?.what === 'partition') {
    const target = alignUp(obstacle.end, movable.placed.offsetAlignment);
    fix = {
      label: `Move ${quoted(movable.placed.partition.name)} after ${nameOf(obstacle)}`,
      edits: [{ target: 'partition', id: movable.placed.partition.id, set: { offset: target } }],
    };
  }
  return {
    code: 'overlap',
    severity: 'error',
    rule: description,
    message: `${nameOf(later)} (${range(later.start, later.end)}) overlaps ${nameOf(earlier)} (${range(earlier.start, earlier.end)}) by ${amount(shared)}`,
    partitionIds,
    fix,
  };
}
