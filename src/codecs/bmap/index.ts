/** bmap (bmap-tools format 2.0): block maps of sparse images, written and computed from extents (read by ./parse). */
export { emitBmap } from './emit';
export { bmapRangesFromExtents } from './ranges';
