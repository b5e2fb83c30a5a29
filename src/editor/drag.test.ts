import { describe, expect, it } from 'vitest';
import { findPreset } from '../presets';
import { familyOf } from '../families';
import type { LayoutDocument } from '../model/document';
import { dragPartition, nudgePartition, type DragMode } from './drag';
import { place } from '../layout/place';

function drag(document: LayoutDocument, partitionId: string, mode: DragMode, deltaBytes: number, snapping = true) {
  const family = familyOf(document);
  return dragPartition({ document, placement: place(document, family), family, partitionId, mode, deltaBytes, snapping, thresholdBytes: 0x2000 });
}

const twoOta = () => findPreset('esp32-ota')!.build();
const nor = () => findPreset('sstar-nor')!.build();

describe('dragging on the map', () => {
  it('moves an app partition by whole 64 KiB steps', () => {
    const result = drag(twoOta(), 'ota-1', 'move', 0x12345);
    expect(result.start).toBe(0x210000 + 0x10000);
    expect(result.snappedTo).toBe('alignment');
    expect(result.document.partitions.find((p) => p.id === 'ota-1')!.offset).toBe(0x220000);
  });

  it('sticks to a neighbour edge when one is within the threshold', () => {
    // miservice starts where rootfs ends (0x650000). Dragged 0x1800 bytes left, plain 4 KiB
    // alignment would give 0x64F000; the rootfs edge is within the threshold and wins.
    const result = drag(nor(), 'miservice', 'move', -0x1800);
    expect(result).toMatchObject({ start: 0x650000, snappedTo: 'edge' });
    // Further away than the threshold, the alignment decides.
    expect(drag(nor(), 'miservice', 'move', -0x5800)).toMatchObject({ start: 0x64b000, snappedTo: 'alignment' });
  });

  it('moves in single bytes with snapping off (Alt held)', () => {
    const result = drag(twoOta(), 'ota-1', 'move', 0x12345, false);
    expect(result.start).toBe(0x210000 + 0x12345);
    expect(result.snappedTo).toBe('none');
  });

  it('never moves a partition out of its area', () => {
    expect(drag(twoOta(), 'ota-1', 'move', 0x10000000).start).toBe(0x400000 - 0x100000);
    expect(drag(nor(), 'kernel', 'move', -0x10000000).start).toBe(0x50000);
  });

  it('resizes from the end edge in size units and from the start edge with the end fixed', () => {
    const end = drag(twoOta(), 'ota-1', 'resize-end', 0x20800);
    expect(end.start).toBe(0x210000);
    expect(end.size).toBe(0x100000 + 0x21000);
    const start = drag(twoOta(), 'ota-1', 'resize-start', 0x18000);
    expect(start.start).toBe(0x230000);
    expect(start.size).toBe(0x310000 - 0x230000);
  });

  it('keeps at least one size unit when an edge is dragged past the other', () => {
    expect(drag(twoOta(), 'ota-1', 'resize-end', -0x200000).size).toBe(0x1000);
  });
});

describe('keyboard nudges', () => {
  it('moves by one alignment unit, sixteen with Shift, and resizes by the size unit', () => {
    const document = nor();
    const placement = place(document, familyOf(document));
    const family = familyOf(document);
    expect(nudgePartition(document, placement, family, 'kernel', 1, 1, 'move').start).toBe(0x51000);
    expect(nudgePartition(document, placement, family, 'kernel', 1, 16, 'move').start).toBe(0x60000);
    expect(nudgePartition(document, placement, family, 'kernel', -1, 1, 'move').start).toBe(0x50000);
    expect(nudgePartition(document, placement, family, 'kernel', -1, 1, 'resize').size).toBe(0x1ff000);
  });
});
