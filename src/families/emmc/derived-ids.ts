/**
 * Identifiers a table needs but a new layout lacks (disk GUID, partition GUIDs, the MBR disk
 * signature). The family's normalisation writes them into the layout the first time it sees it
 * (derived from the layout's name and the partition's id, so a preset gives the same ones every
 * time); from then on they are the layout's own and survive renames. Every export of one layout
 * (GPT bytes, sfdisk script, .wks, genimage config) carries the same ones.
 * Derived GUIDs are RFC 9562 version 8 (vendor-defined) with the RFC 4122 variant.
 */
import { crc32 } from '../../codecs/crc32';
import { encodeUtf8 } from '../../codecs/text';
import type { LayoutDocument } from '../../model/document';

function hash32(text: string, salt: number): number {
  return crc32(encodeUtf8(`${salt}\u0000${text}`));
}

/** A GUID from text: four salted CRC-32s, version and variant bits set. */
export function derivedGuid(text: string): string {
  const words = [0, 1, 2, 3].map((salt) => hash32(text, salt).toString(16).padStart(8, '0'));
  const hex = words.join('').split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const digits = hex.join('').toUpperCase();
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}

export function diskGuidOf(document: LayoutDocument): string {
  return document.device.emmc?.gpt?.diskGuid?.toUpperCase() ?? derivedGuid(`disk:${document.name}`);
}

export function partitionGuidOf(document: LayoutDocument, partition: { id: string; gpt?: { uuid?: string } }): string {
  return partition.gpt?.uuid?.toUpperCase() ?? derivedGuid(`partition:${document.name}:${partition.id}`);
}

export function diskSignatureOf(document: LayoutDocument): number {
  return document.device.emmc?.mbr?.diskSignature ?? hash32(`signature:${document.name}`, 0);
}
