/**
 * The eMMC/SD formats through the registry (importFile / exportFile, as the page, the worker and
 * `flashmap convert` use them), checked against the real tools: the presets go to .wks and sfdisk
 * and come back as the same layout; genimage builds our configuration into an image whose table
 * is ours; the recovery script, run by sh, makes the table our build makes; the table binaries
 * read back.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeDocument, validate } from '..';
import { exportFile, importFile } from '../../formats/files';
import { layoutImage } from '../../image/disk-image';
import type { LayoutDocument } from '../../model/document';
import { applyFix } from '../../model/edit';
import { findPreset } from '../../presets';
import { debianTool, runTool } from '../../test-support/debian';
import { imageDirectory, readRange } from '../../test-support/disk-images';
import { moveBootFirmware } from './boot-firmware';

let sfdisk = '';
let sgdisk = '';
let genimage = '';
let images: ReturnType<typeof imageDirectory>;

beforeAll(() => {
  sfdisk = debianTool('sfdisk', 'fdisk');
  sgdisk = debianTool('sgdisk', 'gdisk');
  genimage = debianTool('genimage', 'genimage');
  images = imageDirectory('emmc-formats');
});

afterAll(() => images?.remove());

const preset = (id: string) => normalizeDocument(findPreset(id)!.build());

function exported(document: LayoutDocument, formatId: string) {
  const outcome = exportFile(document, formatId);
  if (!outcome.ok) throw new Error(`${formatId}: ${outcome.message}`);
  return outcome.file;
}

function imported(bytes: Uint8Array, current: LayoutDocument, formatId?: string, answers?: Record<string, string>) {
  const outcome = importFile(bytes, current, { ...(formatId ? { formatId } : {}), ...(answers ? { answers } : {}) });
  if (!outcome.ok) throw new Error(`import: ${outcome.message}`);
  return outcome;
}

/** Our image of a layout, written as flashmap build writes it. */
function built(name: string, document: LayoutDocument): string {
  const image = layoutImage(document);
  return images.sparseImage(name, image.size, image.pieces);
}

const dumpOf = (path: string) => runTool(sfdisk, ['--dump', path]).stdout.split(path).join('DISK');

describe('the presets read back from their .wks and sfdisk script as the same layout', () => {
  it.each([
    ['sd-allwinner', 'emmc-wks'],
    ['sd-allwinner', 'emmc-sfdisk'],
    ['sd-allwinner', 'emmc-sfdisk-recovery'],
    ['emmc-boot', 'emmc-wks'],
    ['emmc-boot', 'emmc-sfdisk'],
    ['emmc-boot', 'emmc-sfdisk-recovery'],
  ])('%s through %s', (id, formatId) => {
    const document = preset(id);
    const file = exported(document, formatId);
    const back = imported(file.bytes, document, formatId);
    expect(back.document).toEqual(document);
    expect(back.warnings).toEqual([]);
    // …and it is the same file again.
    expect(exported(back.document, formatId).text).toBe(file.text);
  });

  it('an sfdisk export applied by sfdisk gives the image flashmap builds, which sgdisk finds sound', () => {
    for (const id of ['sd-allwinner', 'emmc-boot']) {
      const document = preset(id);
      const ours = built(`${id}.img`, document);
      const reference = images.sparseImage(`${id}-sfdisk.img`, document.device.size);
      // The dump names /dev/mmcblk0 partitions: sfdisk applies the lines without their prefixes too.
      const script = exported(document, 'emmc-sfdisk').text!.replace(/^\/dev\/mmcblk0p\d+ : /gm, '').replace(/^device: .*\n/m, '');
      runTool(sfdisk, ['--no-reread', '--no-tell-kernel', reference], script);
      expect(dumpOf(ours)).toBe(dumpOf(reference));
      expect(readRange(ours, 0, 64 * 1024).equals(readRange(reference, 0, 64 * 1024))).toBe(true);
      expect(readRange(ours, document.device.size - 64 * 1024, 64 * 1024).equals(readRange(reference, document.device.size - 64 * 1024, 64 * 1024))).toBe(true);
      if (document.areas.some((a) => a.table === 'gpt')) expect(runTool(sgdisk, ['-v', ours]).stdout).toMatch(/^No problems found/m);
    }
  });
});

