/**
 * Partition type codes of the eMMC/SD tables (../shared/specs/disk-formats.md §a and §b): MBR
 * type bytes and GPT type GUIDs, with the names people know them by.
 */
import type { FieldParser } from './fields';
import { GPT_PARTITION_TYPES, gptTypeByGuid } from '../../src/codecs/gpt';
import { MBR_PARTITION_TYPES, mbrTypeByCode } from '../../src/codecs/mbr';

export interface TypeCode<T> {
  value: T;
  name: string;
}

/** The codecs' lists (util-linux's names; U-Boot's for its environment GUID), most used first. */
export const MBR_TYPES: Array<TypeCode<number>> = MBR_PARTITION_TYPES.filter((type) => type.code !== 0x05 && type.code !== 0x0f && type.code !== 0x85 && type.code !== 0xee).map((type) => ({ value: type.code, name: type.name }));

export const GPT_TYPES: Array<TypeCode<string>> = GPT_PARTITION_TYPES.map((type) => ({ value: type.guid, name: type.name }));

/** `0x83`: MBR type bytes are written in hex by fdisk and sfdisk. */
export function mbrTypeText(value: number): string {
  return '0x' + value.toString(16).padStart(2, '0');
}

export function mbrTypeName(value: number): string | undefined {
  return mbrTypeByCode(value)?.name;
}

export function gptTypeName(guid: string): string | undefined {
  return gptTypeByGuid(guid)?.name;
}

/** A type byte in hex, with or without `0x` (as fdisk shows it: `83` is Linux, 0x83). */
export const parseMbrType: FieldParser<number> = (text) => {
  const match = /^(?:0x)?([0-9a-f]{1,2})$/i.exec(text.trim());
  if (match) return { ok: true, value: parseInt(match[1], 16) };
  return { ok: false, error: `"${text.trim()}" is not a type byte: give two hex digits, 00 to FF (83 is Linux, 0c FAT32)` };
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID in its usual 8-4-4-4-12 spelling (either case, kept as typed). */
export const parseGuid: FieldParser<string> = (text) => {
  const trimmed = text.trim();
  if (GUID.test(trimmed)) return { ok: true, value: trimmed };
  return { ok: false, error: `"${trimmed}" is not a GUID: expected 8-4-4-4-12 hex digits, like 0FC63DAF-8483-4772-8E79-3D69D8477DE4` };
};
