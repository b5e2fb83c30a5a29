import { describe, expect, it } from 'vitest';
import { findPreset } from '../presets';
import { insertPartition, movePartition, newPartitionId, removePartition, reorderPartition, resizePartition, uniqueName } from './ops';
import { validate } from '../families';

const nor = () => findPreset('sstar-nor')!.build();
const startOf = (document: ReturnType<typeof nor>) => {
  const { placement } = validate(document);
  return (id: string) => placement.byId.get(id)!.start;
};

describe('editing operations', () => {
  it('moving a partition fixes its offset and the automatic ones after it follow', () => {
    const moved = movePartition(nor(), 'rootfs', 0x260000);
    const start = startOf(moved);
    expect(start('rootfs')).toBe(0x260000);
    expect(start('miservice')).toBe(0x660000);
    expect(start('kernel')).toBe(0x50000);
  });

  it('resizing sets offset and size together', () => {
    const resized = resizePartition(nor(), 'kernel', 0x50000, 0x180000);
    expect(startOf(resized)('rootfs')).toBe(0x1d0000);
  });

  it('reordering the document order moves automatic offsets with it', () => {
    const document = nor();
    const from = document.partitions.findIndex((p) => p.id === 'miservice');
    const to = document.partitions.findIndex((p) => p.id === 'rootfs');
    const reordered = reorderPartition(document, from, to);
    expect(reordered.partitions.map((p) => p.name).slice(5)).toEqual(['KERNEL', 'miservice', 'rootfs', 'customer']);
    const start = startOf(reordered);
    expect(start('miservice')).toBe(0x250000);
    expect(start('rootfs')).toBe(0x550000);
    expect(reorderPartition(document, 3, 3)).toBe(document);
  });

  it('removing a partition lets the next automatic one take its place', () => {
    const removed = removePartition(nor(), 'kernel');
    expect(removed.partitions.some((p) => p.id === 'kernel')).toBe(false);
    expect(startOf(removed)('rootfs')).toBe(0x50000);
  });

  it('inserting keeps names and ids unique and the document in address order', () => {
    // Leave a 1 MiB gap before "customer" by pinning it further up.
    const document = resizePartition(nor(), 'customer', 0xa50000, 0x5b0000);
    const { placement } = validate(document);
    const { document: added, id } = insertPartition(
      document,
      { name: 'rootfs', size: 0x100000, kind: 'filesystem' },
      'sys',
      0x950000,
      (p) => placement.byId.get(p.id)!.start,
    );
    const partition = added.partitions.find((p) => p.id === id)!;
    expect(partition.name).toBe('rootfs_2');
    expect(added.partitions.findIndex((p) => p.id === id)).toBe(added.partitions.findIndex((p) => p.id === 'customer') - 1);
    expect(new Set(added.partitions.map((p) => p.id)).size).toBe(added.partitions.length);
    expect(startOf(added)(id)).toBe(0x950000);
    expect(startOf(added)('customer')).toBe(0xa50000);
    expect(validate(added).problems).toEqual([]);
    expect(uniqueName(added, 'fresh')).toBe('fresh');
    expect(newPartitionId(added)).not.toBe(id);
  });
});
