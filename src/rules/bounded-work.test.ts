/**
 * Hostile sizes (issue: bounded work for any input). Each fixture is named after what it
 * provokes; each test states the bound it holds in counts or sizes, never in time.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../codecs/esp32/csv';
import { Esp32Error } from '../codecs/esp32/errors';
import { validate } from '../families';
import { csvOfLines, esp32RowsReversed, longNameOverlap, overlappingAtZero, sameNames } from '../test-support/hostile';
import { MAX_PROBLEMS_PER_RULE } from './limits';

const totalIds = (problems: { partitionIds: string[] }[]) => problems.reduce((sum, p) => sum + p.partitionIds.length, 0);

describe('bounded work', () => {
  it('10,000 partitions at offset 0: one overlap problem per partition, capped at 100 and a summary', () => {
    const count = 10_000;
    const { problems } = validate(overlappingAtZero(count));
    const overlaps = problems.filter((p) => p.code === 'overlap');
    expect(overlaps).toHaveLength(MAX_PROBLEMS_PER_RULE + 1);
    expect(overlaps[0].message).toBe('"part1" (0x0–0x10000) overlaps "part0" (0x0–0x10000) by 0x10000 (64 KiB)');
    expect(overlaps[MAX_PROBLEMS_PER_RULE - 1].message).toMatch(/ and 99 others$/);
    const summary = overlaps[MAX_PROBLEMS_PER_RULE];
    expect(summary.message).toBe(`… and ${count - 1 - MAX_PROBLEMS_PER_RULE} more problems of this kind (the first ${MAX_PROBLEMS_PER_RULE} are listed)`);
    // Every partition is still marked, yet the problems name each partition about once, not N times.
    expect(new Set(overlaps.flatMap((p) => p.partitionIds)).size).toBe(count);
    expect(totalIds(overlaps)).toBeLessThan(2 * count + 2 * MAX_PROBLEMS_PER_RULE);
  });

  it('20,000 partitions with one name: one problem whose fix gives 19,999 distinct new names', () => {
    const count = 20_000;
    const problems = validate(sameNames(count)).problems.filter((p) => p.code === 'duplicate-name');
    expect(problems).toHaveLength(1);
    const names = problems[0].fixes[0].edits.map((e) => (e.target === 'partition' ? e.set.name : undefined));
    expect(new Set(names).size).toBe(count - 1);
    expect(names.slice(0, 2)).toEqual(['data_2', 'data_3']);
    expect(problems[0].fixes[0].label).toBe('Rename to "data_2", "data_3", "data_4" and 19996 more');
  });

  it('20,000 ESP32 rows in descending order: table-order problems capped, each message short', () => {
    const { problems } = validate(esp32RowsReversed(20_000));
    const order = problems.filter((p) => p.code === 'esp32-table-order');
    expect(order).toHaveLength(MAX_PROBLEMS_PER_RULE + 1);
    expect(Math.max(...problems.map((p) => p.message.length))).toBeLessThan(400);
    expect(problems.length).toBeLessThanOrEqual(20 * (MAX_PROBLEMS_PER_RULE + 1));
  });

  it('a CSV of 1,000,000 lines stops where the 95-row limit is passed, naming that line', () => {
    const error = (() => {
      try {
        parseCsv(csvOfLines(1_000_000));
      } catch (e) {
        return e as Esp32Error;
      }
    })();
    expect(error).toBeInstanceOf(Esp32Error);
    // Line 1 is the comment; rows 1..94 fit with the MD5 row, so row 95 (line 96) is one too many.
    expect(error!.line).toBe(96);
    expect(error!.reason).toMatch(/^Binary partition table length \(32000032\) longer than max/);
  });

  it('a 10 MB partition name comes back as a message of a few dozen characters', () => {
    const { problems } = validate(longNameOverlap(10_000_000));
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem.message.length).toBeLessThan(300);
      expect(problem.fixes[0]?.label.length ?? 0).toBeLessThan(300);
    }
  });
});
