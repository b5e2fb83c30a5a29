/**
 * Partition types and subtypes of ESP-IDF, by name and value, as gen_esp32part.py knows them
 * (including the names added with --extra-partition-subtypes). Name order matters: it is the
 * order of the "Known keywords" list in error messages, and the first name of a value wins when a
 * value is printed.
 */
import type { Keywords } from './numbers';

export const APP_TYPE = 0x00;
export const DATA_TYPE = 0x01;
export const BOOTLOADER_TYPE = 0x02;
export const PARTITION_TABLE_TYPE = 0x03;

export const SUBTYPE_PRIMARY = 0x00;
export const SUBTYPE_BOOTLOADER_RECOVERY = 0x02;
export const SUBTYPE_FACTORY = 0x00;
export const SUBTYPE_OTA_0 = 0x10;
export const OTA_SLOTS = 16;
export const SUBTYPE_DATA_OTA = 0x00;
export const SUBTYPE_NVS = 0x02;
export const SUBTYPE_COREDUMP = 0x03;
export const SUBTYPE_UNDEFINED = 0x06;
export const SUBTYPE_TEE_OTA = 0x90;

export type TypeName = 'app' | 'data' | 'bootloader' | 'partition_table';

export const TYPE_NAMES: Array<[TypeName, number]> = [
  ['bootloader', BOOTLOADER_TYPE],
  ['partition_table', PARTITION_TABLE_TYPE],
  ['app', APP_TYPE],
  ['data', DATA_TYPE],
];

const BUILTIN_SUBTYPES: Record<TypeName, Array<[string, number]>> = {
  bootloader: [
    ['primary', 0x00],
    ['ota', 0x01],
    ['recovery', 0x02],
  ],
  partition_table: [
    ['primary', 0x00],
    ['ota', 0x01],
  ],
  app: [
    ['factory', 0x00],
    ['test', 0x20],
    ...Array.from({ length: OTA_SLOTS }, (_, slot): [string, number] => [`ota_${slot}`, SUBTYPE_OTA_0 + slot]),
    ['tee_0', 0x30],
    ['tee_1', 0x31],
  ],
  data: [
    ['ota', 0x00],
    ['phy', 0x01],
    ['nvs', 0x02],
    ['coredump', 0x03],
    ['nvs_keys', 0x04],
    ['efuse', 0x05],
    ['undefined', 0x06],
    ['esphttpd', 0x80],
    ['fat', 0x81],
    ['spiffs', 0x82],
    ['littlefs', 0x83],
    ['tee_ota', 0x90],
  ],
};

export interface ExtraSubtype {
  type: TypeName;
  name: string;
  value: number;
}

/** Names of one type's subtypes: lookup as the tool looks them up, display names in order. */
interface SubtypeNames {
  keywords: Keywords;
  /** value → first name with that value. */
  byValue: Map<number, string>;
}

export interface Catalog {
  types: Keywords;
  subtypes: Map<number, SubtypeNames>;
  /** Extra subtypes left out because they reuse a value of their type (the tool stops on them). */
  conflicts: ExtraSubtype[];
}

/**
 * The names known for a run of the tool, kept as its dictionaries keep them: an extra subtype
 * reusing a name replaces its value in place, an extra name keeps its letters as given (so one
 * with a capital letter never matches a field, which the tool lower-cases). One reusing a value
 * of the same type is left out and listed in `conflicts`, for the caller to report.
 */
export function buildCatalog(extras: readonly ExtraSubtype[] = []): Catalog {
  const subtypes = new Map<number, SubtypeNames>();
  const conflicts: ExtraSubtype[] = [];
  for (const [typeKeyword, typeValue] of TYPE_NAMES) {
    // A Map keeps a replaced name in its original place, like the tool's Python dict.
    const entries = new Map<string, number>(BUILTIN_SUBTYPES[typeKeyword]);
    for (const extra of extras.filter((e) => e.type === typeKeyword)) {
      if ([...entries.values()].includes(extra.value)) conflicts.push(extra);
      else entries.set(extra.name, extra.value);
    }
    const byValue = new Map<number, string>();
    for (const [name, value] of entries) if (!byValue.has(value)) byValue.set(value, name);
    subtypes.set(typeValue, { keywords: { byName: entries, names: [...entries.keys()] }, byValue });
  }
  const types: Keywords = { byName: new Map(TYPE_NAMES), names: TYPE_NAMES.map(([name]) => name) };
  return { types, subtypes, conflicts };
}

/** How the tool words an extra subtype that reuses a value (it stops with this message). */
export function describeConflict(extra: ExtraSubtype): string {
  return `Found duplicate value in partition subtype: ${extra.type},${extra.name},0x${extra.value.toString(16)}`;
}

