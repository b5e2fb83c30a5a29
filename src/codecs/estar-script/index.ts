export type { EstarLine } from './records';
export { parseEstarScript } from './parse';
export { emitEstarScript } from './emit';
