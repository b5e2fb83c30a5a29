/** Helpers shared by the flash families (NOR and NAND): erase-block alignment and spaces. */
import type { Device, LayoutDocument, Partition } from '../model/document';
import type { UbiFlash } from '../codecs/ubi';
import type { AddressSpace, AlignmentRequirement } from './regions';

export function mainSpace(device: Device, name = 'Flash'): AddressSpace {
  return { id: 'main', name, size: device.size };
}

/** Offsets and sizes of a flash partition must be whole erase blocks, or erasing it clobbers a neighbour. */
export function eraseBlockAlignments(_partition: Partition, document: LayoutDocument): AlignmentRequirement[] {
  const eraseBlock = document.device.geometry.eraseBlock;
  if (!eraseBlock || eraseBlock <= 1) return [];
  return [
    { of: 'offset', value: eraseBlock, severity: 'error', reason: 'erase block' },
    { of: 'size', value: eraseBlock, severity: 'error', reason: 'erase block' },
  ];
}

/** UBI on NOR: a PEB is the erase block, and NOR writes single bytes (min. I/O 1, as ubinize -m 1). */
export function norUbiFlash(document: LayoutDocument): UbiFlash | undefined {
  const { eraseBlock } = document.device.geometry;
  return eraseBlock ? { pebBytes: eraseBlock, minIoBytes: 1 } : undefined;
}
