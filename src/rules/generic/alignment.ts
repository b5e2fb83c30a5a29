import { alignUp, formatHex, isAligned } from '../../model/units';
import { alignmentRequirements, type Rule } from '../../layout/family';
import { quoted } from '../describe';
import { type Problem, fixesOf } from '../../model/problem';

const description = 'Offsets and sizes meet the alignment of the device family (erase block, sector, format rule)';

export const alignmentRule: Rule = {
  code: 'misaligned',
  description,
  check({ document, placement, family }) {
    const problems: Problem[] = [];
    for (const placed of placement.partitions) {
      const { partition } = placed;
      const name = quoted(partition.name);
      for (const requirement of alignmentRequirements(family, partition, document)) {
        const { value, reason, severity } = requirement;
        if (requirement.of === 'offset' && !isAligned(placed.start, value)) {
          const target = alignUp(placed.start, value);
          problems.push({
            code: 'misaligned-offset',
            severity,
            rule: description,
            partitionIds: [partition.id],
            message: `${name} starts at ${formatHex(placed.start)}, which is not a multiple of ${formatHex(value)} (${reason})`,
            fixes: fixesOf({ label: `Align offset up to ${formatHex(target)}`, edits: [{ target: 'partition', id: partition.id, set: { offset: target } }] }),
          });
        }
        if (requirement.of === 'size' && placed.size > 0 && !isAligned(placed.size, value)) {
          const target = alignUp(placed.size, value);
          problems.push({
            code: 'misaligned-size',
            severity,
            rule: description,
            partitionIds: [partition.id],
            message: `${name} is ${formatHex(placed.size)} bytes, which is not a multiple of ${formatHex(value)} (${reason})`,
            fixes: fixesOf(partition.size === 'rest'
                ? undefined
                : { label: `Round size up to ${formatHex(target)}`, edits: [{ target: 'partition', id: partition.id, set: { size: target } }] }),
          });
        }
      }
    }
    return problems;
  },
};
