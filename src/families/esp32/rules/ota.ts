/**
 * What an ESP32 engineer expects beside the reference rules (the tool accepts all of these):
 * OTA slots need otadata and each other, otadata needs slots, app subtypes are not repeated, and
 * a table has an app to boot.
 */
import { APP_TYPE, DATA_TYPE, formatSubtype, OTA_SLOTS, SUBTYPE_DATA_OTA, SUBTYPE_OTA_0 } from '../../../codecs/esp32/types';
import { quotedList } from '../../../rules/describe';
import { pushTo } from '../../../model/collections';
import type { Problem } from '../../../model/problem';
import { tableView, type TableRow } from './rows';
import type { Rule } from '../../../layout/family';

const description = 'An OTA layout has an otadata partition and at least two OTA app slots; app subtypes are not repeated; there is an app to boot';

const isOtaSlot = (row: TableRow) => row.type === APP_TYPE && row.subtype >= SUBTYPE_OTA_0 && row.subtype < SUBTYPE_OTA_0 + OTA_SLOTS;
const isOtadata = (row: TableRow) => row.type === DATA_TYPE && row.subtype === SUBTYPE_DATA_OTA;
const names = (rows: TableRow[]) => quotedList(rows.map((row) => row.partition.name));

export const otaLayoutRule: Rule = {
  code: 'esp32-ota-layout',
  description,
  check(context) {
    const { rows, catalog } = tableView(context);
    const warn = (code: string, message: string, ids: string[], severity: Problem['severity'] = 'warning'): Problem => ({ code, severity, rule: description, fixes: [], partitionIds: ids, message });
    const problems: Problem[] = [];
    const slots = rows.filter(isOtaSlot);
    const otadata = rows.filter(isOtadata);
    const apps = rows.filter((row) => row.type === APP_TYPE);
    if (slots.length > 0 && otadata.length === 0) {
      problems.push(warn('esp32-ota-without-otadata', `OTA app slots ${names(slots)} but no otadata partition (data, ota): the bootloader cannot record which slot to boot`, slots.map((r) => r.partition.id)));
    }
    if (otadata.length > 0 && slots.length === 0) {
      problems.push(warn('esp32-otadata-without-slots', `otadata partition ${names(otadata)} but no OTA app slot (app, ota_0…ota_15) to update`, otadata.map((r) => r.partition.id)));
    }
    if (otadata.length > 0 && slots.length === 1) {
      // Common on purpose (Arduino's no-OTA layouts boot from a lone ota_0), so only a note.
      problems.push(warn('esp32-single-ota-slot', `Only one OTA app slot (${names(slots)}): an OTA update needs a second slot to write while the first one runs`, slots.map((r) => r.partition.id), 'info'));
    }
    const bySubtype = new Map<number, TableRow[]>();
    for (const app of apps) pushTo(bySubtype, app.subtype, app);
    for (const [subtype, group] of bySubtype) {
      if (group.length < 2) continue;
      problems.push(warn('esp32-repeated-app-subtype', `${names(group)} all have app subtype ${formatSubtype(catalog, APP_TYPE, subtype)}: the bootloader only ever uses the first`, group.map((r) => r.partition.id)));
    }
    if (rows.length > 0 && apps.length === 0) {
      problems.push(warn('esp32-no-app', 'No app partition: the bootloader has nothing to boot', []));
    }
    return problems;
  },
};
