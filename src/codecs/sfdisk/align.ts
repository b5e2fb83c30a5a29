/**
 * libfdisk's alignment (alignment.c) for an image file or a plain device: the grain is 1 MiB (or
 * one sector on a disk of 4 MiB or less, or the script's `grain:`), partitions start by default at
 * libfdisk's first LBA, and an LBA is aligned when its byte offset is a multiple of the grain.
 * Rounding follows fdisk_align_lba and fdisk_align_lba_in_range exactly, quirks included (an
 * unaligned LBA below the first LBA becomes the first LBA; ranges smaller than a grain are left
 * alone).
 */
import { MiB } from '../../model/units';

export interface Alignment {
  sectorSize: number;
  /** Bytes. */
  grain: number;
  /** libfdisk's cxt->first_lba; dos placement lowers it to 1 in some cases. */
  firstLba: number;
}

export type Direction = 'up' | 'down' | 'nearest';

/** libfdisk's default first partition sector (topology_get_first_lba): 1 MiB, or one sector on a disk of at most 4 MiB. */
export function libfdiskFirstLba(sectorSize: number, diskSectors: number): number {
  const mib = MiB / sectorSize;
  return diskSectors <= mib * 4 ? 1 : mib;
}

/** libfdisk's grain (topology_get_grain, then a script's `grain:` raised to at least one sector). */
export function grainFor(sectorSize: number, diskSectors: number, scriptGrain?: number): number {
  if (scriptGrain !== undefined) return Math.max(scriptGrain, sectorSize);
  return diskSectors <= (MiB * 4) / sectorSize ? sectorSize : MiB;
}

export function grainSectors(alignment: Alignment): number {
  return Math.floor(alignment.grain / alignment.sectorSize);
}

/** Whether sfdisk rounds sizes given with a unit (the grain is more than one sector). */
export function alignmentRequired(alignment: Alignment): boolean {
  return alignment.grain !== alignment.sectorSize;
}

function isAligned(alignment: Alignment, lba: number): boolean {
  const granularity = Math.max(alignment.grain, alignment.sectorSize);
  return (lba * alignment.sectorSize) % granularity === 0;
}

export function alignLba(alignment: Alignment, lba: number, direction: Direction): number {
  if (isAligned(alignment, lba)) return lba;
  const per = grainSectors(alignment);
  if (lba < alignment.firstLba) return alignment.firstLba;
  if (direction === 'up') return (Math.floor(lba / per) + 1) * per;
  if (direction === 'down') return Math.floor(lba / per) * per;
  return Math.floor((lba + Math.floor(per / 2)) / per) * per;
}

/** `lba` aligned to the nearest grain boundary inside `start..stop` (unchanged when the range is under a grain). */
export function alignInRange(alignment: Alignment, lba: number, start: number, stop: number): number {
  const per = grainSectors(alignment);
  let low = start;
  let high = stop;
  if (low + per <= high) {
    low = alignLba(alignment, low, 'up');
    high = alignLba(alignment, high, 'down');
  }
  if (low + per > high) return lba;
  const aligned = alignLba(alignment, lba, 'nearest');
  return aligned < low ? low : aligned > high ? high : aligned;
}
