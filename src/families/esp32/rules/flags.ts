/** gen_esp32part.py's per-partition rules on the readonly flag and on NVS size. */
import { formatHex } from '../../../model/units';
import { isAlwaysReadWrite, isNvs, NVS_MIN_READ_WRITE_SIZE } from '../../../codecs/esp32/verify';
import { quoted } from '../../../rules/describe';
import { type Problem, fixesOf } from '../../../model/problem';
import { tableView } from './rows';
import type { Rule } from '../../../layout/family';

const readonlyDescription = 'otadata and coredump partitions are always read-write and cannot be flagged readonly';

export const readonlyRule: Rule = {
  code: 'esp32-readonly',
  description: readonlyDescription,
  check(context) {
    return tableView(context)
      .rows.filter((row) => row.readonly && isAlwaysReadWrite(row.type, row.subtype))
      .map((row): Problem => ({
        code: 'esp32-readonly',
        severity: 'error',
        rule: readonlyDescription,
        partitionIds: [row.partition.id],
        message: `${quoted(row.partition.name)} is flagged readonly, but the system writes ${row.subtype === 0 ? 'OTA state' : 'core dumps'} to it`,
        fixes: fixesOf({
          label: 'Remove the readonly flag',
          edits: [{ target: 'partition', id: row.partition.id, set: { flags: (row.partition.flags ?? []).filter((f) => f !== 'readonly') } }],
        }),
      }));
  },
};

const nvsDescription = 'A read/write NVS partition is at least 0x3000 bytes (a smaller one must be flagged readonly)';

export const nvsSizeRule: Rule = {
  code: 'esp32-nvs-size',
  description: nvsDescription,
  check(context) {
    return tableView(context)
      .rows.filter((row) => isNvs(row.type, row.subtype) && !row.readonly && row.placed.size > 0 && row.placed.size < NVS_MIN_READ_WRITE_SIZE)
      .map((row): Problem => ({
        code: 'esp32-nvs-size',
        severity: 'error',
        rule: nvsDescription,
        partitionIds: [row.partition.id],
        message: `NVS partition ${quoted(row.partition.name)} is ${formatHex(row.placed.size)} bytes; read/write NVS needs ${formatHex(NVS_MIN_READ_WRITE_SIZE)} (or flag it readonly)`,
        fixes: fixesOf({ label: `Set size to ${formatHex(NVS_MIN_READ_WRITE_SIZE)}`, edits: [{ target: 'partition', id: row.partition.id, set: { size: NVS_MIN_READ_WRITE_SIZE } }] }),
      }));
  },
};
