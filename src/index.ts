/** The engine's public face: what the UI, the worker and the CLI import. */
export * from './model/units';
export * from './model/document';
export * from './model/edit';
export * from './model/esp32';
export { FAMILIES, familyOf, normalizeDocument } from './families';
export type { Family, PartitionTemplate } from './layout/family';
export type { Placement, PlacedArea, PlacedPartition, FreeSegment } from './layout/placement';
export type { Problem, Fix } from './model/problem';
export { PRESETS, DEFAULT_PRESET_ID, findPreset } from './presets';
