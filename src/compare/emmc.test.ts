/**
 * eMMC/SD: the Allwinner SD card preset against itself with rootfs_b grown, verdicts worked out
 * by hand; the migration run for real: an image built from the old layout, the commands applied
 * with sfdisk and dd, then the table read back and the data compared byte for byte.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { layoutImage } from '../image/disk-image';
import type { LayoutDocument, Partition } from '../model/document';
import { GiB, MiB } from '../model/units';
import { allwinnerSdCard, emmcBootPartitions } from '../presets/emmc';
import { debianTool, runTool } from '../test-support/debian';
import { imageDirectory, readRange, writePieces } from '../test-support/disk-images';
import { compareLayouts, type ComparisonReport } from './compare';

const SECTOR = 512;
const images = imageDirectory('compare');
afterAll(() => images.remove());

function withPartition(document: LayoutDocument, name: string, set: Partial<Partition>): LayoutDocument {
  return { ...document, partitions: document.partitions.map((p) => (p.name === name ? { ...p, ...set } : p)) };
}

function compare(old: LayoutDocument, next: LayoutDocument): ComparisonReport {
  const outcome = compareLayouts(old, next);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}


/** The commands of the steps, with the device replaced by the image, as a shell script. */
function script(report: ComparisonReport, image: string, skip: RegExp): string {
  return ['set -e', ...report.steps.flatMap((s) => s.commands).filter((c) => !skip.test(c)).map((c) => c.replaceAll('/dev/mmcblk0', image))].join('\n');
}

/** SHA-256 of bytes: equal digests stand for equal bytes without a slow element-wise comparison. */
function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function sample(path: string, at: number, length = 64 * 1024): string {
  return digest(readRange(path, at, length));
}

