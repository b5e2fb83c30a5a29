import { formatHex } from '../../../model/units';
import { APP_TYPE, DATA_TYPE, formatType, isKnownSubtype } from '../../../codecs/esp32/types';
import { quoted } from '../../../rules/describe';
import type { Problem } from '../../../model/problem';
import { tableView } from './rows';
import type { Rule } from '../../../layout/family';

const description = 'Subtypes of app, data, bootloader and partition_table have a name (built in, or an extra partition subtype)';

/**
 * The tool accepts any number, but only named subtypes mean something to ESP-IDF: the bootloader
 * boots factory, ota_N and test apps only. Custom data subtypes are a documented use, so those
 * are a note rather than a warning.
 */
export const unknownSubtypeRule: Rule = {
  code: 'esp32-unknown-subtype',
  description,
  check(context) {
    const { rows, catalog } = tableView(context);
    return rows
      .filter((row) => !isKnownSubtype(catalog, row.type, row.subtype))
      .map((row): Problem => ({
        code: 'esp32-unknown-subtype',
        severity: row.type === DATA_TYPE ? 'info' : 'warning',
        rule: description,
        fixes: [], partitionIds: [row.partition.id],
        message:
          `${quoted(row.partition.name)} has ${formatType(row.type)} subtype ${formatHex(row.subtype)}, which has no name` +
          (row.type === APP_TYPE ? ': the bootloader only boots factory, ota_0…ota_15 and test apps' : '') +
          '; if it is yours, add it as an extra partition subtype',
      }));
  },
};
