import { formatHex } from '../../model/units';
import { UINT32_MAX } from '../../formats/esp32/table';
import { quoted } from '../describe';
import type { Problem, Rule } from '../problem';
import { positionReportedElsewhere, tableView } from './rows';

const description = 'Offsets and sizes fit the 32-bit fields of the binary table (below 4 GiB)';

export const uint32Rule: Rule = {
  code: 'esp32-32bit',
  description,
  check(context) {
    return tableView(context)
      .rows.filter((row) => (row.placed.start > UINT32_MAX || row.placed.size > UINT32_MAX) && !positionReportedElsewhere(row.placed, context))
      .map((row): Problem => ({
        code: 'esp32-32bit',
        severity: 'error',
        rule: description,
        partitionIds: [row.partition.id],
        message: `${quoted(row.partition.name)} ${row.placed.start > UINT32_MAX ? `starts at ${formatHex(row.placed.start)}` : `is ${formatHex(row.placed.size)} bytes`}, more than the table's 32-bit fields hold (${formatHex(UINT32_MAX)})`,
      }));
  },
};
