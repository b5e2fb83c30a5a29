import { describe, expect, it } from 'vitest';
import type { Area, Device } from '../model/document';
import { PRESETS } from '../presets';
import { layoutOf, part } from '../test-support/documents';
import type { Rule } from '../layout/family';
import { GENERIC_RULES, hasErrors, validateWith } from './validate';
import { familyOf, validate } from '../families';

const MiB = 1024 * 1024;

describe('validate', () => {
  it.each(PRESETS.map((p) => [p.id, p]))('finds no problem in the %s preset', (_id, preset) => {
    expect(validate(preset.build()).problems).toEqual([]);
  });

  it('reports every fault of a layout at once, not only the first', () => {
    const document = layoutOf([
      part('a', 0, 0x2000),
      part('b', 0x1000, 0x1000), // overlaps a
      part('c', 0x10000, 0), // zero size
      part('d', 0x20800, 0x1000), // offset inside an erase block
      part('a', 0x30000, 0x1000, { id: 'a2' }), // name taken by a
      part('e', 0xff0000, 0x20000), // past the end of the 16 MiB flash
      part('f', 0x40000, 0x1000, { imageSize: 0x2000 }), // image larger than the partition
    ]);
    const codes = validate(document).problems.map((p) => p.code);
    expect(new Set(codes)).toEqual(new Set(['overlap', 'zero-size', 'misaligned-offset', 'duplicate-name', 'outside-device', 'image-too-large']));
  });

  it('says "No fix fits" when every fix the rule offers would make a new error, and offers none', () => {
    // A rule that wants "b" at 0 and offers that move, which lands "b" on "a".
    const wantsZero: Rule = {
      code: 'wants-zero',
      description: 'b starts at 0',
      check: ({ document }) =>
        document.partitions.filter((p) => p.name === 'b' && p.offset !== 0).map((p) => ({ code: 'wants-zero', severity: 'error', rule: 'b starts at 0', message: '"b" is not at 0', partitionIds: [p.id], fixes: [{ label: 'Move "b" to 0x0', edits: [{ target: 'partition', id: p.id, set: { offset: 0 } }] }] })),
    };
    const document = layoutOf([part('a', 0, 0x10000), part('b', 0x10000, 0x10000)]);
    const family = familyOf(document);
    const [problem] = validateWith(document, { ...family, rules: [...family.rules, wantsZero] }).problems;
    expect(problem.fixes).toEqual([]);
    expect(problem.noFix).toBe('No fix fits: move "b" to 0x0 would make a new error. Move, shrink or remove a partition by hand, or use a larger device.');
  });

  it('sorts errors before warnings, then by partition order', () => {
    const device: Device = { family: 'emmc', size: 1024 * MiB, geometry: { sectorSize: 512 } };
    const areas: Area[] = [{ id: 'flash', name: 'User area', space: 'main', start: 0, size: 'rest', table: 'mbr' }];
    const document = layoutOf(
      [
        part('first', 1 * MiB + 512, 1 * MiB), // off the 1 MiB grain: a warning
        part('second', 4 * MiB, 0), // an error
        part('third', 8 * MiB + 512, 1 * MiB), // a warning
        part('fourth', 16 * MiB + 1, 1 * MiB - 1), // errors (sector) and a warning (grain)
      ],
      device,
      areas,
    );
    const problems = validate(document).problems;
    const severities = problems.map((p) => p.severity);
    expect(severities).toEqual([...severities].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
    expect(problems.map((p) => [p.severity, p.partitionIds[0]])).toEqual([
      ['error', 'second'],
      ['error', 'fourth'],
      ['error', 'fourth'],
      ['warning', 'first'],
      ['warning', 'third'],
      ['warning', 'fourth'],
    ]);
    expect(hasErrors(problems)).toBe(true);
    expect(hasErrors(problems.filter((p) => p.severity !== 'error'))).toBe(false);
  });

  it('states the rule behind each problem and names only existing partitions', () => {
    const document = layoutOf([part('a', 0, 0x2000), part('b', 0x1000, 0x1800), part('c', 0, 0)]);
    const { problems, placement } = validate(document);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem.rule.length).toBeGreaterThan(0);
      expect(problem.message.length).toBeGreaterThan(0);
      for (const id of problem.partitionIds) expect(placement.byId.has(id)).toBe(true);
    }
  });

  it('runs every generic rule, each with its own code and description', () => {
    expect(GENERIC_RULES.map((r) => r.code).sort()).toEqual(['copies', 'duplicate-name', 'misaligned', 'outside', 'overlap', 'zero-size']);
    expect(new Set(GENERIC_RULES.map((r) => r.description)).size).toBe(GENERIC_RULES.length);
  });

  it('returns the placement it checked', () => {
    const { placement } = validate(layoutOf([part('a', 0x1000, 0x1000)]));
    expect(placement.byId.get('a')).toMatchObject({ start: 0x1000, end: 0x2000 });
  });
});
