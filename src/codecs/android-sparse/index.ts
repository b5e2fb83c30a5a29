/** Android sparse images (libsparse): written from extents (read and expanded by ./parse and ./expand). */
export { encodeSparse } from './write';
