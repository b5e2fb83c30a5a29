/** The engine's public face: what the UI, the worker and the CLI import. */
export * from './model/units';
export * from './model/document';
export * from './model/edit';
export { FAMILIES, familyOf, normalizeDocument } from './families';
export type { Family, AlignmentRequirement, ReservedRegion, AddressSpace, PartitionTemplate, Severity } from './families/family';
export { place } from './layout/placement';
export type { Placement, PlacedArea, PlacedPartition, PlacedCopy, FreeSegment } from './layout/placement';
export { validate, hasErrors, GENERIC_RULES } from './rules/validate';
export type { Problem, Fix, Edit, Rule } from './rules/problem';
export { PRESETS, DEFAULT_PRESET_ID, findPreset } from './presets';
export type { Preset } from './presets';
