/** SWUpdate's sw-description (libconfig): text ↔ SwDescription. */
export type { LibconfigScalar, LibconfigSetting, LibconfigValue } from './libconfig';
export { parseLibconfig } from './parse-libconfig';
export { emitLibconfig } from './emit-libconfig';
export type { SwArtifact, SwDescription } from './records';
export { parseSwDescription, emitSwDescription } from './description';
