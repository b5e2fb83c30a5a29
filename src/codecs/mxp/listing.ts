/**
 * The text mxpgenerator prints on stdout while it writes a table (mxpgenerator.c `main`), line
 * for line. The tool prints through 32-bit `unsigned int` casts, so starts, ends and sizes are
 * shown modulo 2^32 as it would show them. Its first line is `:[<__LINE__>]`, the source line of
 * that printf in whichever copy of mxpgenerator.c was compiled: not derivable from the table, it
 * defaults to 145 as printed by the generator behind the conformance vectors.
 */
import { mxpLists } from './generator';
import { MXP_MAX_RECORDS, type MxpRecord } from './records';

export interface MxpListingOptions {
  /** The BOOT list argument as given; derived with mxpLists when absent. */
  bootList?: string;
  /** The SYS list argument as given; derived with mxpLists when absent. */
  sysList?: string;
  /** The `__LINE__` the tool prints first. */
  sourceLine?: number;
}

const U32 = 2 ** 32;
const u32 = (value: number) => value % U32;
const hex8 = (value: number) => `0x${u32(value).toString(16).toUpperCase().padStart(8, '0')}`;

function row(record: MxpRecord): string {
  const start = u32(record.start);
  const size = u32(record.size);
  // A size of 0xFFFFFFFF means "to the end of the flash" to the tool.
  const span = size !== 0xffffffff ? ` ${hex8(start)}-${hex8(start + size)} size:${Math.floor(size / 1024)}KB` : ` ${hex8(start)}-0xFFFFFFFF size:-${Math.floor(start / 1024)}KB`;
  return `${record.name.padStart(12)}:${span}`;
}

export function mxpListing(records: readonly MxpRecord[], options: MxpListingOptions = {}): string {
  let { bootList, sysList } = options;
  if (bootList === undefined || sysList === undefined) {
    const lists = mxpLists(records);
    bootList ??= lists.bootList;
    sysList ??= lists.sysList;
  }
  const last = records.at(-1);
  // The tool prints its running offset, which is where the last record ends (env_merge only grows earlier ones).
  const used = last === undefined ? 0 : u32(u32(last.start) + u32(last.size));
  const shown = records.slice(0, MXP_MAX_RECORDS);
  const lines = [
    `:[${options.sourceLine ?? 145}]`,
    `BOOT: ${bootList}`,
    `SYS: ${sysList}`,
    `MXP count max ${MXP_MAX_RECORDS}`,
    // "KB" although the number is bytes: the tool's own wording.
    `NOR FLASH HAS USED 0x${used.toString(16)}KB`,
    ...shown.map(row),
    `Available MXP record count:${shown.length}`,
  ];
  return `${lines.join('\n')}\n`;
}
