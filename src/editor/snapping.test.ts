import { describe, expect, it } from 'vitest';
import { snap, unsnapped } from './snapping';

const base = { alignment: 0x1000, edges: [], threshold: 0x800, min: 0, max: 0x100000 };

describe('snap', () => {
  it('rounds to the nearest multiple of the alignment', () => {
    expect(snap({ ...base, raw: 0x2800 })).toEqual({ value: 0x3000, snappedTo: 'alignment' });
    expect(snap({ ...base, raw: 0x27ff })).toEqual({ value: 0x2000, snappedTo: 'alignment' });
  });

  it('prefers a close, aligned neighbour edge', () => {
    expect(snap({ ...base, alignment: 0x100, raw: 0x50050, edges: [0x50000, 0x60000] })).toEqual({ value: 0x50000, snappedTo: 'edge' });
  });

  it('ignores edges that are too far or not aligned', () => {
    expect(snap({ ...base, raw: 0x5000, edges: [0x8000] }).snappedTo).toBe('alignment');
    expect(snap({ ...base, raw: 0x5100, edges: [0x5080] })).toEqual({ value: 0x5000, snappedTo: 'alignment' });
  });

  it('stays inside the allowed range on aligned values', () => {
    expect(snap({ ...base, raw: -0x5000 }).value).toBe(0);
    expect(snap({ ...base, raw: 0x200000, max: 0x10800 }).value).toBe(0x10000);
    expect(snap({ ...base, raw: 0x1800, min: 0x800, max: 0xf00 })).toEqual({ value: 0xf00, snappedTo: 'none' });
  });

  it('works on offsets beyond 4 GiB without 32-bit wrap-around', () => {
    const raw = 5 * 2 ** 32 + 0x123456;
    expect(snap({ ...base, alignment: 0x100000, raw, max: 2 ** 40 }).value).toBe(5 * 2 ** 32 + 0x100000);
  });

  it('moves in whole bytes when snapping is off', () => {
    expect(unsnapped(1234.6, 0, 2000)).toEqual({ value: 1235, snappedTo: 'none' });
    expect(unsnapped(5000, 0, 2000).value).toBe(2000);
  });
});
