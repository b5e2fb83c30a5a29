/** Flash filesystems: JFFS2 (nodes walked, header CRCs checked) and UBI (EC/VID headers, the volume table). */
import { u16le, u32be, u32le } from '../../codecs/bytes';
import { crc32Update } from '../../codecs/crc32';
import { checkEnd, cString, warning, type Probe } from '../probe';
import { region, type Region } from '../region';

/** Linux's crc32(seed, …), which JFFS2 and UBI use: zlib's CRC-32 without the final inversions. */
export function linuxCrc32(seed: number, bytes: Uint8Array, start = 0, end = bytes.length): number {
  return ~crc32Update(~seed >>> 0, bytes, start, end) >>> 0;
}

const JFFS2_ERASE_BLOCK = 0x10000;
const MAX_NODES = 1_000_000;
const JFFS2_TYPES: Record<number, string> = { 0xe001: 'dirent', 0xe002: 'inode', 0x2003: 'cleanmarker', 0x2004: 'padding', 0x2006: 'summary', 0xe008: 'xattr', 0xe009: 'xref' };

export const jffs2Probe: Probe = {
  name: 'jffs2',
  matches: (w) => u16le(w, 0) === 0x1985 && JFFS2_TYPES[u16le(w, 2)] !== undefined && u32le(w, 8) === linuxCrc32(0, w, 0, 8),
  async read({ reader, size }, offset) {
    const counts: Record<string, number> = {};
    let at = offset;
    let end = offset;
    let nodes = 0;
    while (at + 12 <= size && nodes < MAX_NODES) {
      const h = await reader.bytes(at, 12);
      const totlen = u32le(h, 4);
      if (u16le(h, 0) === 0x1985 && u32le(h, 8) === linuxCrc32(0, h, 0, 8) && totlen >= 12) {
        const type = JFFS2_TYPES[u16le(h, 2)] ?? `0x${u16le(h, 2).toString(16)}`;
        counts[type] = (counts[type] ?? 0) + 1;
        nodes++;
        end = at + totlen;
        at = Math.ceil(end / 4) * 4;
        continue;
      }
      // The rest of an erase block is erased (or padding); the next node starts the next block.
      if (u32le(h, 0) !== 0xffffffff && u16le(h, 0) !== 0) break;
      const next = offset + Math.ceil((at - offset + 1) / JFFS2_ERASE_BLOCK) * JFFS2_ERASE_BLOCK;
      const probe = await reader.bytes(next, 12);
      if (probe.length < 12 || u16le(probe, 0) !== 0x1985) break;
      at = next;
    }
    const r = region('jffs2', offset, Math.ceil((end - offset) / JFFS2_ERASE_BLOCK) * JFFS2_ERASE_BLOCK, null, { magic: '0x1985', endian: 'little', eraseBlock: JFFS2_ERASE_BLOCK, nodes, nodeTypes: counts, headerCrc: 'valid' });
    if (nodes >= MAX_NODES) r.warnings.push(warning(at, `more than ${MAX_NODES} nodes; the walk stops here`));
    return [checkEnd(r, size)];
  },
};

const UBI_EC = 0x55424923; // "UBI#"
const UBI_VID = 0x55424921; // "UBI!"
const LAYOUT_VOLUME = 0x7fffefff;
const VTBL_RECORD = 172;
const MAX_VOLUMES = 128;

interface Peb {
  offset: number;
  volId?: number;
  lnum?: number;
}

const ecValid = (h: Uint8Array) => h.length >= 64 && u32be(h, 0) === UBI_EC && u32be(h, 60) === linuxCrc32(0xffffffff, h, 0, 60);

