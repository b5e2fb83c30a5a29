/**
 * The bridge between a SigmaStar SPI-NOR layout and MXP_SF.bin. mxpgenerator takes two lists of
 * `0x<size>(<NAME>)` and places every entry right after the previous one from 0: the BOOT list
 * is the BOOT area, the SYS list the SYS area, each in document order. A layout whose
 * partitions are not where the tool would put them (a gap, an explicit offset elsewhere) cannot
 * be written as lists; `mxpEntries` says where each would land, so a rule can show it live.
 */
import {
  formatMxpList,
  MXP_STATUS_ACTIVE,
  MXP_STATUS_EMPTY,
  MXP_STATUS_INACTIVE,
  MXP_STATUS_READY,
  MXP_STATUS_UPGRADING,
  mxpFromLists,
  mxpLists,
  parseMxpList,
  type MxpLists,
  type MxpRecord,
  type MxpTable,
} from '../../codecs/mxp';
import { FormatError } from '../../codecs/errors';
import { place } from '../../layout/place';
import type { LayoutDocument, Partition } from '../../model/document';
import { formatHex, MiB } from '../../model/units';
import { idAllocator } from '../../model/ids';
import { keepFromCurrent, powerOfTwoFor, sstarDocument } from './carry';
import { kindOf } from './names';
import { sstarNorBase } from './nor-base';
import { envMergeOf } from './options';
import { mxpEntries } from './mxp-entries';

/** The mxpgenerator arguments for a layout; a FormatError names the first partition the tool would misplace. */
export function documentMxpLists(document: LayoutDocument): MxpLists {
  const entries = mxpEntries(document, place(document, sstarNorBase));
  const moved = entries.find((entry) => entry.start !== entry.toolStart);
  if (moved) {
    throw new FormatError(
      `${moved.name} is at ${formatHex(moved.start)}, but mxpgenerator places every partition right after the previous one, so MXP_SF.bin would put it at ${formatHex(moved.toolStart)}: close the gap or move it there`,
    );
  }
  const of = (list: 'BOOT' | 'SYS') => formatMxpList(entries.filter((entry) => entry.list === list));
  return { bootList: of('BOOT'), sysList: of('SYS'), envMerge: envMergeOf(document) };
}

/** The records mxpgenerator writes for the layout. */
export function documentMxpRecords(document: LayoutDocument): MxpRecord[] {
  const { bootList, sysList, envMerge } = documentMxpLists(document);
  return mxpFromLists(bootList, sysList, { envMerge });
}

const BOOT_RECORD = 'BOOT';

/** What `mxp r.set <name> status` leaves in a record (part_mxp.h), which a table written again resets to EMPTY. */
const STATUS_NAMES = new Map([
  [MXP_STATUS_INACTIVE, 'inactive'],
  [MXP_STATUS_ACTIVE, 'active'],
  [MXP_STATUS_READY, 'ready'],
  [MXP_STATUS_UPGRADING, 'upgrading: an update of it did not finish'],
]);

function statusWarnings(records: readonly MxpRecord[]): string[] {
  return records
    .filter((record) => record.status !== MXP_STATUS_EMPTY)
    .map((record) => `MXP record ${record.name} has status 0x${record.status.toString(16).toUpperCase()} (${STATUS_NAMES.get(record.status) ?? 'not one part_mxp.h defines'}); mxpgenerator writes EMPTY (0x00)`);
}

interface Row {
  name: string;
  start: number;
  size: number;
}

/** Rows before and after the BOOT record, with the sizes mxpgenerator was given when it wrote them. */
function rowsOf(table: MxpTable): { boot: Row[]; sys: Row[]; envMerge?: boolean; generated: boolean; warnings: string[] } {
  const warnings: string[] = [];
  const at = table.records.findIndex((record) => record.name === BOOT_RECORD);
  if (table.generation === 'mxpgenerator' || table.generation === 'mxpgenerator-env-merge') {
    const lists = mxpLists(table.records);
    const rows = (text: string, from: number) => {
      let offset = from;
      return parseMxpList(text, 'BOOT').map((entry) => {
        const row = { name: entry.name, start: offset, size: entry.size };
        offset += entry.size;
        return row;
      });
    };
    const boot = rows(lists.bootList, 0);
    const bootEnd = boot.reduce((end, row) => Math.max(end, row.start + row.size), 0);
    return { boot, sys: rows(lists.sysList, bootEnd), envMerge: lists.envMerge, generated: true, warnings };
  }
  if (at === -1) warnings.push('the table has no BOOT record, so every record is read into the SYS area');
  const toRow = (record: MxpRecord): Row => ({ name: record.name, start: record.start, size: record.size });
  return {
    boot: at === -1 ? [] : table.records.slice(0, at).map(toRow),
    sys: table.records.slice(at + 1).map(toRow),
    generated: false,
    warnings,
  };
}

/**
 * A layout from a table. A table as mxpgenerator writes it becomes automatic offsets, which the
 * tool's lists reproduce; any other table (an older generation, one edited with `mxp r.set`) keeps
 * each record at its own offset, so the rules can show what this U-Boot would make of it.
 */
export function mxpToDocument(table: MxpTable, current: LayoutDocument): { document: LayoutDocument; warnings: string[] } {
  const { boot, sys, envMerge, generated, warnings } = rowsOf(table);
  const uniqueId = idAllocator();
  const partitionOf = (row: Row, area: string): Partition => ({
    id: uniqueId(row.name),
    name: row.name,
    area,
    offset: generated ? 'auto' : row.start,
    size: row.size,
    kind: kindOf(row.name),
  });
  const end = [...boot, ...sys].reduce((max, row) => Math.max(max, row.start + row.size), 0);
  const same = current.device.family === 'sstar-nor';
  const base = same ? current.device : sstarNorBase.defaultDevice();
  const size = same && end <= current.device.size ? current.device.size : powerOfTwoFor(end, 1 * MiB);
  const sstar = { ...base.sstar };
  // Only a table whose UBOOT_ENV was merged tells which variant wrote it.
  if (envMerge === true) sstar.envMerge = true;
  else if (envMerge === false && table.records.some((record) => record.name === 'UBOOT_ENV')) delete sstar.envMerge;
  const device = { ...base, size, ...(Object.keys(sstar).length > 0 ? { sstar } : {}) };
  if (Object.keys(sstar).length === 0) delete device.sstar;
  const partitions = keepFromCurrent([...boot.map((row) => partitionOf(row, 'boot')), ...sys.map((row) => partitionOf(row, 'sys'))], current, 'sstar-nor');
  const document = sstarDocument(same ? current.name : 'SigmaStar SPI-NOR (MXP_SF.bin)', device, sstarNorBase.defaultAreas(device), partitions);
  const label = table.generation === 'legacy' ? ['an older generation of MXP table, read as it is: records keep their own offsets'] : [];
  return { document, warnings: [...table.warnings, ...warnings, ...label, ...statusWarnings(table.records)] };
}
