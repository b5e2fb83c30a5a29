/** Android sparse images (libsparse): written from extents, read by random access (expanded by ./expand). */
export { encodeSparse } from './write';
export { parseSparse } from './parse';
