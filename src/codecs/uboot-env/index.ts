export type { UbootEnvVar } from './records';
export { COMMON_ENV_SIZES, DEFAULT_FILL, ACTIVE_FLAG, MAX_ENV_SIZE } from './records';
export { emitUbootEnv, type UbootEnvEmitOptions } from './emit';
export { parseUbootEnv, findUbootEnvHeader, readUbootEnvVars, type UbootEnvImage, type UbootEnvHeader, type UbootEnvParseOptions } from './parse';
export { selectRedundantCopy, type RedundantChoice } from './redundant';
