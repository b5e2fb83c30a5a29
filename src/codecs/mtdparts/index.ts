export { MAX_MTD_PARTITIONS, MTDPARTS_PREFIX, type MtdDevice, type MtdPartition, type MtdSize } from './records';
export { parseMtdparts, parseMtdpartsList } from './parse';
export { emitMtdparts, emitMtdpartsList, type MtdpartsEmitOptions } from './emit';
export {
  resolveMtdparts,
  type MtdResolveOptions,
  type MtdWarning,
  type MtdWarningKind,
  type ResolvedMtdPartition,
  type ResolvedMtdparts,
} from './resolve';
