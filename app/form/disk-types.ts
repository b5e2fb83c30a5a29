/**
 * Partition type codes of the eMMC/SD tables (../shared/specs/disk-formats.md §a and §b): MBR
 * type bytes and GPT type GUIDs, with the names people know them by.
 */
import type { FieldParser } from './fields';

export interface TypeCode<T> {
  value: T;
  name: string;
}

export const MBR_TYPES: Array<TypeCode<number>> = [
  { value: 0x0c, name: 'FAT32 (LBA)' },
  { value: 0x0e, name: 'FAT16 (LBA)' },
  { value: 0x0b, name: 'FAT32 (CHS)' },
  { value: 0x06, name: 'FAT16' },
  { value: 0x01, name: 'FAT12' },
  { value: 0x83, name: 'Linux' },
  { value: 0x82, name: 'Linux swap' },
  { value: 0x8e, name: 'Linux LVM' },
  { value: 0xfd, name: 'Linux RAID autodetect' },
  { value: 0xef, name: 'EFI system' },
  { value: 0xda, name: 'Non-FS data' },
];

export const GPT_TYPES: Array<TypeCode<string>> = [
  { value: '0FC63DAF-8483-4772-8E79-3D69D8477DE4', name: 'Linux filesystem data' },
  { value: 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B', name: 'EFI System' },
  { value: '0657FD6D-A4AB-43C4-84E5-0933C84B4F4F', name: 'Linux swap' },
  { value: 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7', name: 'Microsoft basic data' },
  { value: 'E6D6D379-F507-44C2-A23C-238F2A3DF928', name: 'Linux LVM' },
  { value: 'A19D880F-05FC-4D3B-A006-743F0F84911E', name: 'Linux RAID' },
  { value: '3DE21764-95BD-54BD-A5C3-4ABE786F38A8', name: 'U-Boot environment' },
];

/** `0x83`: MBR type bytes are written in hex by fdisk and sfdisk. */
export function mbrTypeText(value: number): string {
  return '0x' + value.toString(16).padStart(2, '0');
}

export function mbrTypeName(value: number): string | undefined {
  return MBR_TYPES.find((t) => t.value === value)?.name;
}

export function gptTypeName(guid: string): string | undefined {
  return GPT_TYPES.find((t) => t.value === guid.toUpperCase())?.name;
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
