export {
  ESTAR_BUFFER_SIZE,
  ESTAR_FOOTER,
  ESTAR_HEADER,
  type EstarCommand,
  type EstarLine,
  type EstarScript,
  type NumberedEstarLine,
} from './records';
export { parseEstarScript, type EstarParseOptions } from './parse';
export { emitEstarScript, type EstarEmitOptions } from './emit';