export const ubiProbe: Probe = {
  name: 'ubi',
  matches: (w) => ecValid(w),
  async read({ reader, size }, offset) {
    const ec = await reader.bytes(offset, 64);
    const vidOffset = u32be(ec, 16);
    const dataOffset = u32be(ec, 20);
    const imageSeq = u32be(ec, 24);
    let peb = 0;
    for (let candidate = 0x4000; candidate <= 0x200000; candidate *= 2) {
      const next = await reader.bytes(offset + candidate, 64);
      if (ecValid(next) && u32be(next, 24) === imageSeq) {
        peb = candidate;
        break;
      }
    }
    if (peb === 0 || vidOffset + 64 > peb || dataOffset >= peb) return [];
    const pebs: Peb[] = [];
    for (let at = offset; at + peb <= size && ecValid(await reader.bytes(at, 64)); at += peb) {
      const vid = await reader.bytes(at + vidOffset, 64);
      const used = vid.length === 64 && u32be(vid, 0) === UBI_VID && u32be(vid, 60) === linuxCrc32(0xffffffff, vid, 0, 60);
      pebs.push(used ? { offset: at, volId: u32be(vid, 8), lnum: u32be(vid, 12) } : { offset: at });
    }
    const leb = peb - dataOffset;
    const ubi = region('ubi', offset, pebs.length * peb, null, { magic: 'UBI#', pebSize: peb, lebSize: leb, vidHeaderOffset: vidOffset, dataOffset, imageSequence: `0x${imageSeq.toString(16)}`, pebs: pebs.length, version: ec[4] });
    const layout = pebs.find((p) => p.volId === LAYOUT_VOLUME && p.lnum === 0);
    if (!layout) {
      ubi.warnings.push(warning(offset, 'no volume table (layout volume LEB 0) found'));
      return [ubi];
    }
    const table = await reader.bytes(layout.offset + dataOffset, VTBL_RECORD * MAX_VOLUMES);
    ubi.children = await volumes(reader, table, pebs, { peb, dataOffset, layoutOffset: layout.offset + dataOffset }, ubi);
    ubi.details.volumes = ubi.children.length;
    return [checkEnd(ubi, size)];
  },
};

async function volumes(reader: Parameters<Probe['read']>[0]['reader'], table: Uint8Array, pebs: Peb[], geometry: { peb: number; dataOffset: number; layoutOffset: number }, ubi: Region): Promise<Region[]> {
  const out: Region[] = [];
  for (let id = 0; id < MAX_VOLUMES && (id + 1) * VTBL_RECORD <= table.length; id++) {
    const at = id * VTBL_RECORD;
    const reserved = u32be(table, at);
    if (reserved === 0) continue;
    if (u32be(table, at + 168) !== linuxCrc32(0xffffffff, table, at, at + 168)) {
      ubi.warnings.push(warning(geometry.layoutOffset + at, `volume table record ${id}: CRC mismatch; the record is skipped`));
      continue;
    }
    const nameLength = Math.min(128, (table[at + 14] << 8) | table[at + 15]);
    const name = cString(table, at + 16, nameLength);
    const mine = pebs.filter((p) => p.volId === id).sort((a, b) => (a.lnum ?? 0) - (b.lnum ?? 0));
    const first = mine[0];
    const contiguous = mine.every((p, i) => p.offset === first.offset + i * geometry.peb);
    const start = first?.offset ?? ubi.offset;
    const content = first ? await contentOf(await reader.bytes(first.offset + geometry.dataOffset, 8)) : null;
    const volume = region('ubi-volume', start, mine.length * geometry.peb, name, {
      volId: id,
      volType: table[at + 12] === 1 ? 'dynamic' : table[at + 12] === 2 ? 'static' : table[at + 12],
      reservedPebs: reserved,
      reservedBytes: reserved * (geometry.peb - geometry.dataOffset),
      usedPebs: mine.length,
      alignment: u32be(table, at + 4),
      autoresize: (table[at + 144] & 1) === 1,
      content,
    });
    if (!contiguous) volume.warnings.push(warning(start, `volume ${name}: its PEBs are not contiguous; the region spans only its first run`));
    if (!first) volume.details.empty = true;
    out.push(volume);
  }
  return out;
}

async function contentOf(head: Uint8Array): Promise<string | null> {
  if (head.length < 4) return null;
  if (u32le(head, 0) === 0x06101831) return 'ubifs';
  if (u32le(head, 0) === 0x73717368) return 'squashfs';
  if (u32be(head, 0) === 0xd00dfeed) return 'fdt';
  if (u32be(head, 0) === 0x27051956) return 'uimage';
  return null;
}
