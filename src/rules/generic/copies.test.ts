import { describe, expect, it } from 'vitest';
import type { Device, LayoutDocument } from '../../model/document';
import { applyFix } from '../../model/edit';
import { findPreset } from '../../presets';
import { check, layoutOf, part } from '../../test-support/documents';
import { copiesRule } from './copies';
import { validate } from '../../families';

const BLOCK = 0x20000;
// A generic flash with NAND blocks: these are the generic rules, without the SigmaStar family's own.
const NAND: Device = { family: 'nor', size: 128 * 1024 * 1024, geometry: { eraseBlock: BLOCK, pageSize: 2048, spareSize: 64 } };

function fixed(document: LayoutDocument, code: string): LayoutDocument {
  const problem = check(copiesRule, document).find((p) => p.code === code);
  if (!problem?.fixes[0]) throw new Error(`no ${code} problem with a fix`);
  return applyFix(document, problem.fixes[0]);
}

describe('copies rule', () => {
  it('passes the SigmaStar NAND preset (IPL, IPL_CUST and UBOOT copies)', () => {
    expect(check(copiesRule, findPreset('sstar-nand')!.build())).toEqual([]);
  });

  it('passes copies in whole-block slots with spare blocks', () => {
    const document = layoutOf([part('UBOOT', 0, 0x50000, { copies: { count: 2, slot: 0x60000, spareBlocks: 2 } })], NAND);
    expect(check(copiesRule, document)).toEqual([]);
  });

  it('reports a partition larger than its copy slot; the fix grows the slot', () => {
    const document = layoutOf([part('UBOOT', 0, 0x60000, { copies: { count: 2, slot: 0x40000, spareBlocks: 0 } })], NAND);
    const problems = check(copiesRule, document);
    expect(problems.map((p) => [p.code, p.severity, p.partitionIds])).toEqual([['copy-slot-too-small', 'error', ['UBOOT']]]);
    expect(problems[0].fixes[0]?.edits).toEqual([{ target: 'partition', id: 'UBOOT', set: { copies: { count: 2, slot: 0x60000, spareBlocks: 0 } } }]);
    expect(validate(fixed(document, 'copy-slot-too-small')).problems).toEqual([]);
  });

  it('reports copies that do not start on an erase block; the fix rounds the slot up', () => {
    // Slots of 1.25 blocks: IPL1 starts at 0x28000 and IPL2 at 0x50000, inside blocks 1 and 2.
    const document = layoutOf([part('IPL', 0, BLOCK, { copies: { count: 3, slot: 0x28000, spareBlocks: 0 } })], NAND);
    const problems = check(copiesRule, document);
    expect(problems.map((p) => p.code)).toEqual(['copy-not-at-block-start']);
    expect(problems[0].message).toMatch(/IPL1 at 0x28000, IPL2 at 0x50000 do not start on an erase block/);
    expect(problems[0].fixes[0]?.edits[0]).toMatchObject({ set: { copies: { slot: 2 * BLOCK } } });
    expect(validate(fixed(document, 'copy-not-at-block-start')).problems).toEqual([]);
  });

  it('reports a single misplaced copy', () => {
    const document = layoutOf([part('UBOOT', 0, BLOCK, { copies: { count: 2, slot: 0x28000, spareBlocks: 0 } })], NAND);
    const problems = check(copiesRule, document);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^UBOOT1 at 0x28000 does not start on an erase block/)]);
  });

  it('leaves a partition that itself starts inside a block to the alignment rule', () => {
    const document = layoutOf([part('IPL', 0x10000, BLOCK, { copies: { count: 2, spareBlocks: 0 } })], NAND);
    expect(check(copiesRule, document)).toEqual([]);
    expect(validate(document).problems.map((p) => p.code)).toEqual(['misaligned-offset']);
  });

  it('reports an image larger than its partition; the fix grows the partition to whole blocks', () => {
    const document = layoutOf([part('KERNEL', 0, 0x400000, { imageSize: 0x400001 })], NAND);
    const problems = check(copiesRule, document);
    expect(problems.map((p) => [p.code, p.partitionIds])).toEqual([['image-too-large', ['KERNEL']]]);
    expect(problems[0].fixes[0]?.edits).toEqual([{ target: 'partition', id: 'KERNEL', set: { size: 0x400000 + BLOCK } }]);
    expect(validate(fixed(document, 'image-too-large')).problems).toEqual([]);
  });

  it('passes an image that fits exactly (the QEMU preset: a 10,676,900-byte FIT image)', () => {
    const preset = findPreset('qemu-nor')!.build();
    expect(preset.partitions[0].imageSize).toBe(10676900);
    expect(check(copiesRule, preset)).toEqual([]);
    const tooSmall = { ...preset, partitions: [{ ...preset.partitions[0], size: 0x1000 * Math.floor(10676900 / 0x1000) }] };
    expect(check(copiesRule, tooSmall).map((p) => p.code)).toEqual(['image-too-large']);
  });

  it('reports an image larger than a copy slot, without a fix', () => {
    const document = layoutOf([part('IPL', 0, BLOCK, { imageSize: BLOCK + 1, copies: { count: 3, spareBlocks: 0 } })], NAND);
    const problems = check(copiesRule, document);
    expect(problems.map((p) => p.code)).toEqual(['image-too-large']);
    expect(problems[0].message).toMatch(/copy slot/);
    expect(problems[0].fixes).toEqual([]);
  });
});
