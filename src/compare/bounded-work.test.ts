/**
 * A hostile pair: 10,000 partitions on each side, all moved, half of them renamed (matched by
 * role and position). The matching and verdicts are maps and sorted sweeps: the bounds are stated
 * in counts (matches, and reads of partition fields), never in time.
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

  it('reads each partition a bounded number of times, however many there are: not the square of the partitions', () => {
    // Work is counted as reads of partition fields (a timing would be noise). A quadratic matching
    // of 10,000 against 10,000 would read names about 10^8 times; a near-linear one reads each
    // partition a few times, so doubling the partitions doubles the reads, and validating the two
    // layouts (which the comparison does first) is most of them.
    const readsPerPartition = (count: number, run: (old: LayoutDocument, next: LayoutDocument) => unknown) => {
      const counter = { reads: 0 };
      const [old, next] = pair(count).map((document) => counted(document, counter));
      run(old, next);
      return counter.reads / (2 * count);
    };
    const compared = readsPerPartition(10_000, compareLayouts);
    const validated = readsPerPartition(10_000, (old, next) => [validate(old), validate(next)]);
    expect(compared).toBeLessThan(3 * validated);
    expect(readsPerPartition(20_000, compareLayouts)).toBeLessThan(1.1 * compared);
  });
});

/** The document with every partition behind a proxy that counts the reads of its fields. */
function counted(document: LayoutDocument, counter: { reads: number }): LayoutDocument {
  const partitions = document.partitions.map((partition) => new Proxy(partition, {
    get(target, key, receiver) {
      counter.reads += 1;
      return Reflect.get(target, key, receiver) as unknown;
    },
  }));
  return { ...document, partitions };
}
