/** Android sparse images (libsparse): written from extents, read by random access, expanded. */
export { encodeSparse, type SparseOutput, type SparseWriteOptions } from './write';
export { parseSparse } from './parse';
export { expandSparse, expandedReader } from './expand';
export { readBytes, type ReadAt } from '../read-at';
export { sortExtents, type Chunks, type Extent } from '../extents';
export type { SparseChunk, SparseChunkType, SparseHeader, SparseImage } from './format';
