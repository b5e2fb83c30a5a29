import { describe, expect, it } from 'vitest';
import { parseDocument } from '../model/document';
import { findPreset } from '../presets';
import { addVolume, findVolume, removeVolume, updateVolume } from './volumes';

const nand = () => findPreset('sstar-nand')!.build();

describe('volume edits', () => {
  it('add a volume with an id no partition or volume has, and a name free in its partition', () => {
    const first = addVolume(nand(), 'ubi', { name: 'customer', size: 0x100000, fs: 'ubifs' });
    expect(first.id).toBe('customer-2');
    expect(findVolume(first.document, first.id)).toEqual({ partitionId: 'ubi', volume: { id: 'customer-2', name: 'customer_2', size: 0x100000, fs: 'ubifs' } });
    expect(parseDocument(JSON.parse(JSON.stringify(first.document))).ok).toBe(true);
  });

  it('change and remove a volume, leaving the others', () => {
    const document = nand();
    const changed = updateVolume(document, 'customer', { size: 'rest', readOnly: undefined });
    expect(findVolume(changed, 'customer')?.volume).toMatchObject({ size: 'rest' });
    expect(findVolume(changed, 'customer')?.volume).not.toHaveProperty('readOnly');
    const removed = removeVolume(changed, 'customer');
    expect(removed.partitions.find((p) => p.id === 'ubi')?.volumes?.map((v) => v.id)).toEqual(['rootfs', 'miservice', 'appconfigs']);
    expect(findVolume(removed, 'nothing')).toBeUndefined();
  });
});
