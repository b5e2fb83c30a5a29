export { MTDPARTS_PREFIX, type MtdDevice, type MtdPartition } from './records';
export { parseMtdparts, parseMtdpartsList } from './parse';
export { emitMtdparts } from './emit';
export { resolveMtdparts } from './resolve';
