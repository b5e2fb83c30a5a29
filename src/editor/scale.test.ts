import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaScale } from './scale';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('areaScale', () => {
  it('is proportional when everything is wide enough', () => {
    const scale = areaScale(0, 16 * MiB, [[0, 8 * MiB], [8 * MiB, 16 * MiB]], 1000, 6);
    expect(scale.toPx(4 * MiB)).toBeCloseTo(250);
    expect(scale.toByte(750)).toBeCloseTo(12 * MiB);
  });

  it('gives a 4 KiB partition on a 16 GiB device the minimum width without covering its neighbours', () => {
    const ranges: Array<[number, number]> = [[0, 4096], [4096, 8192], [8192, 16 * GiB]];
    const scale = areaScale(0, 16 * GiB, ranges, 1000, 6);
    expect(scale.toPx(4096) - scale.toPx(0)).toBeCloseTo(6);
    expect(scale.toPx(8192) - scale.toPx(4096)).toBeCloseTo(6);
    expect(scale.toPx(16 * GiB)).toBeCloseTo(1000);
  });

  it('does not widen gaps, only drawn ranges', () => {
    const scale = areaScale(0, 1000, [[500, 501]], 100, 6);
    expect(scale.toPx(501) - scale.toPx(500)).toBeCloseTo(6);
    expect(scale.toPx(500)).toBeCloseTo(50 * (94 / 99.9), 1);
  });

  it('falls back to proportional when the small ranges cannot all fit', () => {
    const ranges = Array.from({ length: 400 }, (_, i) => [i, i + 1] as [number, number]);
    const scale = areaScale(0, 1_000_000, ranges, 1000, 6);
    expect(scale.toPx(500_000)).toBeCloseTo(500);
  });

  it('is monotone, covers the bar and inverts itself', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 34 })), { maxLength: 40 }),
        fc.integer({ min: 50, max: 5000 }),
        (raw, width) => {
          const end = 2 ** 41;
          const scale = areaScale(0, end, raw.map(([s, l]) => [s, s + l] as const), width, 6);
          expect(scale.toPx(0)).toBeCloseTo(0);
          expect(scale.toPx(end)).toBeCloseTo(width, 3);
          let previous = -1;
          for (let i = 0; i <= 64; i++) {
            const px = scale.toPx((end / 64) * i);
            expect(px).toBeGreaterThanOrEqual(previous - 1e-9);
            previous = px;
          }
          for (const [s] of raw) expect(Math.abs(scale.toByte(scale.toPx(s)) - s)).toBeLessThanOrEqual(end * 1e-9 + 1);
        },
      ),
    );
  });
});
