import { firstFit } from '../../layout/free-space';
import { overlapsOf, type Collision, type Occupant } from '../../layout/overlaps';
import type { Rule, RuleContext } from '../../layout/family';
import type { Fix, Problem } from '../../model/problem';
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
      index < MAX_PROBLEMS_PER_RULE ? overlapProblem(collision, context) : { code: 'overlap', severity: 'error', rule: description, message: '', partitionIds: idsOf(collision) },
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
    fix: moveFix(earlier, later, context),
  };
}

/**
 * Move whichever side can move (the later partition, or the partition sitting on a fixed region)
 * into the first gap that holds it: after the obstacle if there is room, else anywhere in its area.
 */
function moveFix(earlier: Occupant, later: Occupant, context: RuleContext): Fix | undefined {
  const movable = later.what === 'partition' ? later : earlier.what === 'partition' ? earlier : undefined;
  if (movable?.what !== 'partition') return undefined;
  const obstacle = movable === later ? earlier : later;
  const { placement } = context;
  const target = firstFit(placement, movable.placed, obstacle.end) ?? firstFit(placement, movable.placed);
  if (target === undefined) return undefined;
  const where = target >= obstacle.end ? `after ${nameOf(obstacle)}` : 'into free space';
  return {
    label: `Move ${quoted(movable.placed.partition.name)} to ${formatHex(target)}, ${where}`,
    edits: [{ target: 'partition', id: movable.placed.partition.id, set: { offset: target } }],
  };
}
