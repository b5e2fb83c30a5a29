/** The U-Boot environment image (mkenvimage's format): variables ↔ bytes, redundant copies. */
export { ACTIVE_FLAG, type UbootEnvVar } from './records';
export { emitUbootEnv, type UbootEnvEmitOptions } from './emit';
export { parseUbootEnv } from './parse';
export { selectRedundantCopy } from './redundant';
