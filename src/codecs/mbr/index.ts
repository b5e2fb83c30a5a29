/** The DOS (MBR) partition table codec: sector 0 and the EBR chain ↔ MbrTable. */
export { emitMbr } from './emit';
export { parseMbr } from './parse';
export { MAX_MBR_SECTORS, type MbrPartition, type MbrTable } from './records';
export { MBR_PARTITION_TYPES, mbrTypeByCode } from './types';
