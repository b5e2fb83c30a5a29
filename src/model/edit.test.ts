import { describe, expect, it } from 'vitest';
import { applyEdit, applyFix, updatePartition } from './edit';
import { parseDocument } from './document';
import { layoutOf, part } from '../test-support/documents';

describe('edits', () => {
  const original = layoutOf([part('a', 0, 0x1000, { fs: 'jffs2' }), part('b', 'auto', 0x2000)]);
  const snapshot = JSON.stringify(original);

  it('update one partition and leave the others and the original untouched', () => {
    const edited = updatePartition(original, 'b', { offset: 0x10000, name: 'data' });
    expect(edited.partitions[1]).toEqual({ ...original.partitions[1], offset: 0x10000, name: 'data' });
    expect(edited.partitions[0]).toBe(original.partitions[0]);
    expect(JSON.stringify(original)).toBe(snapshot);
  });

  it('remove an optional field set to undefined, so the document stays valid JSON', () => {
    const edited = updatePartition(original, 'a', { fs: undefined });
    expect('fs' in edited.partitions[0]).toBe(false);
    expect(parseDocument(JSON.parse(JSON.stringify(edited)))).toEqual({ ok: true, document: edited });
  });

  it('change the device', () => {
    const edited = applyEdit(original, { target: 'device', set: { size: 32 * 1024 * 1024, model: undefined } });
    expect(edited.device.size).toBe(32 * 1024 * 1024);
    expect('model' in edited.device).toBe(false);
    expect(edited.device.geometry).toEqual(original.device.geometry);
  });

  it('apply every edit of a fix in order', () => {
    const edited = applyFix(original, {
      label: 'two edits',
      edits: [
        { target: 'partition', id: 'a', set: { size: 0x3000 } },
        { target: 'partition', id: 'b', set: { offset: 0x3000 } },
        { target: 'partition', id: 'b', set: { offset: 0x4000 } },
      ],
    });
    expect(edited.partitions.map((p) => [p.offset, p.size])).toEqual([
      [0, 0x3000],
      [0x4000, 0x2000],
    ]);
    expect(JSON.stringify(original)).toBe(snapshot);
  });

  it('ignore an edit of a partition that does not exist', () => {
    expect(updatePartition(original, 'nope', { size: 1 }).partitions).toEqual(original.partitions);
  });
});
