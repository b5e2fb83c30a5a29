/**
 * Inspecting an image: probe at the offsets tables point to and, for files up to 256 MiB (flash
 * dumps), at every 4 KiB boundary not inside a structure already found (so every 64 KiB erase
 * block); nest what was found by containment (partition → its content); name the space between
 * as erased, zero or unknown. Work is bounded by the file size: each probe reads a bounded number
 * of headers, and the scan reads each byte of a small file once.
 */
import type { RandomAccessFile } from '../codecs/read-at';
import { otaSlotCount } from './probes/esp32-ota';
import { nvsDetails, otadataDetails } from './probes/esp32-data';
import { checkEnd, MATCH_WINDOW, warning, type Probe, type ProbeContext } from './probe';
import { ImageReader } from './reader';
import { PROBES } from './registry';
import { allRegions, isPartition, region, regionEnd, type Inspection, type InspectWarning, type Region, type RegionType } from './region';

/** Files up to this size are scanned at every 4 KiB boundary and their free space classified. */
export const SCAN_LIMIT = 256 * 1024 * 1024;
const SECTOR = 0x1000;
const CHUNK = 0x10000;

export interface InspectOptions {
  progress?(done: number, total: number, stage: string): void;
  /** Checked between chunks; a true answer stops the scan with `InspectCancelled`. */
  cancelled?(): boolean;
  probes?: readonly Probe[];
}

export class InspectCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

function safeMatch(probe: Probe, window: Uint8Array): boolean {
  try {
    return probe.matches(window);
  } catch {
    return false;
  }
}

export async function inspectFile(file: RandomAccessFile, options: InspectOptions = {}): Promise<Inspection & { warnings: InspectWarning[]; bytesRead: number }> {
  const reader = new ImageReader(file);
  const size = file.size;
  const context: ProbeContext = { reader, size };
  const probes = options.probes ?? PROBES;
  const claims: Region[] = [];
  const warnings: InspectWarning[] = [];
  const probed = new Set<number>();
  const scan = size <= SCAN_LIMIT;
  const check = () => {
    if (options.cancelled?.()) throw new InspectCancelled();
  };

  /** The regions of the first probe that recognises its structure at `offset`. */
  const probeAt = async (offset: number, window: Uint8Array, only?: (probe: Probe) => boolean): Promise<Region[]> => {
    probed.add(offset);
    for (const probe of probes) {
      if ((probe.atStartOnly && offset !== 0) || (only && !only(probe)) || !safeMatch(probe, window)) continue;
      try {
        const found = await probe.read(context, offset);
        if (found.length > 0) return found;
      } catch (error) {
        warnings.push(warning(offset, `${probe.name}: ${(error as Error).message ?? String(error)}`));
      }
    }
    return [];
  };

  if (scan) {
    let skipUntil = 0;
    for (let chunk = 0; chunk < size; chunk += CHUNK) {
      check();
      options.progress?.(chunk, size, 'scanning');
      const window = await reader.bytes(chunk, CHUNK + MATCH_WINDOW);
      for (let at = chunk; at < Math.min(size, chunk + CHUNK); at += SECTOR) {
        if (at < skipUntil) continue;
        const view = window.subarray(at - chunk);
        // No structure starts with 16 erased bytes: most of a flash dump costs one look.
        if (at !== 0 && erasedStart(view)) continue;
        const found = await probeAt(at, view);
        claims.push(...found);
        if (found.length > 0 && !isPartition(found[0].type)) skipUntil = Math.max(skipUntil, Math.ceil(regionEnd(found[0]) / SECTOR) * SECTOR);
      }
    }
  } else {
    const offsets = [...new Set([0, ...probes.flatMap((p) => p.fixedOffsets ?? [])])].filter((o) => o < size).sort((a, b) => a - b);
    for (const offset of offsets) claims.push(...(await probeAt(offset, await reader.bytes(offset, MATCH_WINDOW))));
  }

  // A disk label rules out mtdparts read from an environment stored on the disk.
  const disk = claims.some((c) => c.type === 'mbr' || c.type === 'gpt');
  const kept = disk ? claims.filter((c) => c.type !== 'mtd-partition') : claims;

  // Content where a table points, wherever the scan did not look.
  const starts = kept.filter((c) => isPartition(c.type) && !c.details.extended).map((c) => c.offset);
  for (const start of [...new Set(starts)].sort((a, b) => a - b)) {
    if (probed.has(start) || start >= size) continue;
    check();
    kept.push(...(await probeAt(start, await reader.bytes(start, MATCH_WINDOW), (p) => !p.atStartOnly)));
  }

  options.progress?.(size, size, 'details');
  const slots = otaSlotCount(kept);
  for (const c of kept) {
    if (c.type !== 'esp32-partition' || c.details.type !== 1) continue;
    if (c.details.subtype === 0x00) await otadataDetails(reader, c, slots);
    if (c.details.subtype === 0x02) await nvsDetails(reader, c);
  }

  const regions = nest(dedupe(kept).map((c) => checkEnd(c, size)));
  await fillGaps(reader, regions, 0, size, scan, true);
  return { size, regions, warnings, bytesRead: reader.bytesRead };
}

