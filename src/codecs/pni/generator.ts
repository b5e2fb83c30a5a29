/**
 * What pnigenerator computes from its arguments (pnigenerator.c `parse_partition_section`):
 * entries of -t then -y in order, a running byte offset from 0, each entry at its `@offset` or
 * the running offset, a `-` entry taking the rest of the flash; the record holds start/-l and
 * size/-l (rounded down), the type code of its name and its backup count, and the next entry
 * starts after size + backup × -l. Entries starting at or past the flash end are dropped (the
 * running offset still moves to their start). Only the -t records go into the file; the -y ones
 * exist for the listing. Where the tool would wrap around 32 bits or overflow its 62 records,
 * this is an error instead.
 */
import { formatHex } from '../../model/units';
import type { PniArgs, PniOption } from './args';
import { parsePniList, type PniListSource } from './entries';
import { PniArgumentError } from './errors';
import { PNI_MAX_RECORDS, PNI_RECORD_BYTES, type Pni, type PniRecord } from './records';
import { pniTypeCode } from './types';

export interface PniEntry {
  /** The name as written in the list (the listing shows it). */
  name: string;
  list: 'BOOT' | 'SYS';
  record: PniRecord;
}

export interface PniLayout {
  /** What goes into PARTINFO.pni: the header and the -t records. */
  pni: Pni;
  /** Every entry that got a record, -t then -y, as the listing shows them. */
  entries: PniEntry[];
  /** The running offset after the last entry ("FLASH HAS USED"). */
  used: number;
  warnings: string[];
}

const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;

function locate(args: PniArgs, option: PniOption): { argument?: number; column?: number; option: PniOption } {
  const source = args.sources?.[option];
  return { argument: source?.argument, column: source?.column, option };
}

function flashEnd(args: PniArgs): number {
  const end = args.blockCount * args.blockSize;
  if (end > U32_MAX) {
    throw new PniArgumentError(`-k ${args.blockCount} blocks of -l ${formatHex(args.blockSize)} bytes make ${formatHex(end)} bytes, past pnigenerator's 32-bit offsets`, locate(args, args.sources?.['-k'] ? '-k' : '-l'));
  }
  return end;
}

function settingsWarnings(args: PniArgs): string[] {
  const warnings: string[] = [];
  const geometry = args.blockPageCount * args.pageByteCount;
  if (geometry !== args.blockSize) {
    warnings.push(`-l ${formatHex(args.blockSize)} is not -b × -p = ${formatHex(geometry)}: pnigenerator converts with -l, U-Boot with the flash's own geometry`);
  }
  if (args.unitByteCount !== PNI_RECORD_BYTES) warnings.push(`-u ${args.unitByteCount} is stored as the record size, but records are ${PNI_RECORD_BYTES} bytes`);
  return warnings;
}

export function pniFromArgs(args: PniArgs): PniLayout {
  const end = flashEnd(args);
  const { blockSize } = args;
  const warnings = settingsWarnings(args);
  const entries: PniEntry[] = [];
  let offset = 0;
  const lists = [
    { list: 'BOOT', option: '-t', text: args.bootList },
    { list: 'SYS', option: '-y', text: args.sysList },
  ] as const;
  for (const { list, option, text } of lists) {
    if (text === undefined || text === '') continue;
    const where = locate(args, option);
    const source: PniListSource = { option, argument: where.argument, column: where.column };
    for (const entry of parsePniList(text, source)) {
      const fail = (reason: string) => new PniArgumentError(reason, { ...where, column: entry.column });
      const start = entry.start ?? offset;
      if (start >= end) {
        warnings.push(`${entry.name} starts at ${formatHex(start)}, at or past the flash end ${formatHex(end)}: pnigenerator drops it`);
        offset = start;
        continue;
      }
      if (entries.length === PNI_MAX_RECORDS) throw fail(`${entry.name} would be record ${PNI_MAX_RECORDS + 1}: a PNI holds ${PNI_MAX_RECORDS} records (the -t and -y lists together)`);
      const size = entry.size ?? end - start;
      const blockCount = Math.floor(size / blockSize);
      if (blockCount > U16_MAX) throw fail(`${entry.name} is ${blockCount} blocks of ${formatHex(blockSize)}; a record holds at most 65535`);
      const next = start + size + entry.backupBlockCount * blockSize;
      if (next > U32_MAX) throw fail(`${entry.name} and its backup blocks would end at ${formatHex(next)}, past pnigenerator's 32-bit offsets`);
      if (size % blockSize !== 0) warnings.push(`${entry.name}: size ${formatHex(size)} is not a whole number of ${formatHex(blockSize)} blocks; the record says ${blockCount}`);
      if (start % blockSize !== 0) warnings.push(`${entry.name}: start ${formatHex(start)} is not on a block boundary; the record says block ${Math.floor(start / blockSize)}`);
      if (next > end) warnings.push(`${entry.name} ends at ${formatHex(next)}, past the flash end ${formatHex(end)}`);
      const record = { startBlock: Math.floor(start / blockSize), blockCount, partType: pniTypeCode(entry.name), backupBlockCount: entry.backupBlockCount };
      entries.push({ name: entry.name, list, record });
      offset = next;
    }
  }
  const header = {
    spareByteCount: args.spareByteCount,
    pageByteCount: args.pageByteCount,
    blockPageCount: args.blockPageCount,
    blockCount: args.blockCount,
    unitByteCount: args.unitByteCount,
  };
  const records = entries.filter((entry) => entry.list === 'BOOT').map((entry) => entry.record);
  return { pni: { header, records }, entries, used: offset, warnings };
}
