/** The DOS (MBR) partition table codec: sector 0 and the EBR chain ↔ MbrTable. */
export { chsBytes } from './chs';
export { emitMbr, type MbrEmitOptions } from './emit';
export { parseMbr, type MbrParseOptions, type MbrParseResult } from './parse';
export {
  isExtendedType,
  MAX_LOGICAL_PARTITIONS,
  MAX_MBR_SECTORS,
  type MbrPartition,
  type MbrPiece,
  type MbrTable,
  type MbrWarning,
  type SectorReader,
} from './records';
export { MBR_PARTITION_TYPES, mbrTypeByCode, type MbrPartitionType } from './types';
