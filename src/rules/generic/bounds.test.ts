import { describe, expect, it } from 'vitest';
import type { Area } from '../../model/document';
import { applyFix } from '../../model/edit';
import { check, layoutOf, part } from '../../test-support/documents';
import { boundsRule } from './bounds';
import { validate } from '../../families';

const MiB = 1024 * 1024;
const DEVICE_END = 16 * MiB;

/** BOOT at 0-0x40000 and SYS from 0x100000 to the end of the 16 MiB flash. */
const AREAS: Area[] = [
  { id: 'boot', name: 'BOOT', space: 'main', start: 0, size: 0x40000 },
  { id: 'sys', name: 'SYS', space: 'main', start: 0x100000, size: 'rest' },
];

function codes(document: Parameters<typeof validate>[0]): string[] {
  return validate(document).problems.map((p) => p.code);
}

describe('bounds rule', () => {
  it('passes partitions that end exactly at the end of their area and of the device', () => {
    const document = layoutOf(
      [part('ipl', 0, 0x40000, { area: 'boot' }), part('kernel', 0x100000, 0x200000, { area: 'sys' }), part('data', 'auto', DEVICE_END - 0x300000, { area: 'sys' })],
      undefined,
      AREAS,
    );
    expect(check(boundsRule, document)).toEqual([]);
  });

  it('reports a partition past the end of the device; fixes move it into free space, shrink it or grow the chip', () => {
    const document = layoutOf([part('kernel', 0x800000, 0x900000)]);
    const problems = check(boundsRule, document);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'outside-device', severity: 'error', partitionIds: ['kernel'] });
    // 0x900000 from 0x800000 overruns the 16 MiB flash by 0x100000 bytes.
    expect(problems[0].message).toMatch(/by 0x100000/);
    expect(problems[0].fixes.map((f) => f.edits)).toEqual([
      // The flash is empty below 0x800000: 0x900000 bytes fit from 0.
      [{ target: 'partition', id: 'kernel', set: { offset: 0 } }],
      [{ target: 'partition', id: 'kernel', set: { size: DEVICE_END - 0x800000 } }],
      // SPI-NOR chips double: 32 MiB holds 0x800000 + 0x900000.
      [{ target: 'device', set: { size: 32 * MiB } }],
    ]);
    for (const fix of problems[0].fixes) expect(validate(applyFix(document, fix)).problems).toEqual([]);
    expect(validate(document).problems[0].fixes).toHaveLength(3);
  });

  it('reports a partition past the end of its area; the fix shrinks it to the area', () => {
    const document = layoutOf([part('uboot', 0x10000, 0x40000, { area: 'boot' })], undefined, AREAS);
    const problems = check(boundsRule, document);
    expect(problems.map((p) => [p.code, p.partitionIds])).toEqual([['outside-area', ['uboot']]]);
    expect(problems[0].message).toMatch(/area "BOOT"/);
    // From 0 it would fill BOOT exactly, so the move comes first; a larger chip does not widen BOOT.
    expect(problems[0].fixes.map((f) => f.edits)).toEqual([
      [{ target: 'partition', id: 'uboot', set: { offset: 0 } }],
      [{ target: 'partition', id: 'uboot', set: { size: 0x30000 } }],
    ]);
    expect(codes(applyFix(document, problems[0].fixes[0]))).toEqual([]);
    expect(codes(applyFix(document, problems[0].fixes[0]))).toEqual([]);
  });

  it('reports a partition that starts before its area; the fix moves it to the area start', () => {
    const document = layoutOf([part('kernel', 0x80000, 0x100000, { area: 'sys' })], undefined, AREAS);
    const problems = check(boundsRule, document);
    expect(problems.map((p) => [p.code, p.partitionIds])).toEqual([['outside-area', ['kernel']]]);
    expect(problems[0].message).toMatch(/before area "SYS"/);
    expect(problems[0].fixes[0]?.edits).toEqual([{ target: 'partition', id: 'kernel', set: { offset: 0x100000 } }]);
    expect(codes(applyFix(document, problems[0].fixes[0]))).toEqual([]);
  });

  it('reports a partition that starts one byte before its area', () => {
    const problems = check(boundsRule, layoutOf([part('kernel', 0xfffff, 0x1000, { area: 'sys' })], undefined, AREAS));
    expect(problems.map((p) => p.code)).toEqual(['outside-area']);
  });

  it('offers no shrink fix for a partition that starts past the end of the device', () => {
    const problems = check(boundsRule, layoutOf([part('late', DEVICE_END + 0x1000, 0x1000)]));
    expect(problems.map((p) => p.code)).toEqual(['outside-device']);
    expect(problems[0].fixes.map((f) => f.label)).toEqual(['Move "late" to 0x0, into free space', 'Grow the device to 32 MiB']);
  });

  it('offers no fix at all when no gap holds it and the family has no larger device', () => {
    const areas: Area[] = [{ id: 'flash', name: 'Flash', space: 'main', start: 0, size: 'rest' }];
    // The largest NOR flash, full to its end.
    const end = 256 * MiB;
    const full = layoutOf([part('a', 0, end - 0x10000), part('b', end - 0x10000, 0x10000), part('late', end, 0x10000, { copies: { count: 2, spareBlocks: 0 } })], { family: 'nor', size: end, geometry: { eraseBlock: 0x1000 } }, areas);
    const outside = validate(full).problems.filter((p) => p.code === 'outside-device');
    expect(outside.flatMap((p) => p.fixes)).toEqual([]);
    // 2 copies of 64 KiB: a 128 KiB span that no gap of the full flash holds.
    expect(outside.map((p) => p.noFix)).toEqual(['No fix fits: no free space of 0x20000 (128 KiB) holds "late", and the family has no larger device that does. Shrink or remove a partition.']);
  });

  it('reports an area that runs past the end of the device', () => {
    const areas: Area[] = [{ id: 'flash', name: 'Flash', space: 'main', start: 0x800000, size: 12 * MiB }];
    const problems = check(boundsRule, layoutOf([], undefined, areas));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'area-outside-device', severity: 'error', partitionIds: [] });
    expect(problems[0].message).toMatch(/Area "Flash"/);
  });

  it('reports an area one byte too long', () => {
    const areas: Area[] = [{ id: 'flash', name: 'Flash', space: 'main', start: 0, size: DEVICE_END + 1 }];
    expect(check(boundsRule, layoutOf([], undefined, areas)).map((p) => p.code)).toEqual(['area-outside-device']);
  });

  it('passes an area that ends exactly at the end of the device', () => {
    const areas: Area[] = [{ id: 'flash', name: 'Flash', space: 'main', start: 0x800000, size: 8 * MiB }];
    expect(check(boundsRule, layoutOf([], undefined, areas))).toEqual([]);
  });

  it('reports an area in an address space the device does not have', () => {
    const areas: Area[] = [{ id: 'boot0', name: 'boot0', space: 'boot0', start: 0, size: 'rest' }];
    const problems = check(boundsRule, layoutOf([], undefined, areas));
    expect(problems.map((p) => p.code)).toEqual(['unknown-space']);
    expect(problems[0].message).toMatch(/"boot0"/);
  });
});
