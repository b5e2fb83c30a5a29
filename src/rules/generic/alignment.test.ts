import { describe, expect, it } from 'vitest';
import type { Area, Device, LayoutDocument } from '../../model/document';
import { applyFix } from '../../model/edit';
import { findPreset } from '../../presets';
import { check, layoutOf, part } from '../../test-support/documents';
import { alignmentRule } from './alignment';
import { validate } from '../../families';

const MiB = 1024 * 1024;

function fixedBy(document: LayoutDocument, code: string): LayoutDocument {
  const problem = check(alignmentRule, document).find((p) => p.code === code);
  if (!problem?.fixes[0]) throw new Error(`no ${code} problem with a fix`);
  return applyFix(document, problem.fixes[0]);
}

describe('alignment rule: NOR erase blocks', () => {
  it('passes offsets and sizes that are whole 4 KiB erase blocks', () => {
    expect(check(alignmentRule, layoutOf([part('a', 0x1000, 0x3000), part('b', 0x10000, 0x1000)]))).toEqual([]);
  });

  it('reports an offset inside an erase block; the fix aligns it up', () => {
    const document = layoutOf([part('a', 0x1800, 0x1000)]);
    const problems = check(alignmentRule, document);
    expect(problems.map((p) => [p.code, p.severity, p.partitionIds])).toEqual([['misaligned-offset', 'error', ['a']]]);
    expect(problems[0].message).toMatch(/0x1800.*0x1000.*erase block/);
    expect(problems[0].fixes[0]?.edits).toEqual([{ target: 'partition', id: 'a', set: { offset: 0x2000 } }]);
    expect(validate(fixedBy(document, 'misaligned-offset')).problems).toEqual([]);
  });

  it('reports a size that is not whole erase blocks; the fix rounds it up', () => {
    const document = layoutOf([part('a', 0, 0x1f001)]);
    const problems = check(alignmentRule, document);
    expect(problems.map((p) => p.code)).toEqual(['misaligned-size']);
    expect(problems[0].fixes[0]?.edits).toEqual([{ target: 'partition', id: 'a', set: { size: 0x20000 } }]);
    expect(validate(fixedBy(document, 'misaligned-size')).problems).toEqual([]);
  });

  it('has no size fix for a "rest" partition that ends on an odd device size', () => {
    const device: Device = { family: 'nor', size: 16 * MiB + 0x800, geometry: { eraseBlock: 0x1000 } };
    const problems = check(alignmentRule, layoutOf([part('a', 0, 'rest')], device));
    expect(problems.map((p) => p.code)).toEqual(['misaligned-size']);
    expect(problems[0].fixes).toEqual([]);
  });

  it('applies an alignment set on the partition', () => {
    const document = layoutOf([part('a', 0x3000, 0x1000, { align: 0x10000 })]);
    const problems = check(alignmentRule, document);
    expect(problems.map((p) => p.code)).toEqual(['misaligned-offset']);
    expect(problems[0].fixes[0]?.edits[0]).toMatchObject({ set: { offset: 0x10000 } });
    expect(validate(fixedBy(document, 'misaligned-offset')).problems).toEqual([]);
  });
});

describe('alignment rule: ESP32 (gen_esp32part: app offsets 64 KiB, data 4 KiB)', () => {
  const preset = () => findPreset('esp32-ota')!.build();
  const moved = (name: string, offset: number): LayoutDocument => {
    const document = preset();
    return { ...document, partitions: document.partitions.map((p) => (p.name === name ? { ...p, offset } : p)) };
  };

  it('passes the built-in two-OTA table', () => {
    expect(check(alignmentRule, preset())).toEqual([]);
  });

  it('reports an app at a 4 KiB boundary that is not a 64 KiB boundary', () => {
    const document = moved('ota_1', 0x211000);
    const problems = check(alignmentRule, document);
    expect(problems.map((p) => [p.code, p.partitionIds])).toEqual([['misaligned-offset', ['ota-1']]]);
    expect(problems[0].fixes[0]?.edits[0]).toMatchObject({ set: { offset: 0x220000 } });
    expect(validate(fixedBy(document, 'misaligned-offset')).problems).toEqual([]);
  });

  it('passes data at a 4 KiB boundary and reports data inside a 4 KiB sector', () => {
    expect(check(alignmentRule, moved('phy_init', 0xf000))).toEqual([]);
    const document = moved('phy_init', 0xf800);
    expect(check(alignmentRule, document).map((p) => p.code)).toEqual(['misaligned-offset']);
  });

  it('reports an app size that is not whole 4 KiB', () => {
    const document = preset();
    const odd = { ...document, partitions: document.partitions.map((p) => (p.name === 'ota_1' ? { ...p, size: 0x100800 } : p)) };
    expect(check(alignmentRule, odd).map((p) => [p.code, p.partitionIds])).toEqual([['misaligned-size', ['ota-1']]]);
  });
});

describe('alignment rule: eMMC (512-byte sectors, 1 MiB grain)', () => {
  const device: Device = { family: 'emmc', size: 8 * 1024 * MiB, geometry: { sectorSize: 512 } };
  const areas: Area[] = [{ id: 'flash', name: 'User area', space: 'main', start: 0, size: 'rest', table: 'mbr' }];

  it('passes a partition on the 1 MiB grain', () => {
    expect(check(alignmentRule, layoutOf([part('boot', 1 * MiB, 64 * MiB)], device, areas))).toEqual([]);
  });

  it('warns about a partition off the 1 MiB grain but on a sector', () => {
    const document = layoutOf([part('boot', 1 * MiB + 512, 64 * MiB)], device, areas);
    const problems = check(alignmentRule, document);
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['misaligned-offset', 'warning']]);
    expect(validate(fixedBy(document, 'misaligned-offset')).problems).toEqual([]);
  });

  it('reports a partition off a sector boundary as an error', () => {
    const problems = check(alignmentRule, layoutOf([part('boot', 1 * MiB + 100, 64 * MiB - 100)], device, areas));
    expect(problems.map((p) => [p.code, p.severity]).sort()).toEqual([
      ['misaligned-offset', 'error'],
      ['misaligned-offset', 'warning'],
      ['misaligned-size', 'error'],
    ]);
  });

  it('does not ask a raw bootloader for the 1 MiB grain', () => {
    expect(check(alignmentRule, layoutOf([part('spl', 8 * 1024, 1016 * 1024, { raw: true })], device, areas))).toEqual([]);
  });
});
