export type { WksRecord, WksPartition, WksBootloader, WksInclude, WksComment, WksTemplate, WksText, WksNumber, WksFstype, WksPtable } from './records';
export { isTemplate } from './records';
export { parseWks, type WksParseOptions } from './parse';
export { emitWks } from './emit';
export { resolveWks, type WksResolution, type WksVariableUse } from './resolve';
export { layoutWks, type WksLayout, type WksLayoutOptions, type WksPlacedPartition, type WksSizeKind } from './layout';
export type { Affects } from './options';
