/** Device-tree source and the Linux fixed-partitions binding: text ↔ FixedPartitions. */
export { parseDts } from './parse-dts';
export { emitFixedPartitions, parseFixedPartitions, type DtsPartition, type FixedPartitions } from './partitions';
