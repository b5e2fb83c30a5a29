export type { LibconfigScalar, LibconfigSetting, LibconfigValue } from './libconfig';
export { parseLibconfig } from './parse-libconfig';
export { emitLibconfig, libconfigString } from './emit-libconfig';
export type { SwArtifact, SwBootenv, SwDescription, SwSection } from './records';
export { parseSwDescription, emitSwDescription } from './description';
