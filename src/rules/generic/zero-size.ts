import { formatHex } from '../../model/units';
import { quoted } from '../describe';
import { type Problem, fixesOf } from '../../model/problem';
import type { Rule } from '../../layout/family';

const description = 'A partition holds at least one byte';

export const zeroSizeRule: Rule = {
  code: 'zero-size',
  description,
  check({ document, placement }) {
    const unit = document.device.geometry.eraseBlock ?? document.device.geometry.sectorSize ?? 0x1000;
    return placement.partitions
      .filter((placed) => placed.size === 0)
      .map((placed): Problem => ({
        code: 'zero-size',
        severity: 'error',
        rule: description,
        partitionIds: [placed.partition.id],
        message:
          placed.partition.size === 'rest'
            ? `${quoted(placed.partition.name)} takes the rest of its area, but no space is left there`
            : `${quoted(placed.partition.name)} has a size of zero`,
        fixes: fixesOf(placed.partition.size === 'rest'
            ? undefined
            : { label: `Set size to ${formatHex(unit)}`, edits: [{ target: 'partition', id: placed.partition.id, set: { size: unit } }] }),
      }));
  },
};
