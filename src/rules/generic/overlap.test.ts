import { describe, expect, it } from 'vitest';
import type { Device } from '../../model/document';
import { applyFix } from '../../model/edit';
import { findPreset } from '../../presets';
import { check, layoutOf, part } from '../../test-support/documents';
import { overlapRule } from './overlap';
import { validate } from '../../families';

describe('overlap rule', () => {
  it('passes partitions that touch without overlapping', () => {
    const document = layoutOf([part('a', 0, 0x10000), part('b', 0x10000, 0x10000), part('c', 0x20000, 'rest')]);
    expect(check(overlapRule, document)).toEqual([]);
  });

  it('reports a partition that starts inside another, and its fix moves it after', () => {
    const document = layoutOf([part('a', 0, 0x20000), part('b', 0x18000, 0x8000)]);
    const problems = check(overlapRule, document);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'overlap', severity: 'error', partitionIds: ['a', 'b'] });
    expect(problems[0].message).toMatch(/"b".*overlaps.*"a"/);
    expect(problems[0].fixes[0]?.edits).toEqual([{ target: 'partition', id: 'b', set: { offset: 0x20000 } }]);
    const fixed = applyFix(document, problems[0].fixes[0]);
    expect(validate(fixed).problems).toEqual([]);
  });

  it('reports an overlap of a single byte', () => {
    const problems = check(overlapRule, layoutOf([part('a', 0, 0x1001), part('b', 0x1000, 0x1000)]));
    expect(problems.map((p) => p.partitionIds)).toEqual([['a', 'b']]);
    expect(problems[0].message).toMatch(/by 0x1 \(1 B\)/);
  });

  it('reports each partition once, with the one it reaches into furthest and how many others', () => {
    const document = layoutOf([part('a', 0, 0x30000), part('b', 0x10000, 0x30000), part('c', 0x20000, 0x10000), part('d', 0x80000, 0x1000)]);
    const problems = check(overlapRule, document);
    expect(problems.map((p) => p.partitionIds.join('+'))).toEqual(['a+b', 'b+c']);
    expect(problems[1].message).toBe('"c" (0x20000–0x30000) overlaps "b" (0x10000–0x40000) by 0x10000 (64 KiB) and 1 other');
  });

  it('moves a partition into the first gap that holds it, never onto a neighbour', () => {
    // "b" collides with "a"; right after "a" sits "c", so the fix skips to the gap after "c".
    const document = layoutOf([part('a', 0, 0x20000), part('b', 0x18000, 0x10000), part('c', 0x20000, 0x8000), part('d', 0x40000, 0x1000)]);
    const [problem] = check(overlapRule, document);
    expect(problem.fixes[0]).toEqual({ label: 'Move "b" to 0x28000, after "a"', edits: [{ target: 'partition', id: 'b', set: { offset: 0x28000 } }] });
    expect(validate(applyFix(document, problem.fixes[0])).problems).toEqual([]);
  });

  it('offers no move when no gap of the area holds the partition, only shrinking the one before', () => {
    const area = { id: 'flash', name: 'Flash', space: 'main', start: 0, size: 0x30000 };
    const document = layoutOf([part('a', 0, 0x20000), part('b', 0x10000, 0x18000)], undefined, [area]);
    const [problem] = check(overlapRule, document);
    expect(problem.code).toBe('overlap');
    expect(problem.fixes.map((f) => f.edits)).toEqual([[{ target: 'partition', id: 'a', set: { size: 0x10000 } }]]);
    expect(validate(applyFix(document, problem.fixes[0])).problems).toEqual([]);
  });

  it('offers only fixes that create no new error: a shrink that would cut a fixed neighbour short is dropped', () => {
    // "c" is too large for any gap, and shrinking "b" to end where "c" starts leaves it 0 bytes.
    const area = { id: 'flash', name: 'Flash', space: 'main', start: 0, size: 0x40000 };
    const document = layoutOf([part('a', 0, 0x10000), part('b', 0x10000, 0x20000), part('c', 0x10000, 0x30000)], undefined, [area]);
    const problems = validate(document).problems.filter((p) => p.code === 'overlap');
    for (const problem of problems) for (const fix of problem.fixes) expect(validate(applyFix(document, fix)).problems.filter((p) => p.severity === 'error').length).toBeLessThan(problems.length);    // No gap of the 256 KiB area holds "c", and "b" cannot shrink to nothing: that is said in words.
    expect(problems.map((p) => [p.fixes, p.noFix])).toEqual([[[], 'No fix fits: no free space of 0x30000 (192 KiB) holds "c". Shrink or remove a partition, or use a larger device.']]);
  });

  it('counts backup copies and their spare blocks as occupied', () => {
    const device: Device = { family: 'nor', size: 128 * 1024 * 1024, geometry: { eraseBlock: 0x20000 } };
    // IPL0..2 occupy 0x60000-0xC0000; ENV placed at 0xA0000 sits on IPL2.
    const document = layoutOf([part('IPL', 0x60000, 0x20000, { copies: { count: 3, spareBlocks: 0 } }), part('ENV', 0xa0000, 0x20000)], device);
    const problems = check(overlapRule, document);
    expect(problems.map((p) => p.partitionIds)).toEqual([['IPL', 'ENV']]);
    expect(validate(applyFix(document, problems[0].fixes[0])).problems).toEqual([]);
  });

  it('reports a partition on a region the family reserves (the ESP32 partition table)', () => {
    const base = findPreset('esp32-single')!.build();
    const document = { ...base, partitions: base.partitions.map((p) => (p.name === 'nvs' ? { ...p, offset: 0x8000 } : p)) };
    const problems = check(overlapRule, document);
    expect(problems).toHaveLength(1);
    expect(problems[0].partitionIds).toEqual(['nvs']);
    expect(problems[0].message).toMatch(/partition table/);
    // The table sector is 0x8000-0x9000; nvs moves to the first 4 KiB boundary after it.
    expect(problems[0].fixes[0]?.edits).toEqual([{ target: 'partition', id: 'nvs', set: { offset: 0x9000 } }]);
    expect(validate(applyFix(document, problems[0].fixes[0])).problems).toEqual([]);
  });

  it('does not compare partitions in different address spaces', () => {
    const preset = findPreset('emmc-boot')!.build();
    expect(check(overlapRule, preset)).toEqual([]);
  });

  it('ignores empty partitions', () => {
    expect(check(overlapRule, layoutOf([part('a', 0, 0x10000), part('b', 0x8000, 0)]))).toEqual([]);
  });
});
