import { describe, expect, it } from 'vitest';
import type { Area, Device } from '../../model/document';
import { applyFix } from '../../model/edit';
import { check, layoutOf, part } from '../../test-support/documents';
import { zeroSizeRule } from './zero-size';
import { validate } from '../../families';

describe('zero-size rule', () => {
  it('passes a partition of one erase block', () => {
    expect(check(zeroSizeRule, layoutOf([part('env', 0, 0x1000)]))).toEqual([]);
  });

  it('reports a partition of size zero; the fix gives it one erase block', () => {
    const document = layoutOf([part('env', 0x10000, 0)]);
    const problems = check(zeroSizeRule, document);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'zero-size', severity: 'error', partitionIds: ['env'] });
    expect(problems[0].fixes[0]?.edits).toEqual([{ target: 'partition', id: 'env', set: { size: 0x1000 } }]);
    expect(validate(applyFix(document, problems[0].fixes[0])).problems).toEqual([]);
  });

  it('sizes the fix by the sector on a block device', () => {
    const device: Device = { family: 'emmc', size: 1 << 30, geometry: { sectorSize: 512 } };
    const areas: Area[] = [{ id: 'flash', name: 'User', space: 'main', start: 0, size: 'rest', table: 'none' }];
    const problems = check(zeroSizeRule, layoutOf([part('spl', 0x2000, 0, { raw: true })], device, areas));
    expect(problems[0].fixes[0]?.edits).toEqual([{ target: 'partition', id: 'spl', set: { size: 512 } }]);
  });

  it('reports a "rest" partition left with no space, without a fix', () => {
    const areas: Area[] = [{ id: 'flash', name: 'Flash', space: 'main', start: 0, size: 0x10000 }];
    const problems = check(zeroSizeRule, layoutOf([part('a', 0, 0x10000), part('b', 'auto', 'rest')], undefined, areas));
    expect(problems.map((p) => p.partitionIds)).toEqual([['b']]);
    expect(problems[0].message).toMatch(/no space is left/);
    expect(problems[0].fixes).toEqual([]);
  });
});
