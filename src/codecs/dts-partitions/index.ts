export type { DtsCell, DtsChunk, DtsNode, DtsProperty } from './tree';
export { parseDts, type DtsSource } from './parse-dts';
export { nodeLines, propertyLine, dtsString } from './emit-dts';
export { emitFixedPartitions, parseFixedPartitions, type DtsPartition, type FixedPartitions, type CellCount } from './partitions';