describe('compare SD card layouts', () => {
  const old = allwinnerSdCard();
  // rootfs_b (770048 + 681574 sectors) grows up to data at sector 1454080.
  const grown = withPartition(old, 'rootfs_b', { size: (1454080 - 770048) * SECTOR });

  it('rootfs_b grown into the free space before data: in place, the others untouched', () => {
    const report = compare(old, grown);
    const verdicts = Object.fromEntries(report.changes.map((c) => [(c.new ?? c.old)!.name, `${c.change}: ${c.verdict.kind}`]));
    expect(verdicts).toEqual({
      'u-boot-spl': 'unchanged: survives',
      boot: 'unchanged: survives',
      rootfs_a: 'unchanged: survives',
      rootfs_b: 'resized: survives',
      data: 'unchanged: survives',
    });
    expect(report.lost).toBe(0);
    expect(report.device).toMatchObject({ inField: true, method: 'table change in place' });
    // The MBR sector and rootfs_b's new tail (sectors 1451622..1454080), in 512-byte blocks.
    expect(report.rewrite).toEqual([
      { space: 'main', start: 0, end: SECTOR },
      { space: 'main', start: (770048 + 681574) * SECTOR, end: 1454080 * SECTOR },
    ]);
    expect(report.steps.map((s) => [s.title, s.unsafe])).toEqual([
      ['Write the new partition table', true],
      ["Grow rootfs_b's ext4 filesystem to the partition", true],
    ]);
    // rootfs_b is the third primary partition.
    expect(report.steps[1].commands).toEqual(['partx -u /dev/mmcblk0', 'e2fsck -f -y /dev/mmcblk0p3', 'resize2fs /dev/mmcblk0p3']);
  });

  it('sfdisk applies the migration to the old image: the new table results, every partition keeps its bytes', () => {
    const sfdisk = debianTool('sfdisk', 'fdisk');
    const bash = debianTool('bash', 'bash');
    const before = layoutImage(old);
    const path = images.sparseImage('grown.img', before.size, before.pieces);
    const starts = [8 * 1024, 4096 * SECTOR, 86016 * SECTOR, 770048 * SECTOR, 1454080 * SECTOR];
    const data = starts.map((offset) => ({ offset, bytes: new Uint8Array(randomBytes(64 * 1024)) }));
    writePieces(path, data);
    runTool(bash, ['-c', script(compare(old, grown), path, /partx|e2fsck|resize2fs/)]);
    const wanted = layoutImage(grown);
    const expected = images.sparseImage('expected.img', wanted.size, wanted.pieces);
    expect(runTool(sfdisk, ['--dump', path]).stdout.replaceAll(path, 'disk')).toBe(runTool(sfdisk, ['--dump', expected]).stdout.replaceAll(expected, 'disk'));
    expect(runTool(sfdisk, ['--dump', path]).stdout).toMatch(/start=\s*770048, size=\s*684032, type=83/);
    for (const piece of data) expect(sample(path, piece.offset)).toBe(digest(piece.bytes));
  });

  it('rootfs_b grown by 1 GiB pushes data (rest of the card) back: data is lost', () => {
    const pushed = withPartition(withPartition(old, 'rootfs_b', { size: 681574 * SECTOR + GiB }), 'data', { offset: 1454080 * SECTOR + GiB });
    const report = compare(old, pushed);
    const data = report.changes.find((c) => c.new?.name === 'data')!;
    expect(data).toMatchObject({ change: 'moved and resized', verdict: { kind: 'lost', reason: 'shrunk' } });
    // rootfs_b grows over data's old start: data's own new place does not take those bytes, so rootfs_b survives.
    expect(report.changes.find((c) => c.new?.name === 'rootfs_b')!.verdict).toEqual({ kind: 'survives', grown: true });
    expect(report.device).toMatchObject({ inField: false, method: 'table change losing data' });
    expect(report.steps[0]).toMatchObject({ title: 'Read data (its data is lost by the update: keep a copy)', unsafe: false });
  });

  it('a data partition moved by 16 MiB: dd copies it, sfdisk writes the table, its bytes are at the new place', () => {
    const bash = debianTool('bash', 'bash');
    const sfdisk = debianTool('sfdisk', 'fdisk');
    const small = withPartition(old, 'data', { size: 8 * MiB });
    const moved = withPartition(small, 'data', { offset: 1454080 * SECTOR + 16 * MiB });
    const report = compare(small, moved);
    expect(report.changes.find((c) => c.new?.name === 'data')).toMatchObject({
      change: 'moved',
      verdict: { kind: 'copy', bytes: 8 * MiB, from: { start: 1454080 * SECTOR }, to: { start: 1454080 * SECTOR + 16 * MiB } },
    });
    expect(report.device).toMatchObject({ inField: false, method: 'data move' });
    expect(report.steps.map((s) => s.unsafe)).toEqual([false, true, true]);
    const before = layoutImage(small);
    const path = images.sparseImage('moved.img', before.size, before.pieces);
    const content = new Uint8Array(randomBytes(8 * MiB));
    const rootfs = { offset: 86016 * SECTOR, bytes: new Uint8Array(randomBytes(64 * 1024)) };
    writePieces(path, [{ offset: 1454080 * SECTOR, bytes: content }, rootfs]);
    runTool(bash, ['-c', `cd ${images.dir} && ${script(report, path, /partx|e2fsck|resize2fs/)}`]);
    expect(sample(path, 1454080 * SECTOR + 16 * MiB, 8 * MiB)).toBe(digest(content));
    expect(sample(path, rootfs.offset)).toBe(digest(rootfs.bytes));
    expect(runTool(sfdisk, ['--dump', path]).stdout).toMatch(new RegExp(`start=\\s*${1454080 + 32768}, size=\\s*16384, type=83`));
  });
});

describe('compare eMMC layouts with boot partitions', () => {
  it('firmware_a grown in boot0 keeps its bytes; shrunk, it is read out and dd writes the new image with force_ro cleared', () => {
    const old = emmcBootPartitions();
    // firmware_a: 1023 KiB at 1 KiB (sector 2) of boot0; grown to 2047 KiB, still inside the 4 MiB boot0.
    const next = withPartition(old, 'firmware_a', { size: 2047 * 1024 });
    const report = compare(old, next);
    expect(report.changes.find((c) => c.new?.name === 'firmware_a')).toMatchObject({ change: 'resized', verdict: { kind: 'survives', grown: true } });
    expect(report.device.checks.find((c) => c.label === 'boot0/boot1 contents stay')).toMatchObject({ ok: false, detail: expect.stringMatching(/^firmware_a change/) });
    // Table unchanged: no sfdisk step; nothing to dd because the grown firmware keeps its bytes.
    expect(report.steps).toEqual([]);
    const shrunk = compare(old, withPartition(old, 'firmware_a', { size: 511 * 1024 }));
    expect(shrunk.steps.map((s) => s.commands)).toEqual([
      ['dd if=/dev/mmcblk0boot0 of=firmware_a.old.img bs=512 skip=2 count=2046 status=none'],
      ['echo 0 > /sys/block/mmcblk0boot0/force_ro', 'dd if=u-boot.imx of=/dev/mmcblk0boot0 bs=512 seek=2 conv=notrunc,fsync status=none'],
    ]);
  });
});
