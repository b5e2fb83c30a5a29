/**
 * What mxpgenerator computes from its two list arguments (mxpgenerator.c `parse`, spec §1):
 * offsets run from 0 in list order; BOOT-list records are NORMAL, then a synthetic `BOOT` record
 * (NORMAL|MTD) covers the whole BOOT list, then SYS-list records are NORMAL|MTD. The env_merge
 * variant (industio/PurPle-Pi-R1) then grows the record before each `UBOOT_ENV` by UBOOT_ENV's size
 * and clears UBOOT_ENV's MTD bit. `mxpLists` is the way back, for writing a table as arguments.
 */
import { formatHex } from '../../model/units';
import { FormatError } from '../errors';
import { MxpListError, type MxpListName } from './errors';
import { formatMxpList, listNameProblem, parseMxpList, type MxpListEntry } from './lists';
import { quote } from '../quote';
import { MXP_MAX_RECORDS, MXP_TYPE_MTD, MXP_TYPE_NORMAL, MXP_TYPE_NORMAL_MTD, mxpRecord, recordDifference, type MxpRecord } from './records';

export interface MxpGeneratorOptions {
  /** The env_merge variant of mxpgenerator (default: the plain one, as in 2 of the 3 published copies). */
  envMerge?: boolean;
}

const BOOT_RECORD_NAME = 'BOOT';
const ENV_RECORD_NAME = 'UBOOT_ENV';
const U32_MAX = 0xffffffff;

function checkCount(boot: MxpListEntry[], sys: MxpListEntry[]): void {
  if (boot.length >= MXP_MAX_RECORDS) {
    throw new MxpListError(`at most ${MXP_MAX_RECORDS - 1} BOOT entries: the table holds ${MXP_MAX_RECORDS} records and mxpgenerator adds the BOOT record after this list`, 'BOOT', boot[MXP_MAX_RECORDS - 1].column);
  }
  const room = MXP_MAX_RECORDS - boot.length - 1;
  if (sys.length > room) {
    throw new MxpListError(
      `record ${MXP_MAX_RECORDS + 1} of the table: it holds ${MXP_MAX_RECORDS} records (here ${boot.length} BOOT entries, the BOOT record and ${sys.length} SYS entries)`,
      'SYS',
      sys[room].column,
    );
  }
}

function place(entries: MxpListEntry[], list: MxpListName, type: number, offset: number, records: MxpRecord[]): number {
  for (const entry of entries) {
    const end = offset + entry.size;
    // The tool adds in 32 bits; past 4 GiB its offsets would wrap around to 0.
    if (end > U32_MAX) throw new MxpListError(`${entry.name} would end at ${formatHex(end)}, past mxpgenerator's 32-bit offsets`, list, entry.column);
    records.push(mxpRecord(entry.name, offset, entry.size, type));
    offset = end;
  }
  return offset;
}

/** env_merge: in table order, the record before each UBOOT_ENV also covers it. */
function mergeEnv(records: MxpRecord[]): void {
  for (let i = 1; i < records.length; i++) {
    if (records[i].name !== ENV_RECORD_NAME) continue;
    records[i - 1].size += records[i].size;
    records[i].type -= records[i].type & MXP_TYPE_MTD;
  }
}

/** The records mxpgenerator writes for `mxpgenerator "<bootList>" "<sysList>" MXP_SF.bin`. */
export function mxpFromLists(bootList: string, sysList: string, options: MxpGeneratorOptions = {}): MxpRecord[] {
  const boot = parseMxpList(bootList, 'BOOT');
  const sys = parseMxpList(sysList, 'SYS');
  checkCount(boot, sys);
  const records: MxpRecord[] = [];
  const bootEnd = place(boot, 'BOOT', MXP_TYPE_NORMAL, 0, records);
  records.push(mxpRecord(BOOT_RECORD_NAME, 0, bootEnd, MXP_TYPE_NORMAL_MTD));
  place(sys, 'SYS', MXP_TYPE_NORMAL_MTD, bootEnd, records);
  if (options.envMerge) mergeEnv(records);
  return records;
}

export interface MxpLists {
  bootList: string;
  sysList: string;
  /** Only the env_merge variant writes these records. */
  envMerge: boolean;
}

/** Sizes before env_merge: undone from the last record back, since each merge adds the next record's own size. */
function unmergedSizes(records: readonly MxpRecord[]): number[] {
  const sizes = records.map((record) => record.size);
  for (let i = records.length - 2; i >= 0; i--) {
    if (records[i + 1].name === ENV_RECORD_NAME) sizes[i] -= sizes[i + 1];
  }
  return sizes;
}

function candidate(records: readonly MxpRecord[], bootIndex: number, envMerge: boolean): { lists: MxpLists; problem?: string } {
  const sizes = envMerge ? unmergedSizes(records) : records.map((record) => record.size);
  const entries = records.map((record, i) => ({ name: record.name, size: sizes[i] }));
  const lists = { bootList: formatMxpList(entries.slice(0, bootIndex)), sysList: formatMxpList(entries.slice(bootIndex + 1)), envMerge };
  if (sizes.some((size) => size < 0)) return { lists, problem: `a record before ${ENV_RECORD_NAME} is smaller than ${ENV_RECORD_NAME}` };
  let regenerated: MxpRecord[];
  try {
    regenerated = mxpFromLists(lists.bootList, lists.sysList, { envMerge });
  } catch (error) {
    if (error instanceof FormatError) return { lists, problem: error.message };
    throw error;
  }
  if (regenerated.length !== records.length) return { lists, problem: `mxpgenerator would write ${regenerated.length} records, not ${records.length}` };
  for (let i = 0; i < records.length; i++) {
    const difference = recordDifference(regenerated[i], records[i]);
    if (difference) return { lists, problem: `record ${i} (${quote(records[i].name)}) has ${difference}` };
  }
  return { lists };
}

function notGeneratorOutput(reason: string): FormatError {
  return new FormatError(`these MXP records are not what mxpgenerator writes: ${reason}`);
}

/**
 * The two list arguments that make mxpgenerator write exactly `records` (trying the plain variant
 * first, then env_merge); a FormatError says why when no arguments can.
 */
export function mxpLists(records: readonly MxpRecord[]): MxpLists {
  const bootIndex = records.findIndex((record) => record.name === BOOT_RECORD_NAME);
  if (bootIndex === -1) throw notGeneratorOutput(`there is no ${BOOT_RECORD_NAME} record (mxpgenerator adds one after the BOOT list)`);
  if (bootIndex === 0) throw notGeneratorOutput(`the ${BOOT_RECORD_NAME} record comes first, so the BOOT list would be empty`);
  if (bootIndex === records.length - 1) throw notGeneratorOutput(`the ${BOOT_RECORD_NAME} record comes last, so the SYS list would be empty`);
  records.forEach((record, i) => {
    const problem = i === bootIndex ? undefined : listNameProblem(record.name);
    if (problem) throw notGeneratorOutput(`record ${i} cannot be a list entry: ${problem.reason}`);
  });
  const plain = candidate(records, bootIndex, false);
  if (plain.problem === undefined) return plain.lists;
  const merged = candidate(records, bootIndex, true);
  if (merged.problem === undefined) return merged.lists;
  throw notGeneratorOutput(`${plain.problem}${records.some((record) => record.name === ENV_RECORD_NAME) ? ` (nor the env_merge variant: ${merged.problem})` : ''}`);
}