describe('the recovery initramfs script', () => {
  it('run by sh on an empty image, makes the table flashmap build makes', () => {
    const document = preset('emmc-boot');
    const script = images.path('recovery.sh');
    writeFileSync(script, exported(document, 'emmc-sfdisk-recovery').text!);
    const target = images.sparseImage('recovery-target.img', document.device.size);
    // sfdisk from the PATH of a recovery system: the Debian one.
    const run = spawnSync('sh', [script, target], { encoding: 'utf8', env: { ...process.env, PATH: `${join(sfdisk, '..')}:${process.env.PATH}` } });
    expect(run.status, run.stderr).toBe(0);
    expect(dumpOf(target)).toBe(dumpOf(built('recovery-ours.img', document)));
  });
});

describe('.wks with bitbake variables', () => {
  const wks = [
    '# i.MX 8M: the boot image at IMX_BOOT_SEEK KiB, outside the table',
    'part u-boot --source rawcopy --sourceparams="file=${IMAGE_BOOTLOADER}" --ondisk mmcblk --no-table --align ${IMX_BOOT_SEEK}',
    'part /boot --source bootimg_partition --ondisk mmcblk --fstype=vfat --label boot --active --align 8192 --fixed-size 64',
    'part / --source rootfs --ondisk mmcblk --fstype=ext4 --label root --align 8192 --fixed-size 512',
    'bootloader --ptable msdos',
    '',
  ].join('\n');
  const bytes = new TextEncoder().encode(wks);
  const current = preset('sd-allwinner');

  it('asks for the variables the placement needs and keeps file names symbolic', () => {
    const first = imported(bytes, current);
    expect(first.formatTitle).toBe('Yocto wic kickstart (.wks)');
    expect(first.questions).toEqual([{ name: 'IMX_BOOT_SEEK', why: '--align on line 2: where wic puts the partitions depends on it' }]);
    const spl = first.document.partitions.find((p) => p.name === 'u-boot')!;
    expect(spl.image).toBe('${IMAGE_BOOTLOADER}');
  });

  it('with the answer, places as wic does: the boot image at 33 KiB, partitions on 8 MiB', () => {
    const { document, questions } = imported(bytes, current, undefined, { IMX_BOOT_SEEK: '33' });
    expect(questions).toBeUndefined();
    const placement = validate(document).placement;
    const at = (name: string) => placement.partitions.find((p) => p.partition.name === name)!;
    // wic: msdos overhead 1 sector, --align 33 KiB → sector 66; boot and root on 8 MiB (16384 sectors).
    expect([at('u-boot').start, at('boot').start, at('root').start]).toEqual([66 * 512, 8 * 1024 * 1024, 72 * 1024 * 1024]);
    expect(at('boot').partition.mbr).toEqual({ type: 0x0c, bootable: true });
    expect(at('root').partition.kind).toBe('rootfs');
  });
});

