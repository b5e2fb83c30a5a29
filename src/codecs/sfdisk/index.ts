/** The sfdisk script codec (util-linux 2.38): text ↔ SfdiskScript, and sfdisk's placement as MBR/GPT records. */
export { formatSfdiskAttributes, parseSfdiskAttributes, unwritableAttributeBits } from './attributes';
export { dumpGptScript, dumpMbrScript, type SfdiskDumpOptions } from './dump';
export { isGuid, randomGuid, type RandomBytes } from '../guid';
export { emitSfdiskScript } from './emit';
export { parseSfdiskScript, MAX_SCRIPT_PARTITIONS, type SfdiskParseResult } from './parse';
export { partitionDevice, partitionNumberOf } from './partname';
export type { SfdiskAmount, SfdiskHeaderName, SfdiskLabel, SfdiskPartitionLine, SfdiskScript, SfdiskWarning } from './records';
export { resolveSfdiskScript, type SfdiskResolution, type SfdiskResolveOptions } from './resolve';
export type { DosResolution } from './resolve-dos';
export { DEFAULT_TABLE_LENGTH, MAX_TABLE_LENGTH, type SfdiskDosPartition, type SfdiskDosTable, type SfdiskGptPartition, type SfdiskGptTable } from './tables';
export type { GptResolution } from './resolve-gpt';
export { sfdiskDosType, sfdiskGptType } from './types';