/** The same claim found twice (a table seen by the scan and again at a fixed offset) counts once. */
function dedupe(claims: Region[]): Region[] {
  const seen = new Set<string>();
  return claims.filter((c) => {
    const key = `${c.type}:${c.offset}:${c.size}:${c.name ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const rank = (r: Region) => (isPartition(r.type) ? 0 : 1);

/** Claims nested by containment; one that runs past its container stays inside it, with a warning. */
function nest(claims: Region[]): Region[] {
  const sorted = [...claims].sort((a, b) => a.offset - b.offset || b.size - a.size || rank(a) - rank(b));
  const roots: Region[] = [];
  const stack: Region[] = [];
  for (const claim of sorted) {
    while (stack.length > 0 && (regionEnd(stack[stack.length - 1]) <= claim.offset || stack[stack.length - 1].size === 0)) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent && regionEnd(claim) > regionEnd(parent)) {
      claim.warnings.push(warning(claim.offset, `${claim.type} ${claim.name ?? ''} overlaps the end of ${parent.type} ${parent.name ?? ''} at ${regionEnd(parent).toString(16)}`.replace(/ +/g, ' ').replace(/ at ([0-9a-f]+)$/, ' at 0x$1')));
    }
    // Claims come in offset order, so each list stays sorted; only a probe's own children (UBI volumes) need a sort.
    (parent ? parent.children : roots).push(claim);
    stack.push(claim);
  }
  for (const r of allRegions(roots)) if (r.children.length > 1) r.children.sort((a, b) => a.offset - b.offset || b.size - a.size);
  return roots;
}

const uniform = (bytes: Uint8Array, value: number) => bytes.every((b) => b === value);

function erasedStart(view: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (view[i] !== 0xff) return false;
  return true;
}

/** Free space between regions: classified by reading it in a small file, `unknown` unread in a large one. */
async function fillGaps(reader: ImageReader, regions: Region[], start: number, end: number, scan: boolean, top: boolean): Promise<void> {
  for (const r of regions) if (isPartition(r.type) && (scan || r.children.length > 0)) await fillGaps(reader, r.children, r.offset, Math.min(reader.size, regionEnd(r)), scan, false);
  if (!top && !scan && regions.length === 0) return;
  const gaps: Region[] = [];
  let cursor = start;
  for (const r of [...regions].sort((a, b) => a.offset - b.offset)) {
    if (r.offset > cursor) gaps.push(...(await classify(reader, cursor, Math.min(r.offset, end), scan)));
    cursor = Math.max(cursor, regionEnd(r));
  }
  if (cursor < end) gaps.push(...(await classify(reader, cursor, end, scan)));
  regions.push(...gaps);
  regions.sort((a, b) => a.offset - b.offset || b.size - a.size);
}

async function classify(reader: ImageReader, start: number, end: number, scan: boolean): Promise<Region[]> {
  if (end <= start) return [];
  if (!scan) return [region('unknown', start, end - start, null, { read: false })];
  const runs: Region[] = [];
  for (let chunk = start; chunk < end; ) {
    const length = Math.min(CHUNK - (chunk % CHUNK), end - chunk);
    const bytes = await reader.bytes(chunk, length);
    for (let at = chunk; at < chunk + length; ) {
      const pieceEnd = Math.min(chunk + length, (Math.floor(at / SECTOR) + 1) * SECTOR);
      const piece = bytes.subarray(at - chunk, pieceEnd - chunk);
      const type: RegionType = uniform(piece, 0xff) ? 'erased' : uniform(piece, 0) ? 'zero' : 'unknown';
      const last = runs[runs.length - 1];
      if (last && last.type === type && regionEnd(last) === at) last.size += pieceEnd - at;
      else runs.push(region(type, at, pieceEnd - at));
      at = pieceEnd;
    }
    chunk += length;
  }
  return runs;
}
