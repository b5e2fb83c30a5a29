/** gen_esp32part.py's otadata rules: at most one, exactly 0x2000 bytes; the same for TEE otadata. */
import { formatHex } from '../../../model/units';
import { OTADATA_SIZE } from '../../../codecs/esp32/verify';
import { DATA_TYPE, SUBTYPE_DATA_OTA, SUBTYPE_TEE_OTA } from '../../../codecs/esp32/types';
import { quoted } from '../../../rules/describe';
import { type Problem, fixesOf } from '../../../model/problem';
import { tableView } from './rows';
import type { Rule, RuleContext } from '../../../layout/family';

function otadataProblems(context: RuleContext, subtype: number, what: string, code: string, description: string): Problem[] {
  const found = tableView(context).rows.filter((row) => row.type === DATA_TYPE && row.subtype === subtype);
  if (found.length > 1) {
    return [
      {
        code: `${code}-multiple`,
        severity: 'error',
        rule: description,
        fixes: [], partitionIds: found.map((row) => row.partition.id),
        message: `${found.length} ${what} partitions (${found.map((row) => quoted(row.partition.name)).join(', ')}); only one may exist`,
      },
    ];
  }
  return found
    .filter((row) => row.placed.size > 0 && row.placed.size !== OTADATA_SIZE)
    .map((row) => ({
      code: `${code}-size`,
      severity: 'error' as const,
      rule: description,
      partitionIds: [row.partition.id],
      message: `${what} partition ${quoted(row.partition.name)} is ${formatHex(row.placed.size)} bytes; it must be exactly ${formatHex(OTADATA_SIZE)}`,
      fixes: fixesOf({ label: `Set size to ${formatHex(OTADATA_SIZE)}`, edits: [{ target: 'partition' as const, id: row.partition.id, set: { size: OTADATA_SIZE } }] }),
    }));
}

const otadataDescription = 'At most one otadata partition (data/ota), exactly 0x2000 bytes';

export const otadataRule: Rule = {
  code: 'esp32-otadata',
  description: otadataDescription,
  check: (context) => otadataProblems(context, SUBTYPE_DATA_OTA, 'otadata', 'esp32-otadata', otadataDescription),
};

const teeDescription = 'At most one TEE otadata partition (data/tee_ota), exactly 0x2000 bytes';

export const teeOtadataRule: Rule = {
  code: 'esp32-tee-otadata',
  description: teeDescription,
  check: (context) => otadataProblems(context, SUBTYPE_TEE_OTA, 'TEE otadata', 'esp32-tee-otadata', teeDescription),
};
