import { alignDown, alignUp, formatHex, formatHuman } from '../../model/units';
import { firstFit } from '../../layout/free-space';
import type { PlacedPartition } from '../../layout/placement';
import { amount, quoted, range } from '../describe';
import { fixesOf, type Fix, type Problem } from '../../model/problem';
import type { Rule, RuleContext } from '../../layout/family';

const description = 'Every partition lies inside its area, and every area inside the device';

/** Largest size that still ends by `limit`, honouring the family's size alignment. */
function shrinkFix(context: RuleContext, placed: PlacedPartition, limit: number, what: string): Fix | undefined {
  const { partition } = placed;
  if (typeof partition.size !== 'number' || partition.copies || placed.start >= limit) return undefined;
  const sizeAlign = Math.max(
    1,
    ...context.family.alignments(partition, context.document).filter((r) => r.of === 'size').map((r) => r.value),
  );
  const size = alignDown(limit - placed.start, sizeAlign);
  if (size <= 0) return undefined;
  return { label: `Shrink ${quoted(partition.name)} to ${formatHex(size)} to end at ${what}`, edits: [{ target: 'partition', id: partition.id, set: { size } }] };
}

/** The first gap of its area that holds the whole partition, as it is. */
function moveFix(context: RuleContext, placed: PlacedPartition): Fix | undefined {
  const target = firstFit(context.placement, placed);
  if (target === undefined || target === placed.start) return undefined;
  return {
    label: `Move ${quoted(placed.partition.name)} to ${formatHex(target)}, into free space`,
    edits: [{ target: 'partition', id: placed.partition.id, set: { offset: target } }],
  };
}

/** A larger device of the family (the next flash size) that holds the partition's whole span. */
function growFix(context: RuleContext, placed: PlacedPartition): Fix | undefined {
  const device = context.family.largerDevice?.(context.document.device, placed.spanEnd);
  if (!device) return undefined;
  return { label: `Grow the device to ${formatHuman(device.size)}`, edits: [{ target: 'device', set: { size: device.size } }] };
}

export const boundsRule: Rule = {
  code: 'outside',
  description,
  check(context) {
    const { placement } = context;
    const problems: Problem[] = [];
    const spaceSize = new Map(placement.spaces.map((s) => [s.id, s.size]));
    const spaceName = new Map(placement.spaces.map((s) => [s.id, s.name]));
    for (const area of placement.areas) {
      const size = spaceSize.get(area.space);
      if (size === undefined) {
        problems.push({ code: 'unknown-space', severity: 'error', rule: description, fixes: [], partitionIds: [], message: `Area "${area.area.name}" is in address space "${area.space}", which this device does not have` });
      } else if (area.end > size) {
        problems.push({ code: 'area-outside-device', severity: 'error', rule: description, fixes: [], partitionIds: [], message: `Area "${area.area.name}" (${range(area.start, area.end)}) ends past the end of ${spaceName.get(area.space)} (${amount(size)})` });
      }
    }
    const areaById = new Map(placement.areas.map((a) => [a.area.id, a]));
    for (const placed of placement.partitions) {
      const { partition } = placed;
      const deviceEnd = spaceSize.get(placed.space);
      const area = areaById.get(placed.areaId);
      if (deviceEnd === undefined || !area) continue;
      const name = quoted(partition.name);
      if (placed.spanEnd > deviceEnd) {
        const fixes = fixesOf(moveFix(context, placed), shrinkFix(context, placed, deviceEnd, 'the end of the device'), growFix(context, placed));
        problems.push({
          code: 'outside-device',
          severity: 'error',
          rule: description,
          partitionIds: [partition.id],
          message: `${name} (${range(placed.start, placed.spanEnd)}) runs past the end of ${spaceName.get(placed.space)} (${amount(deviceEnd)}) by ${amount(placed.spanEnd - Math.max(deviceEnd, placed.start))}`,
          fixes,
          noFix: fixes.length === 0 ? `No fix fits: no free space of ${amount(placed.spanEnd - placed.start)} holds ${name}, and the family has no larger device that does. Shrink or remove a partition.` : undefined,
        });
      } else if (placed.start < area.start) {
        problems.push({
          code: 'outside-area',
          severity: 'error',
          rule: description,
          partitionIds: [partition.id],
          message: `${name} starts at ${range(placed.start, placed.spanEnd).split('–')[0]}, before area "${area.area.name}" begins (${range(area.start, area.end)})`,
          fixes: fixesOf(
            {
              label: `Move ${name} to the start of "${area.area.name}"`,
              edits: [{ target: 'partition', id: partition.id, set: { offset: alignUp(area.start, placed.offsetAlignment) } }],
            },
            moveFix(context, placed),
          ),
        });
      } else if (placed.spanEnd > area.end) {
        problems.push({
          code: 'outside-area',
          severity: 'error',
          rule: description,
          partitionIds: [partition.id],
          message: `${name} (${range(placed.start, placed.spanEnd)}) runs past the end of area "${area.area.name}" (${range(area.start, area.end)}) by ${amount(placed.spanEnd - Math.max(area.end, placed.start))}`,
          fixes: fixesOf(moveFix(context, placed), shrinkFix(context, placed, area.end, `the end of "${area.area.name}"`), area.area.size === 'rest' ? growFix(context, placed) : undefined),
        });
      }
    }
    return problems;
  },
};
