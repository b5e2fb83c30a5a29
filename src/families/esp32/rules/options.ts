/** Device options and the fixed entries they place (spec §6, §7). */
import { fixedPlace } from '../geometry';
import { formatHex } from '../../../model/units';
import { describeConflict, BOOTLOADER_TYPE, SUBTYPE_BOOTLOADER_RECOVERY } from '../../../codecs/esp32/types';
import { quoted } from '../../../rules/describe';
import { type Problem, fixesOf } from '../../../model/problem';
import { tableView } from './rows';
import type { Rule } from '../../../layout/family';
import { bootloaderOffset, ESP32_BOOTLOADER_OFFSET } from '../../../model/esp32';

const description = 'The ESP32 options are consistent: bootloader below the table, extra subtypes with their own values, a recovery bootloader offset when the table has a recovery bootloader';

export const optionsRule: Rule = {
  code: 'esp32-options',
  description,
  check(context) {
    const { rows, options, catalog } = tableView(context);
    const problems: Problem[] = [];
    const boot = bootloaderOffset(options);
    if (boot >= options.tableOffset) {
      const { primaryBootloaderOffset, ...chipOptions } = options;
      const chipDefault = ESP32_BOOTLOADER_OFFSET[options.chip];
      problems.push({
        code: 'esp32-bootloader-above-table',
        severity: 'error',
        rule: description,
        partitionIds: [],
        message: `Unsupported configuration: the primary bootloader (${formatHex(boot)}) must be below the partition table (${formatHex(options.tableOffset)})`,
        fixes: fixesOf(primaryBootloaderOffset !== undefined && chipDefault < options.tableOffset
            ? { label: `Use the ${options.chip} bootloader offset ${formatHex(chipDefault)}`, edits: [{ target: 'device', set: { esp32: chipOptions } }] }
            : undefined),
      });
    }
    for (const conflict of catalog.conflicts) {
      problems.push({
        code: 'esp32-extra-subtype-conflict',
        severity: 'error',
        rule: description,
        partitionIds: [],
        message: `${describeConflict(conflict)}: that value already has a name`,
        fixes: fixesOf({
          label: `Remove the extra subtype "${conflict.name}"`,
          edits: [{ target: 'device', set: { esp32: { ...options, extraSubtypes: options.extraSubtypes.filter((e) => e !== conflict) } } }],
        }),
      });
    }
    for (const row of rows) {
      if (row.type === BOOTLOADER_TYPE && row.subtype === SUBTYPE_BOOTLOADER_RECOVERY && options.recoveryBootloaderOffset === undefined) {
        problems.push({
          code: 'esp32-recovery-offset',
          severity: 'error',
          rule: description,
          partitionIds: [row.partition.id],
          message: `${quoted(row.partition.name)} is a recovery bootloader, but no recovery bootloader offset is set (gen_esp32part.py --recovery-bootloader-offset)`,
          fixes: fixesOf({
            label: `Use ${formatHex(row.placed.start)} as the recovery bootloader offset`,
            edits: [{ target: 'device', set: { esp32: { ...options, recoveryBootloaderOffset: row.placed.start } } }],
          }),
        });
      }
    }
    return problems;
  },
};

const fixedDescription = 'Bootloader and partition-table entries have the place gen_esp32part.py gives them (it ignores the table\'s own offset and size)';

export const fixedEntryRule: Rule = {
  code: 'esp32-fixed-entry',
  description: fixedDescription,
  check(context) {
    const { rows, options } = tableView(context);
    const problems: Problem[] = [];
    for (const row of rows) {
      const place = fixedPlace(row, options);
      const offset = place.offset ?? row.placed.start;
      const size = place.size ?? row.placed.size;
      if (offset === row.placed.start && size === row.placed.size) continue;
      problems.push({
        code: 'esp32-fixed-entry',
        severity: 'warning',
        rule: fixedDescription,
        partitionIds: [row.partition.id],
        message: `${quoted(row.partition.name)} is at ${formatHex(row.placed.start)}, ${formatHex(row.placed.size)} bytes, but the table will say ${formatHex(offset)}, ${formatHex(size)} bytes`,
        fixes: fixesOf({ label: `Set to ${formatHex(offset)}, ${formatHex(size)} bytes`, edits: [{ target: 'partition', id: row.partition.id, set: { offset, size } }] }),
      });
    }
    return problems;
  },
};
