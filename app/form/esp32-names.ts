/**
 * ESP-IDF partition types and subtypes in the form: every name gen_esp32part.py knows (with the
 * layout's extra subtypes), and any number 0–255 for the rest.
 */
import { buildCatalog, TYPE_NAMES, typeName, type Catalog, type ExtraSubtype } from '../../src/codecs/esp32/types';
import type { FieldParser } from './fields';

export type { Catalog };

export interface NamedValue {
  name: string;
  value: number;
}

/** The names known for a layout: the built-in ones and its extra subtypes. */
export function esp32Catalog(extraSubtypes: readonly ExtraSubtype[] = []): Catalog {
  return buildCatalog(extraSubtypes);
}

export function hexByte(value: number): string {
  return '0x' + value.toString(16).padStart(2, '0');
}

/** Types in value order: app, data, bootloader, partition_table. */
export const TYPE_CHOICES: NamedValue[] = [...TYPE_NAMES].sort((a, b) => a[1] - b[1]).map(([name, value]) => ({ name, value }));

export function subtypeChoices(catalog: Catalog, type: number | undefined): NamedValue[] {
  const keywords = type === undefined ? undefined : catalog.subtypes.get(type)?.keywords;
  if (!keywords) return [];
  return keywords.names.map((name) => ({ name, value: keywords.byName.get(name.toLowerCase())! }));
}

export function typeText(type: number): string {
  return typeName(type) ?? hexByte(type);
}

export function subtypeText(catalog: Catalog, type: number, subtype: number): string {
  return catalog.subtypes.get(type)?.byValue.get(subtype) ?? hexByte(subtype);
}

/** A byte typed as `0x..` or decimal. */
function byteNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(0x[0-9a-f]{1,2}|[0-9]{1,3})$/i.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value <= 255 ? value : undefined;
}

function nameList(names: string[]): string {
  return names.length > 6 ? `${names.slice(0, 6).join(', ')}…` : names.join(', ');
}

export const parseType: FieldParser<number> = (text) => {
  const value = TYPE_NAMES.find(([name]) => name === text.trim().toLowerCase())?.[1] ?? byteNumber(text);
  if (value !== undefined) return { ok: true, value };
  return { ok: false, error: `"${text.trim()}" is not a partition type: use app, data, bootloader, partition_table or a number from 0 to 255` };
};

export function parseSubtype(catalog: Catalog, type: number | undefined): FieldParser<number> {
  return (text) => {
    const keywords = type === undefined ? undefined : catalog.subtypes.get(type)?.keywords;
    const value = keywords?.byName.get(text.trim().toLowerCase()) ?? byteNumber(text);
    if (value !== undefined) return { ok: true, value };
    const known = keywords ? `${nameList(keywords.names)} or ` : '';
    const ofType = type === undefined ? '' : ` of ${typeText(type)}`;
    return { ok: false, error: `"${text.trim()}" is not a subtype${ofType}: use ${known}a number from 0 to 255` };
  };
}
