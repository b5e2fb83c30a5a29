import { firstFit } from '../../layout/free-space';
import { overlapsOf, type Collision, type Occupant } from '../../layout/overlaps';
import type { Rule, RuleContext } from '../../layout/family';
import { type Fix, type Problem, fixesOf } from '../../model/problem';
import { formatHex } from '../../model/units';
import { amount, quoted, range } from '../describe';
import { MAX_PROBLEMS_PER_RULE } from '../limits';

const description = 'Partitions must not overlap each other or the regions the device reserves';

function nameOf(occupant: Occupant): string {
  return occupant.what === 'partition' ? quoted(occupant.placed.partition.name) : `the ${occupant.region.name}`;
}

/** One problem per partition that starts inside others, naming the one it reaches into furthest. */
export const overlapRule: Rule = {
  code: 'overlap',
  description,
  check(context) {
    // Only the problems that will be listed are worded and get a fix; the rest fold into the
    // summary, which needs their partitions alone.
    return overlapsOf(context.placement).collisions.map((collision, index) =>
      index < MAX_PROBLEMS_PER_RULE ? overlapProblem(collision, context) : { code: 'overlap', severity: 'error', rule: description, message: '', fixes: [], partitionIds: idsOf(collision) },
    );
  },
};

function idsOf({ earlier, later }: Collision): string[] {
  return [earlier, later].flatMap((o) => (o.what === 'partition' ? [o.placed.partition.id] : []));
}

function overlapProblem(collision: Collision, context: RuleContext): Problem {
  const { earlier, later, count } = collision;
  const shared = Math.min(earlier.end, later.end) - later.start;
  const others = count > 1 ? ` and ${count - 1} other${count > 2 ? 's' : ''}` : '';
  return {
    code: 'overlap',
    severity: 'error',
    rule: description,
    message: `${nameOf(later)} (${range(later.start, later.end)}) overlaps ${nameOf(earlier)} (${range(earlier.start, earlier.end)}) by ${amount(shared)}${others}`,
    partitionIds: idsOf(collision),
    ...withNoFix(fixesFor(earlier, later, context), later, earlier),
  };
}

/** The fixes, or why there is none: no gap of the area holds the partition that would move. */
function withNoFix(fixes: Fix[], later: Occupant, earlier: Occupant): Pick<Problem, 'fixes' | 'noFix'> {
  if (fixes.length > 0) return { fixes };
  const movable = later.what === 'partition' ? later : earlier;
  if (movable.what !== 'partition') return { fixes };
  const size = movable.placed.spanEnd - movable.placed.start;
  return { fixes, noFix: `No fix fits: no free space of ${amount(size)} holds ${nameOf(movable)}. Shrink or remove a partition, or use a larger device.` };
}

/**
 * Ways out, best first: move whichever side can move (the later partition, or the partition sitting
 * on a fixed region) into the first gap after the obstacle that holds it, or into the first gap of
 * its area; or shrink the earlier partition to end where the later one starts.
 */
function fixesFor(earlier: Occupant, later: Occupant, context: RuleContext): Fix[] {
  const movable = later.what === 'partition' ? later : earlier.what === 'partition' ? earlier : undefined;
  if (movable?.what !== 'partition') return [];
  const obstacle = movable === later ? earlier : later;
  const { placement } = context;
  const after = firstFit(placement, movable.placed, obstacle.end);
  const anywhere = firstFit(placement, movable.placed);
  const move = (target: number | undefined, where: string): Fix | undefined =>
    target === undefined
      ? undefined
      : { label: `Move ${quoted(movable.placed.partition.name)} to ${formatHex(target)}, ${where}`, edits: [{ target: 'partition', id: movable.placed.partition.id, set: { offset: target } }] };
  return fixesOf(move(after, `after ${nameOf(obstacle)}`), anywhere !== after ? move(anywhere, 'into free space') : undefined, shrinkFix(earlier, later, context));
}

/** The earlier partition cut to end where the later one starts, in whole units of its size alignment. */
function shrinkFix(earlier: Occupant, later: Occupant, context: RuleContext): Fix | undefined {
  if (earlier.what !== 'partition') return undefined;
  const { partition } = earlier.placed;
  if (typeof partition.size !== 'number' || partition.copies) return undefined;
  const unit = Math.max(1, ...context.family.alignments(partition, context.document).filter((r) => r.of === 'size').map((r) => r.value));
  const size = Math.floor((later.start - earlier.start) / unit) * unit;
  if (size <= 0) return undefined;
  return { label: `Shrink ${quoted(partition.name)} to ${formatHex(size)}, ending before ${nameOf(later)}`, edits: [{ target: 'partition', id: partition.id, set: { size } }] };
}
