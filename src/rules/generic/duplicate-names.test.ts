import { describe, expect, it } from 'vitest';
import type { Device } from '../../model/document';
import { applyFix } from '../../model/edit';
import { check, layoutOf, part } from '../../test-support/documents';
import { duplicateNamesRule } from './duplicate-names';
import { validate } from '../../families';

// A generic flash with NAND blocks: these are the generic rules, without the SigmaStar family's own.
const NAND: Device = { family: 'nor', size: 128 * 1024 * 1024, geometry: { eraseBlock: 0x20000 } };

describe('duplicate-name rule', () => {
  it('passes distinct names', () => {
    expect(check(duplicateNamesRule, layoutOf([part('a', 0, 0x1000), part('b', 'auto', 0x1000)]))).toEqual([]);
  });

  it('reports two partitions with one name; the fix renames the second', () => {
    const document = layoutOf([
      part('data', 0, 0x1000, { id: 'p1' }),
      part('kernel', 'auto', 0x1000),
      part('data', 'auto', 0x1000, { id: 'p3' }),
    ]);
    const problems = check(duplicateNamesRule, document);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'duplicate-name', severity: 'error', partitionIds: ['p1', 'p3'] });
    expect(problems[0].message).toMatch(/2 partitions are named "data"/);
    const fixed = applyFix(document, problems[0].fixes[0]);
    expect(fixed.partitions.map((p) => p.name)).toEqual(['data', 'kernel', 'data_2']);
    expect(validate(fixed).problems).toEqual([]);
  });

  it('gives each extra holder of a name a fresh name', () => {
    const document = layoutOf([
      part('x', 0, 0x1000, { id: 'p1' }),
      part('x', 'auto', 0x1000, { id: 'p2' }),
      part('x_2', 'auto', 0x1000, { id: 'p3' }),
      part('x', 'auto', 0x1000, { id: 'p4' }),
    ]);
    const problems = check(duplicateNamesRule, document);
    expect(problems.map((p) => p.partitionIds)).toEqual([['p1', 'p2', 'p4']]);
    const names = applyFix(document, problems[0].fixes[0]).partitions.map((p) => p.name);
    expect(new Set(names).size).toBe(4);
    expect(validate(applyFix(document, problems[0].fixes[0])).problems).toEqual([]);
  });

  it('checks the names of backup copies (IPL with three copies is IPL0, IPL1, IPL2)', () => {
    const document = layoutOf([part('IPL', 0, 0x20000, { copies: { count: 3, spareBlocks: 0 } }), part('IPL1', 'auto', 0x20000, { id: 'other' })], NAND);
    const problems = check(duplicateNamesRule, document);
    expect(problems.map((p) => [p.code, p.partitionIds])).toEqual([['duplicate-name', ['IPL', 'other']]]);
    expect(problems[0].message).toMatch(/"IPL1"/);
    expect(validate(applyFix(document, problems[0].fixes[0])).problems).toEqual([]);
  });

  it('passes a partition whose name is the base name of another partition with copies', () => {
    const document = layoutOf([part('IPL', 0, 0x20000, { copies: { count: 2, spareBlocks: 0 } }), part('IPL', 'auto', 0x20000, { id: 'plain', name: 'IPL' })], NAND);
    // The table names are IPL0, IPL1 and IPL: all different.
    expect(check(duplicateNamesRule, document)).toEqual([]);
  });
});
