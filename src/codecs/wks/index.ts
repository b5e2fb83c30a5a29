/** The Yocto wic kickstart codec: .wks text ↔ records, bitbake variables, and wic's placement. */
export type { WksRecord, WksPartition } from './records';
export { isTemplate } from './records';
export { parseWks } from './parse';
export { emitWks } from './emit';
export { resolveWks } from './resolve';
export { layoutWks } from './layout';
