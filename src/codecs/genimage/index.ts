export type { GenimageConfig, GenimageHdimage, GenimageHole, GenimageImage, GenimageOtherImage, GenimagePartition, GenimageTableType } from './records';
export { parseGenimage, type GenimageParseOptions } from './parse';
export { emitGenimage, confuseString } from './emit';
export { placeGenimage, type GenimagePlaceOptions, type GenimageImagePlacement, type GenimagePlacedPartition } from './place';
export { parseSize, formatSize } from './sizes';
export type { Environment } from './lexer';
