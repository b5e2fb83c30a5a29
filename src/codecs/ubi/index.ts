/** UBI images (mtd-utils ubinize's output): written from volumes and their data, read back. */
export { ubiGeometry, type UbiFlash, type UbiGeometry } from './geometry';
export { emitUbi, streamUbi, ubiLayout, type UbiLayout, type UbiVolumeSpec } from './emit';
export { parseUbi, type ParsedUbi, type ParsedUbiVolume } from './parse';
export type { UbiVolumeType } from './media';
