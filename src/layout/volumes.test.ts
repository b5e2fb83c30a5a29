import { describe, expect, it } from 'vitest';
import type { Volume } from '../model/document';
import { layoutOf, part, placementOf } from '../test-support/documents';

const volume = (id: string, size: Volume['size']): Volume => ({ id, name: id, size });

describe('volumes without a family capacity', () => {
  it('take the partition bytes in order, a "rest" volume what the others leave', () => {
    const placement = placementOf(layoutOf([part('data', 0x10000, 0x100000, { volumes: [volume('a', 0x40000), volume('b', 'rest'), volume('c', 0x20000)] })]));
    expect(placement.volumes.map((v) => [v.volume.id, v.units, v.start, v.end, v.fits])).toEqual([
      ['a', 0x40000, 0x10000, 0x50000, true],
      ['b', 0xa0000, 0x50000, 0xf0000, true],
      ['c', 0x20000, 0xf0000, 0x110000, true],
    ]);
    expect(placement.volumeSpaces.get('data')).toMatchObject({ units: 0x100000, usedUnits: 0x100000 });
  });

  it('mark the volumes past the capacity, and draw them cut at the partition end', () => {
    const placement = placementOf(layoutOf([part('data', 0, 0x1000, { volumes: [volume('a', 0x800), volume('b', 0x1000)] })]));
    expect(placement.volumes.map((v) => [v.volume.id, v.start, v.end, v.fits])).toEqual([
      ['a', 0, 0x800, true],
      ['b', 0x800, 0x1000, false],
    ]);
  });

  it('are none for a partition without volumes', () => {
    const placement = placementOf(layoutOf([part('data', 0, 0x1000)]));
    expect(placement.volumes).toEqual([]);
    expect(placement.volumeSpaces.size).toBe(0);
  });
});
