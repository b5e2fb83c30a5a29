import { formatHex } from '../../../model/units';
import { UINT32_MAX } from '../../../codecs/esp32/table';
import { quoted } from '../../../rules/describe';
import type { Problem } from '../../../model/problem';
import { positionReportedElsewhere, tableView } from './rows';
import type { Rule } from '../../../layout/family';

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
        fixes: [], partitionIds: [row.partition.id],
        message: `${quoted(row.partition.name)} ${row.placed.start > UINT32_MAX ? `starts at ${formatHex(row.placed.start)}` : `is ${formatHex(row.placed.size)} bytes`}, more than the table's 32-bit fields hold (${formatHex(UINT32_MAX)})`,
      }));
  },
};
