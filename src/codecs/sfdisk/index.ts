/** The sfdisk script codec (util-linux 2.38): text ↔ SfdiskScript, and sfdisk's placement as MBR/GPT records. */
export { dumpGptScript, dumpMbrScript } from './dump';
export type { RandomBytes } from '../guid';
export { emitSfdiskScript } from './emit';
export { parseSfdiskScript } from './parse';
export { partitionDevice } from './partname';
export type { SfdiskScript } from './records';
export { resolveSfdiskScript } from './resolve';
