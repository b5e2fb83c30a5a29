/**
 * SigmaStar: two SDK partition.configs of the corpus for different SPI-NAND sizes (ssd202 at
 * 128 MiB, PurPle-Pi-R1 at 256 MiB), and the SPI-NOR preset with a changed BOOT area. Offsets
 * worked out by hand from the configs' PATSIZE, DATASIZE, COPIES and BKCOUNT lines.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importFile } from '../formats/files';
import type { LayoutDocument } from '../model/document';
import { sigmastarNand, sigmastarNor } from '../presets/sigmastar';
import { sharedPath } from '../test-support/shared';
import { compareLayouts, type ComparisonReport } from './compare';

function config(name: string): LayoutDocument {
  const outcome = importFile(readFileSync(sharedPath('corpus/sstar/configs', name)), sigmastarNand(), { fileName: name });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.document;
}

function compare(old: LayoutDocument, next: LayoutDocument): ComparisonReport {
  const outcome = compareLayouts(old, next);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

describe('compare SigmaStar layouts', () => {
  const report = compare(config('xuxiaojiao-ssd202_i2m_spinand.ubifs.p2.partition.config'), config('industio-PurPle-Pi-R1_i2m_spinand.ubifs.p2.partition.config_256M'));
  const change = (name: string) => report.changes.find((c) => (c.new ?? c.old)!.name === name)!;

  it('keeps the BOOT area: CIS, IPL, IPL_CUST and UBOOT are where they were', () => {
    // CIS 0x140000 at 0; IPL two 0x20000 copies with 2 spare blocks each from 0x140000;
    // IPL_CUST the same from 0x200000; UBOOT two 0x40000 copies with 4 spare blocks from 0x2c0000.
    expect(change('CIS')).toMatchObject({ change: 'unchanged', new: { start: 0, end: 0x140000 } });
    expect(change('IPL')).toMatchObject({ change: 'unchanged', new: { start: 0x140000, end: 0x200000 } });
    expect(change('IPL_CUST')).toMatchObject({ change: 'unchanged', new: { start: 0x200000, end: 0x2c0000 } });
    expect(change('UBOOT')).toMatchObject({ change: 'unchanged', new: { start: 0x2c0000, end: 0x440000 } });
  });

  it('ENV becomes two 0x20000 copies (lost), so everything after it moves by 0x20000', () => {
    // Old: 0x60000(ENV) at 0x440000. New: ENV0 and ENV1 of 0x20000, each with one spare block.
    expect(change('ENV')).toMatchObject({ change: 'resized', old: { size: 0x60000, end: 0x4a0000 }, new: { size: 0x20000, end: 0x4c0000 }, verdict: { kind: 'lost', reason: 'shrunk' } });
    for (const [name, from, size] of [['KEY_CUST', 0x4a0000, 0x20000], ['LOGO', 0x4c0000, 0x60000], ['KERNEL', 0x520000, 0x500000], ['RECOVERY', 0xa20000, 0x500000]] as const) {
      expect(change(name)).toMatchObject({ change: 'moved', verdict: { kind: 'copy', bytes: size, from: { start: from }, to: { start: from + 0x20000 } } });
    }
    // UBI (-) runs to the end: 0x8000000 - 0xf20000 before, 0x10000000 - 0xf40000 after.
    expect(change('UBI')).toMatchObject({ change: 'moved and resized', old: { start: 0xf20000, size: 0x70e0000 }, new: { start: 0xf40000, size: 0xf0c0000 }, verdict: { kind: 'copy', bytes: 0x70e0000 } });
  });

  it('UBI volumes: rootfs and customer grow, miservice stays, appconfigs shrinks from 0x500000 to 0x400000', () => {
    expect(report.volumes.map((v) => [v.name, v.change, v.verdict])).toEqual([
      ['rootfs', 'resized', 'copy'],
      ['miservice', 'unchanged', 'copy'],
      ['customer', 'resized', 'copy'],
      ['appconfigs', 'resized', 'lost'],
    ]);
    expect(report.lost).toBe(2);
  });

  it('says SYS alone changes ([[x.es scripts), but not for 128 MiB boards', () => {
    expect(report.device).toMatchObject({ method: '[[x.es scripts', inField: false });
    expect(report.device.checks.map((c) => [c.label, c.ok])).toEqual([
      ['the BOOT area stays (IPL, IPL_CUST, MXPT/CIS, UBOOT)', true],
      ['the flash size stays', false],
      ['the erase block stays', true],
      ['UBI volumes keep their data', false],
    ]);
  });

  it('migrates from U-Boot: copies from the highest first, ENV erased, CIS and mtdparts, then ubirsvol', () => {
    expect(report.steps.map((s) => s.title)).toEqual([
      'Copy UBI to its new place',
      'Copy RECOVERY to its new place',
      'Copy KERNEL to its new place',
      'Copy LOGO to its new place',
      'Copy KEY_CUST to its new place',
      'Erase removed partitions, new ones without an image and the grown tails',
      'Write the new PARTINFO.pni into the CIS copies ([[cis.es: writecis) and the new mtdparts',
      'Resize the UBI volumes of UBI from Linux',
    ]);
    expect(report.steps.every((s) => s.unsafe)).toBe(true);
    expect(report.steps[4].commands).toEqual(['nand read.e 0x21000000 0x4A0000 0x20000', 'nand erase 0x4C0000 0x20000', 'nand write.e 0x21000000 0x4C0000 0x20000']);
    // ENV's new span (0x440000-0x4c0000) is erased: U-Boot writes its default environment there.
    expect(report.steps[5].commands).toEqual(['nand erase 0x440000 0x80000']);
    expect(report.steps[7].commands.slice(2)).toEqual([
      expect.stringMatching(/^ubirsvol \/dev\/ubi0 -N rootfs -s \d+$/),
      expect.stringMatching(/^ubirsvol \/dev\/ubi0 -N customer -s \d+$/),
      expect.stringMatching(/^ubirsvol \/dev\/ubi0 -N appconfigs -s \d+$/),
    ]);
  });

  it('a BOOT change (UBOOT grown on SPI-NOR) takes the programmer', () => {
    const old = sigmastarNor();
    const next = { ...old, partitions: old.partitions.map((p) => (p.name === 'UBOOT' ? { ...p, size: 0x2f000 } : p)) };
    const outcome = compare(old, next);
    expect(outcome.device).toMatchObject({ inField: false, method: 'programmer reflash' });
    expect(outcome.device.summary).toMatch(/UBOOT resized/);
  });

  it('a SYS change on SPI-NOR (customer shrunk, nothing else moves) is written from U-Boot', () => {
    const old = sigmastarNor();
    const last = old.partitions[old.partitions.length - 1];
    const next = { ...old, partitions: old.partitions.map((p) => (p === last ? { ...p, size: 0x100000 } : p)) };
    const outcome = compare(old, next);
    expect(outcome.device).toMatchObject({ inField: true, method: '[[x.es scripts' });
    expect(outcome.changes.find((c) => c.new?.name === last.name)!.verdict).toEqual({ kind: 'lost', reason: 'shrunk' });
    expect(outcome.steps.map((s) => s.commands[0])).toEqual(['mxp t.init', `estar scripts/[[${last.sstar!.image}`]);
  });
});
