/**
 * The format registry: every file format Flashmap reads or writes, with the same small interface.
 * Adding a format is one codec folder, one bridge in the family that uses it, and its entry in
 * the family's entry list below. Parsers throw FormatError (or a subclass) carrying the
 * line/column or byte offset of the problem.
 */
import type { FamilyId } from '../model/document';
import { emmcFormats } from './emmc';
import { esp32Formats } from './esp32';
import { sstarFormats } from './sstar';
import { norFormats } from './nor';
import { ubootEnvFormats } from './uboot-env';
import type { Format } from './format';
import { genericFormats } from './generic';

export const FORMATS: Format[] = [...esp32Formats, ...sstarFormats, ...emmcFormats, ...norFormats, ...ubootEnvFormats, ...genericFormats];
export function findFormat(id: string): Format | undefined {
  return FORMATS.find((format) => format.id === id);
}

export function formatsFor(family: FamilyId): Format[] {
  return FORMATS.filter((format) => format.families.includes(family));
}

/** Every format whose detection accepts the bytes, those of `family` first (each once). */
export function detectFormats(bytes: Uint8Array, family: FamilyId): Format[] {
  const accepting = FORMATS.filter((format) => format.detect?.(bytes));
  return [...accepting.filter((format) => format.families.includes(family)), ...accepting.filter((format) => !format.families.includes(family))];
}

/** The first format (of `family`, when given) whose detection accepts the bytes. */
export function detectFormat(bytes: Uint8Array, family?: FamilyId): Format | undefined {
  return FORMATS.find((format) => (family === undefined || format.families.includes(family)) && format.detect?.(bytes));
}