describe('genimage', () => {
  it('accepts our configuration and builds an image whose table is ours', () => {
    for (const id of ['emmc-boot', 'sd-allwinner']) {
      const document = preset(id);
      const root = images.path(`genimage-${id}`);
      for (const sub of ['in', 'out', 'root', 'tmp']) mkdirSync(join(root, sub), { recursive: true });
      // The files the layout names, smaller than their partitions.
      for (const p of document.partitions) if (p.image || p.raw) writeFileSync(join(root, 'in', p.image ?? `${p.name}.bin`), new Uint8Array(4096).fill(0xa5));
      const config = join(root, 'genimage.cfg');
      writeFileSync(config, exported(document, 'emmc-genimage').text!);
      const run = spawnSync(genimage, ['--config', config, '--inputpath', join(root, 'in'), '--outputpath', join(root, 'out'), '--rootpath', join(root, 'root'), '--tmppath', join(root, 'tmp')], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const imageName = exported(document, 'emmc-genimage').fileName.replace(/\.cfg$/, '.img');
      const theirs = JSON.parse(runTool(sfdisk, ['--json', join(root, 'out', imageName)]).stdout).partitiontable;
      const ours = JSON.parse(runTool(sfdisk, ['--json', built(`genimage-ours-${id}.img`, document)]).stdout).partitiontable;
      const entries = (table: { partitions: Array<Record<string, unknown>> }) => table.partitions.map(({ node: _node, ...rest }) => rest);
      expect(entries(theirs)).toEqual(entries(ours));
      expect(theirs.id).toBe(ours.id);
      // The raw bootloader's bytes are where the layout puts it.
      const raw = validate(document).placement.partitions.find((p) => p.partition.raw && p.space === 'main');
      if (raw) expect(readRange(join(root, 'out', imageName), raw.start, 4096).every((b) => b === 0xa5)).toBe(true);
    }
  });
});

describe('the table binaries', () => {
  it('the head and the backup of a GPT are the sectors of our image, and the head reads back', () => {
    const document = preset('emmc-boot');
    const image = built('binaries.img', document);
    const head = exported(document, 'emmc-disk-table').bytes;
    const backup = exported(document, 'emmc-gpt-backup').bytes;
    expect(Buffer.from(head).equals(readRange(image, 0, head.length))).toBe(true);
    expect(Buffer.from(backup).equals(readRange(image, document.device.size - backup.length, backup.length))).toBe(true);
    const back = imported(head, document);
    expect(back.formatTitle).toMatch(/Partition table sectors/);
    expect(back.document).toEqual(document);
  });

  it('a whole image is recognised and read', () => {
    const document = preset('sd-allwinner');
    const image = new Uint8Array(readRange(built('whole.img', document), 0, 4 * 1024 * 1024));
    expect(imported(image, document).document).toEqual(document);
  });
});

describe('moving the boot firmware', () => {
  it('from boot0 to the user area: the i.MX offset meets the GPT array, and the fix leaves no error', () => {
    const document = preset('emmc-boot');
    const moved = moveBootFirmware(document, 'user');
    const firmware = moved.partitions.find((p) => p.name === 'firmware_a')!;
    expect([firmware.area, firmware.offset, firmware.size]).toEqual(['user', 1024, 1023 * 1024]);
    const problem = validate(moved).problems.find((p) => p.code === 'emmc-raw-over-table')!;
    expect(problem.fixes[0]?.label).toBe('Move the GPT entry array to 0x100000, after the bootloader');
    const fixed = applyFix(moved, problem.fixes[0]);
    expect(validate(fixed).problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(exported(fixed, 'emmc-boot-commands').text).toContain('mmc bootpart enable 7 1 /dev/mmcblk0');
    expect(exported(document, 'emmc-boot-commands').text).toContain('mmc bootpart enable 1 1 /dev/mmcblk0');
  });
});

describe('the sfdisk export checks itself', () => {
  it('warns when sfdisk would refuse its own dump (logical partitions less than a grain apart), as sfdisk does', () => {
    const MiB = 1024 * 1024;
    const document = normalizeDocument({
      format: 'flashmap',
      version: 1,
      name: 'close logicals',
      device: { family: 'emmc', size: 64 * MiB, geometry: { sectorSize: 512 }, hardwarePartitions: [] },
      areas: [{ id: 'user', name: 'User area', space: 'main', start: 0, size: 'rest', table: 'mbr' }],
      partitions: [
        { id: 'p', name: 'p', area: 'user', offset: 1 * MiB, size: 1 * MiB, kind: 'data' },
        { id: 'a', name: 'a', area: 'user', offset: 3 * MiB, size: 1 * MiB, kind: 'data', mbr: { type: 0x83, logical: true } },
        { id: 'b', name: 'b', area: 'user', offset: 4 * MiB + 512, size: 1 * MiB, kind: 'data', mbr: { type: 0x83, logical: true } },
      ],
    });
    const file = exported(document, 'emmc-sfdisk');
    expect(file.warnings).toEqual(['sfdisk would refuse this script: no free sectors are available for this partition']);
    const target = images.sparseImage('refused.img', 64 * MiB);
    const run = spawnSync(sfdisk, ['--no-reread', '--no-tell-kernel', target], { input: file.text, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Failed to add #6 partition: No space left on device/);
  });
});
