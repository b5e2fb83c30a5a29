/** bmap (bmap-tools format 2.0): block maps of sparse images, read, written and computed from extents. */
export { emitBmap } from './emit';
export { parseBmap } from './parse';
export { bmapRangesFromExtents } from './ranges';
export { sortExtents, type Chunks, type Extent } from '../extents';
export type { Bmap, BmapChecksumType, BmapInput, BmapRange } from './records';
