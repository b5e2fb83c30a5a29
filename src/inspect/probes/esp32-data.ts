/**
 * What an ESP32 data partition holds, added to its details: otadata (which OTA slot boots, its
 * sequence numbers and CRCs) and NVS (page states, namespaces and their key names).
 */
import { u32le } from '../../codecs/bytes';
import { crc32Update } from '../../codecs/crc32';
import { cString, warning } from '../probe';
import type { ImageReader } from '../reader';
import type { Region } from '../region';

const NVS_PAGE = 0x1000;
const NVS_ENTRIES = 126;
const MAX_NVS_PAGES = 1024;
const PAGE_STATES: Record<number, string> = { 0xffffffff: 'empty', 0xfffffffe: 'active', 0xfffffffc: 'full', 0xfffffff8: 'freeing', 0xfffffff0: 'corrupt' };

/** esp_rom_crc32_le(UINT32_MAX, &ota_seq, 4): the ROM inverts on entry, so the register starts at 0. */
const otaCrc = (seq: Uint8Array): number => crc32Update(0xffffffff, seq);

export async function otadataDetails(reader: ImageReader, partition: Region, otaSlots: number): Promise<void> {
  const entries = [];
  for (const at of [0, 0x1000]) {
    const e = await reader.bytes(partition.offset + at, 32);
    if (e.length < 32) continue;
    const seq = u32le(e, 0);
    const crc = u32le(e, 28);
    const empty = seq === 0xffffffff;
    entries.push({ offset: partition.offset + at, otaSeq: empty ? null : seq, state: u32le(e, 24), crc: `0x${crc.toString(16).padStart(8, '0')}`, crcValid: !empty && crc === otaCrc(e.subarray(0, 4)), label: cString(e, 4, 20) });
  }
  const valid = entries.filter((e) => e.crcValid && e.otaSeq !== null && e.otaSeq > 0);
  const newest = valid.reduce<number | undefined>((max, e) => Math.max(max ?? 0, e.otaSeq!), undefined);
  partition.details.otadata = { entries, bootSlot: newest !== undefined && otaSlots > 0 ? `ota_${(newest - 1) % otaSlots}` : 'factory (no valid otadata entry)' };
  for (const e of entries) if (e.otaSeq !== null && !e.crcValid) partition.warnings.push(warning(e.offset + 28, `otadata entry: CRC ${e.crc} does not match its sequence number ${e.otaSeq}`));
}

export async function nvsDetails(reader: ImageReader, partition: Region): Promise<void> {
  const pages = [];
  const namespaces = new Map<number, string>([[0, '']]);
  const keys: Array<{ ns: number; key: string; type: number }> = [];
  const count = Math.min(MAX_NVS_PAGES, Math.floor(partition.size / NVS_PAGE));
  for (let p = 0; p < count; p++) {
    const page = await reader.bytes(partition.offset + p * NVS_PAGE, NVS_PAGE);
    if (page.length < NVS_PAGE) break;
    const state = PAGE_STATES[u32le(page, 0)] ?? 'invalid';
    pages.push({ state, seq: state === 'empty' ? null : u32le(page, 4) });
    if (state !== 'active' && state !== 'full') continue;
    for (let i = 0; i < NVS_ENTRIES; ) {
      const entryState = (page[32 + (i >> 2)] >> ((i & 3) * 2)) & 3;
      const at = 64 + i * 32;
      if (entryState !== 2) {
        i++;
        continue;
      }
      const ns = page[at];
      const span = Math.max(1, page[at + 2]);
      const key = cString(page, at + 8, 16);
      if (ns === 0 && page[at + 1] === 0x01) namespaces.set(page[at + 24], key);
      else keys.push({ ns, key, type: page[at + 1] });
      i += span;
    }
  }
  const grouped: Record<string, string[]> = {};
  for (const { ns, key } of keys) (grouped[namespaces.get(ns) ?? `#${ns}`] ??= []).push(key);
  partition.details.nvs = { pages, namespaces: grouped };
}
