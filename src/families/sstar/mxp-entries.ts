/**
 * The entries of mxpgenerator's two lists a placed layout stands for: the BOOT area, then the
 * SYS area, in document order, a partition with copies as one entry per copy; with where the
 * layout has each and where the tool, adding sizes from 0, would put it.
 */
import type { Placement } from '../../layout/placement';
import type { LayoutDocument } from '../../model/document';

export interface MxpEntry {
  partitionId: string;
  /** The record name (a copy's own name for a partition with copies). */
  name: string;
  size: number;
  list: 'BOOT' | 'SYS';
  /** Where the layout has it. */
  start: number;
  /** Where mxpgenerator puts it: after everything listed before it. */
  toolStart: number;
}

/** The list entries a layout stands for, in table order. */
export function mxpEntries(_document: LayoutDocument, placement: Placement): MxpEntry[] {
  const entries: MxpEntry[] = [];
  let offset = 0;
  const lists = [
    { list: 'BOOT', areaId: 'boot' },
    { list: 'SYS', areaId: 'sys' },
  ] as const;
  for (const { list, areaId } of lists) {
    for (const placed of placement.partitions) {
      if (placed.areaId !== areaId || placed.partition.raw) continue;
      const extents = placed.copies.length > 0 ? placed.copies.map((c) => ({ name: c.name, start: c.start, size: c.slotEnd - c.start })) : [{ name: placed.partition.name, start: placed.start, size: placed.size }];
      for (const extent of extents) {
        entries.push({ partitionId: placed.partition.id, list, toolStart: offset, ...extent });
        offset += extent.size;
      }
    }
  }
  return entries;
}

