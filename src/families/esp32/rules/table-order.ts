import { alignUp, formatHex } from '../../../model/units';
import { isBelowTableEntry } from '../geometry';
import { quoted } from '../../../rules/describe';
import { type Problem, fixesOf } from '../../../model/problem';
import { positionReportedElsewhere, tableView, type TableRow } from './rows';
import type { Rule } from '../../../layout/family';

const description = 'Rows of an ESP-IDF table appear in ascending address order (gen_esp32part.py rejects a row that starts before the previous one ends)';

/**
 * The tool's sequential check (spec §4): walking the rows in order, each must start at or after
 * the furthest end so far. Rows that overlap something are left to the overlap rule, and rows below
 * the table to the below-table rule.
 */
export const tableOrderRule: Rule = {
  code: 'esp32-table-order',
  description,
  check(context) {
    const { rows, firstFree } = tableView(context);
    const problems: Problem[] = [];
    let cursor = firstFree;
    let furthest: TableRow | undefined;
    for (const row of rows) {
      if (isBelowTableEntry(row)) continue;
      const { placed } = row;
      if (furthest && placed.start < cursor && placed.start >= firstFree && !positionReportedElsewhere(placed, context)) {
        const target = alignUp(cursor, placed.offsetAlignment);
        problems.push({
          code: 'esp32-table-order',
          severity: 'error',
          rule: description,
          partitionIds: [row.partition.id, furthest.partition.id],
          message: `${quoted(row.partition.name)} starts at ${formatHex(placed.start)} but comes after ${quoted(furthest.partition.name)} in the table, which ends at ${formatHex(cursor)}; move its row up, or move it after ${quoted(furthest.partition.name)}`,
          fixes: fixesOf({ label: `Move to ${formatHex(target)}, after ${quoted(furthest.partition.name)}`, edits: [{ target: 'partition', id: row.partition.id, set: { offset: target } }] }),
        });
      }
      if (placed.end >= cursor) {
        cursor = placed.end;
        furthest = row;
      }
    }
    return problems;
  },
};
