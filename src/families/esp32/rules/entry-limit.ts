import { fixesOf } from '../../../model/problem';
import { maxEntries } from '../../../codecs/esp32/table';
import { tableView } from './rows';
import type { Rule } from '../../../layout/family';

const description = 'An ESP-IDF table holds at most 94 entries with the MD5 row, 95 without (0xC00 bytes ending with a row of 0xFF)';

export const entryLimitRule: Rule = {
  code: 'esp32-entry-limit',
  description,
  check(context) {
    const { rows, options } = tableView(context);
    const limit = maxEntries(options.md5);
    if (rows.length <= limit) return [];
    const withoutMd5 = maxEntries(false);
    return [
      {
        code: 'esp32-entry-limit',
        severity: 'error',
        rule: description,
        partitionIds: rows.slice(limit).map((row) => row.partition.id),
        message: `The table has ${rows.length} entries but only ${limit} fit${options.md5 ? ' with the MD5 row' : ''}: gen_esp32part.py stops with "Binary partition table length longer than max"`,
        fixes: fixesOf(options.md5 && rows.length <= withoutMd5
            ? { label: 'Leave out the MD5 row (room for 95 entries)', edits: [{ target: 'device', set: { esp32: { ...options, md5: false } } }] }
            : undefined),
      },
    ];
  },
};
