/**
 * The text pnigenerator prints on stdout (pnigenerator.c `main`), line for line: the -t and -y
 * values as getopt meets them, the running offset, then a dump of the in-memory PNI, which holds
 * the -y records too (so its checksum and record count are not the file's), with the entries' own
 * names. Without -o the tool generates nothing and dumps an all-zero PNI.
 */
import type { PniArgs } from './args';
import { emitPni } from './emit';
import type { PniLayout } from './generator';
import { pniChecksum, type PniRecord } from './records';

const U32 = 2 ** 32;

/** printf `%#010X` of the tool's 32-bit product: `0X` and 8 digits, but zero is printed as ten zeros. */
function hex010(value: number): string {
  const u32 = value % U32;
  return u32 === 0 ? '0'.repeat(10) : `0X${u32.toString(16).toUpperCase().padStart(8, '0')}`;
}
/** printf `%#06X`. */
const hex06 = (value: number) => (value === 0 ? '0'.repeat(6) : `0X${value.toString(16).toUpperCase().padStart(4, '0')}`);

function row(index: number, record: PniRecord, name: string, blockSize: number): string {
  const blocks = (count: number) => `${String(count).padStart(4)},(${hex010(count * blockSize)})`;
  return `${String(index).padStart(3)}: ${blocks(record.startBlock)} ${blocks(record.blockCount)} ${blocks(record.backupBlockCount)}  ${hex06(record.partType)},(${name})`;
}

function echoLines(args: PniArgs): string[] {
  const echoes: Array<{ line: string; at: number }> = [];
  if (args.bootList) echoes.push({ line: `BOOT: ${args.bootList}`, at: args.sources?.['-t']?.argument ?? 0 });
  if (args.sysList) echoes.push({ line: `SYS: ${args.sysList}`, at: args.sources?.['-y']?.argument ?? 1 });
  return echoes.sort((a, b) => a.at - b.at).map((echo) => echo.line);
}

export function pniListing(args: PniArgs, layout: PniLayout): string {
  const lines = echoLines(args);
  const generated = args.output !== undefined;
  if (generated) lines.push(`FLASH HAS USED 0x${layout.used.toString(16)}KB`);
  const header = generated ? layout.pni.header : { spareByteCount: 0, pageByteCount: 0, blockPageCount: 0, blockCount: 0, unitByteCount: 0 };
  const entries = generated ? layout.entries : [];
  const checksum = generated ? pniChecksum(emitPni({ header, records: entries.map((entry) => entry.record) })) : 0;
  lines.push(
    `ChkSum       : ${checksum}`,
    `SpareByteCnt : ${header.spareByteCount}`,
    `PageByteCnt  : ${header.pageByteCount}`,
    `BlkPageCnt   : ${header.blockPageCount}`,
    `BlkCnt       : ${header.blockCount}`,
    `PartCnt      : ${entries.length}`,
    `UnitByteCnt  : ${header.unitByteCount}`,
    'Checksum ok!!',
    `IDX: ${'StartBlk:'.padStart(17)} ${'BlkCnt:'.padStart(17)} ${'BackupBlkCnt:'.padStart(17)} ${'PartType:'.padStart(16)}`,
    ...entries.map((entry, i) => row(i, entry.record, entry.name, args.blockSize)),
  );
  return `${lines.join('\n')}\n`;
}
