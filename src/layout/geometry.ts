/** Helpers shared by the flash families (NOR and NAND): erase-block alignment and spaces. */
import type { Device, LayoutDocument, Partition } from '../model/document';
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
