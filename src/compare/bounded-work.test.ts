/**
 * A hostile pair: 10,000 partitions on each side, all moved, half of them renamed (matched by
 * role and position). The matching and verdicts are maps and sorted sweeps: the bound is stated
 * in counts, and in time only relative to validating the same layout.
 */
import { describe, expect, it } from 'vitest';
import { part, layoutOf } from '../test-support/documents';
import type { LayoutDocument } from '../model/document';
import { validate } from '../families';
import { compareLayouts } from './compare';

const BLOCK = 0x1000;

function pair(count: number): [LayoutDocument, LayoutDocument] {
  const device = { family: 'nor' as const, size: 4 * count * BLOCK, geometry: { eraseBlock: BLOCK } };
  // Old: p0..p{n-1} one block each from 0. New: the same names one block further, in reverse order,
  // and the second half renamed (matched by role and position).
  const old = layoutOf(Array.from({ length: count }, (_, i) => part(`p${i}`, i * BLOCK, BLOCK)), device);
  const next = layoutOf(Array.from({ length: count }, (_, k) => {
    const i = count - 1 - k;
    return part(i < count / 2 ? `p${i}` : `q${i}`, (i + 1) * BLOCK, BLOCK);
  }), device);
  return [old, next];
}

describe('bounded work', () => {
  it('10,000 partitions each side: every one matched, by name or by role, each moved by one block', () => {
    const [old, next] = pair(10_000);
    const outcome = compareLayouts(old, next);
    if (!outcome.ok) throw new Error(outcome.message);
    const { changes, rewrite } = outcome.report;
    expect(changes).toHaveLength(10_000);
    expect(changes.filter((c) => c.matchedBy === 'name')).toHaveLength(5_000);
    expect(changes.filter((c) => c.matchedBy === 'role')).toHaveLength(5_000);
    // Role matching pairs in order of position: q5000 (new at 5001 blocks) with p5000 (old at 5000).
    const q = changes.find((c) => c.new?.name === 'q5000')!;
    expect(q.old!.name).toBe('p5000');
    expect(changes.every((c) => c.verdict.kind === 'copy' && c.change === 'moved')).toBe(true);
    // Every destination is rewritten: blocks 1 to 10,000 as one merged range.
    expect(rewrite).toEqual([{ space: 'main', start: BLOCK, end: 10_001 * BLOCK }]);
  });

  it('costs a few validations of its layouts, not the square of the partitions', () => {
    // Validation (linear: bounded-work tests of src/rules) is the yardstick; a quadratic matching
    // of 10,000 against 10,000 would take about 10^8 steps, a thousand times one validation.
    const [old, next] = pair(10_000);
    const best = (run: () => void) => Math.min(...[0, 1, 2].map(() => {
      const start = performance.now();
      run();
      return performance.now() - start;
    }));
    const validation = best(() => validate(old));
    const comparison = best(() => compareLayouts(old, next));
    expect(comparison).toBeLessThan(20 * validation);
  });
});
