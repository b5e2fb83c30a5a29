/**
 * The entries of pnigenerator's -t (BOOT area) and -y (SYS area) lists a placed layout stands
 * for: one per copy of a partition with copies, each its slot and spare blocks; `@start` where
 * the entry does not follow the previous one's spare blocks or its partition has an explicit
 * offset; the rest of the flash as `-(<NAME>)` for a last partition of size "rest".
 */
import type { Placement } from '../../layout/placement';
import type { LayoutDocument } from '../../model/document';
import { nandGeometry } from './geometry';

export interface PniEntry {
  partitionId: string;
  list: 'BOOT' | 'SYS';
  name: string;
  start: number;
  /** Undefined for the `-(<NAME>)` rest entry. */
  size?: number;
  spareBlocks: number;
  /** Written with `@start`. */
  explicit: boolean;
}

/** The -t and -y entries a layout stands for, in order. */
export function pniEntries(document: LayoutDocument, placement: Placement): PniEntry[] {
  const { blockBytes } = nandGeometry(document.device);
  const entries: PniEntry[] = [];
  let running = 0;
  const lists = [
    { list: 'BOOT', areaId: 'boot' },
    { list: 'SYS', areaId: 'sys' },
  ] as const;
  for (const { list, areaId } of lists) {
    const members = placement.partitions.filter((placed) => placed.areaId === areaId && !placed.partition.raw);
    members.forEach((placed, index) => {
      const { partition } = placed;
      const spareBlocks = partition.copies?.spareBlocks ?? 0;
      const extents = placed.copies.length > 0 ? placed.copies.map((c) => ({ name: c.name, start: c.start, size: c.slotEnd - c.start })) : [{ name: partition.name, start: placed.start, size: placed.size }];
      extents.forEach((extent, k) => {
        const explicit = extent.start !== running || (k === 0 && partition.offset !== 'auto');
        const rest = list === 'SYS' && index === members.length - 1 && partition.size === 'rest' && !partition.copies && !explicit && extent.start + extent.size === document.device.size;
        entries.push({ partitionId: partition.id, list, name: extent.name, start: extent.start, ...(rest ? {} : { size: extent.size }), spareBlocks, explicit });
        running = extent.start + extent.size + spareBlocks * blockBytes;
      });
    });
  }
  return entries;
}

