/** The engine's public face: what the UI, the worker and the CLI import. */
export * from './model/units';
export * from './model/document';
export * from './model/edit';
export * from './model/esp32';
export { FAMILIES, familyOf, normalizeDocument, validate } from './families';
export type { Family, PartitionTemplate } from './layout/family';
export type { AlignmentRequirement, ReservedRegion, AddressSpace } from './layout/regions';
export { place } from './layout/place';
export type { Placement, PlacedArea, PlacedPartition, PlacedCopy, FreeSegment } from './layout/placement';
export { hasErrors, GENERIC_RULES } from './rules/validate';
export type { Problem, Fix, Edit, Severity } from './model/problem';
export { PRESETS, DEFAULT_PRESET_ID, findPreset } from './presets';
export type { Preset } from './presets';
