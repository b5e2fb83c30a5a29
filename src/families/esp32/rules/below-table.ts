import { alignUp, formatHex } from '../../../model/units';
import { isBelowTableEntry } from '../geometry';
import { quoted } from '../../../rules/describe';
import { type Problem, fixesOf } from '../../../model/problem';
import { positionReportedElsewhere, tableView } from './rows';
import type { Rule } from '../../../layout/family';

const description = 'Partitions start after the partition table sector (only the primary bootloader and table entries sit below it)';

export const belowTableRule: Rule = {
  code: 'esp32-below-table',
  description,
  check(context) {
    const { rows, firstFree } = tableView(context);
    return rows
      .filter((row) => !isBelowTableEntry(row) && row.placed.start < firstFree && !positionReportedElsewhere(row.placed, context))
      .map((row): Problem => {
        const target = alignUp(firstFree, row.placed.offsetAlignment);
        const flashArea = context.placement.areas.find((a) => a.area.table === 'esp32')?.area.id ?? row.partition.area;
        return {
          code: 'esp32-below-table',
          severity: 'error',
          rule: description,
          partitionIds: [row.partition.id],
          message: `${quoted(row.partition.name)} starts at ${formatHex(row.placed.start)}, below ${formatHex(firstFree)} where partitions may begin (after the table at ${formatHex(firstFree - 0x1000)})`,
          fixes: fixesOf({ label: `Move to ${formatHex(target)}`, edits: [{ target: 'partition', id: row.partition.id, set: { area: flashArea, offset: target } }] }),
        };
      });
  },
};
