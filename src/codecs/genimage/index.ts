/** The genimage configuration codec (genimage 16): text ↔ records, and genimage's placement. */
export type { GenimageConfig, GenimageImage } from './records';
export { parseGenimage } from './parse';
export { emitGenimage } from './emit';
export { placeGenimage, type GenimageImagePlacement } from './place';
