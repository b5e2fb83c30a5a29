/** Matching and the generic verdicts on small generic SPI-NOR layouts (4 KiB erase blocks), worked out by hand. */
import { describe, expect, it } from 'vitest';
import { layoutOf, part } from '../test-support/documents';
import { compareLayouts, type ComparisonReport } from './compare';

function compare(old: ReturnType<typeof layoutOf>, next: ReturnType<typeof layoutOf>): ComparisonReport {
  const outcome = compareLayouts(old, next);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

const K = 0x1000;

describe('matching and verdicts', () => {
  it('a renamed partition is matched by its role and position, not reported removed and added', () => {
    const report = compare(layoutOf([part('boot', 0, 4 * K, { kind: 'bootloader' }), part('rootfs', 4 * K, 8 * K, { kind: 'rootfs', fs: 'squashfs' })]), layoutOf([part('boot', 0, 4 * K, { kind: 'bootloader' }), part('root', 4 * K, 8 * K, { kind: 'rootfs', fs: 'squashfs' })]));
    expect(report.changes[1]).toMatchObject({ matchedBy: 'role', old: { name: 'rootfs' }, new: { name: 'root' }, change: 'unchanged', verdict: { kind: 'survives' } });
  });

  it('a partition whose filesystem changes loses its data even where it stays', () => {
    const report = compare(layoutOf([part('data', 0, 8 * K, { fs: 'jffs2' })]), layoutOf([part('data', 0, 8 * K, { fs: 'squashfs' })]));
    expect(report.changes[0].verdict).toEqual({ kind: 'lost', reason: 'reformatted' });
    expect(report.rewrite).toEqual([{ space: 'main', start: 0, end: 8 * K }]);
  });

  it('a partition kept in place but covered by another of the new layout is overwritten by it', () => {
    // "b" stays at 8K-16K; the new "c" is put at 12K, over b's second half.
    const report = compare(layoutOf([part('a', 0, 8 * K), part('b', 8 * K, 8 * K)]), layoutOf([part('a', 0, 8 * K), part('b', 8 * K, 8 * K), part('c', 12 * K, 8 * K, { kind: 'app' })]));
    expect(report.changes.find((c) => c.new?.name === 'b')!.verdict).toEqual({ kind: 'lost', reason: 'overwritten', by: 'c' });
    expect(report.changes.find((c) => c.new?.name === 'c')!.verdict).toEqual({ kind: 'new' });
  });

  it('the generic device verdict: writing the changed partitions when nothing kept moves or shrinks', () => {
    const old = layoutOf([part('a', 0, 8 * K), part('b', 8 * K, 8 * K)]);
    expect(compare(old, layoutOf([part('a', 0, 8 * K), part('b', 8 * K, 16 * K)])).device).toMatchObject({ inField: true });
    expect(compare(old, layoutOf([part('a', 0, 8 * K), part('b', 16 * K, 8 * K)])).device).toMatchObject({ inField: false, method: 'reflash' });
  });

  it('a repeated name is matched in order', () => {
    const report = compare(layoutOf([part('x', 0, K, { id: 'x1' }), part('x', K, K, { id: 'x2' })]), layoutOf([part('x', 0, K, { id: 'y1' }), part('x', 2 * K, K, { id: 'y2' })]));
    expect(report.changes.map((c) => [c.old?.id, c.new?.id, c.change])).toEqual([
      ['x1', 'y1', 'unchanged'],
      ['x2', 'y2', 'moved'],
    ]);
  });
});