export function typeName(type: number): TypeName | undefined {
  return TYPE_NAMES.find(([, value]) => value === type)?.[0];
}

/** The name the tool prints for a type: its keyword, or the number in decimal. */
export function formatType(type: number): string {
  return typeName(type) ?? String(type);
}

/** The name the tool prints for a subtype of a type: its keyword, or the number in decimal. */
export function formatSubtype(catalog: Catalog, type: number, subtype: number): string {
  return catalog.subtypes.get(type)?.byValue.get(subtype) ?? String(subtype);
}

export function subtypeKeywords(catalog: Catalog, type: number): Keywords | undefined {
  return catalog.subtypes.get(type)?.keywords;
}

/** Whether the subtype has a name for its type (unnamed values of known types are legal but unusual). */
export function isKnownSubtype(catalog: Catalog, type: number, subtype: number): boolean {
  return catalog.subtypes.get(type)?.byValue.has(subtype) ?? true;
}

/**
 * The tool's warnings for a name that is also a keyword (spec §5 steps 4 and 5): a type name used
 * for another type, or a subtype name that does not name this partition's own type and subtype.
 */
export function keywordNameWarnings(catalog: Catalog, name: string, type: number, subtype: number): string[] {
  const warnings: string[] = [];
  const asType = TYPE_NAMES.find(([typeKeyword]) => typeKeyword === name);
  if (asType && asType[1] !== type) {
    warnings.push(`WARNING: Partition has name '${name}' which is a partition type, but does not match this partition's type (0x${type.toString(16)}). Mistake in partition table?`);
  }
  const isSubtypeName = [...catalog.subtypes.values()].some((names) => names.keywords.byName.has(name));
  if (isSubtypeName && catalog.subtypes.get(type)?.keywords.byName.get(name) !== subtype) {
    warnings.push(
      `WARNING: Partition has name '${name}' which is a partition subtype, but this partition has non-matching type 0x${type.toString(16)} and subtype 0x${subtype.toString(16)}. Mistake in partition table?`,
    );
  }
  return warnings;
}

export function isPrimaryBootloader(type: number, subtype: number): boolean {
  return type === BOOTLOADER_TYPE && subtype === SUBTYPE_PRIMARY;
}

export function isPrimaryPartitionTable(type: number, subtype: number): boolean {
  return type === PARTITION_TABLE_TYPE && subtype === SUBTYPE_PRIMARY;
}

/** Entries whose place is fixed below the table: they take no part in automatic offsets. */
export function isFixedBelowTable(type: number, subtype: number): boolean {
  return isPrimaryBootloader(type, subtype) || isPrimaryPartitionTable(type, subtype);
}

/** Offset alignment of a type: 64 KiB for apps, 4 KiB for every other type (custom ones too). */
export function offsetAlignment(type: number): number {
  return type === APP_TYPE ? 0x10000 : 0x1000;
}

/** Size alignment of apps: 64 KiB with secure boot v1 (signature at the end of a 64 KiB block), else 4 KiB. */
export function appSizeAlignment(secure: 'none' | 'v1' | 'v2'): number {
  return secure === 'v1' ? 0x10000 : 0x1000;
}

/** What a layout partition without an `esp32` bag stands for in a table, guessed from its kind. */
export function entryTypeOf(partition: { esp32?: { type: number; subtype: number }; kind: string; fs?: string }): { type: number; subtype: number } {
  if (partition.esp32) return partition.esp32;
  switch (partition.kind) {
    case 'app':
      return { type: APP_TYPE, subtype: SUBTYPE_FACTORY };
    case 'bootloader':
      return { type: BOOTLOADER_TYPE, subtype: SUBTYPE_PRIMARY };
    case 'table':
      return { type: PARTITION_TABLE_TYPE, subtype: SUBTYPE_PRIMARY };
    case 'ota-data':
      return { type: DATA_TYPE, subtype: SUBTYPE_DATA_OTA };
    case 'phy':
      return { type: DATA_TYPE, subtype: 0x01 };
    case 'nvs':
      return { type: DATA_TYPE, subtype: SUBTYPE_NVS };
    case 'coredump':
      return { type: DATA_TYPE, subtype: SUBTYPE_COREDUMP };
    case 'filesystem':
      return { type: DATA_TYPE, subtype: partition.fs === 'spiffs' ? 0x82 : partition.fs === 'littlefs' ? 0x83 : partition.fs === 'fat' || partition.fs === 'vfat' ? 0x81 : SUBTYPE_UNDEFINED };
    default:
      return { type: DATA_TYPE, subtype: SUBTYPE_UNDEFINED };
  }
}
