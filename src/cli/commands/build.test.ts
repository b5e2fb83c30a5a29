/**
 * `flashmap build` against util-linux 2.38 sfdisk and GPT fdisk 1.0.9 (validators.md): each
 * script is applied by sfdisk to an empty sparse file and built by `flashmap build` (the real
 * command, through bin/flashmap.js) into another; the two files must be identical byte for byte
 * (so the table areas are), `sfdisk --dump` of both must be identical, sgdisk -v must print
 * "No problems found" for our GPT images, and our image must stay sparse.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { debianTool, runTool } from '../../test-support/debian';
import { imageDirectory, withLoop } from '../../test-support/disk-images';
import { REPO_ROOT } from '../../test-support/shared';

let sfdisk = '';
let sgdisk = '';
let losetup = '';
let images: ReturnType<typeof imageDirectory>;

beforeAll(() => {
  sfdisk = debianTool('sfdisk', 'fdisk');
  sgdisk = debianTool('sgdisk', 'gdisk');
  losetup = debianTool('losetup', 'mount');
  images = imageDirectory('build');
});

afterAll(() => images?.remove());

function flashmap(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/flashmap.js'), ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dumpOf = (device: string) => runTool(sfdisk, ['--dump', device]).stdout.split(device).join('DISK');

/** sfdisk writes one image, flashmap build the other; returns both paths. */
function buildBoth(name: string, script: string, bytes: number, sectorSize = 512): { reference: string; ours: string } {
  const input = images.path(`${name}.sfdisk`);
  writeFileSync(input, script);
  const reference = images.sparseImage(`${name}-sfdisk.img`, bytes);
  const ours = images.path(`${name}-ours.img`);
  const apply = (device: string) => runTool(sfdisk, ['--no-reread', '--no-tell-kernel', device], script);
  if (sectorSize === 512) apply(reference);
  else withLoop(losetup, reference, apply);
  const built = flashmap(['build', input, '-o', ours, '--device-size', String(bytes)]);
  expect(built.stderr).toBe('');
  expect(built.status).toBe(0);
  expect(statSync(ours).size).toBe(bytes);
  return { reference, ours };
}

/** The same bytes everywhere (tables included) and the same dump through the tools. */
function expectSameDisk(reference: string, ours: string, sectorSize = 512): void {
  expect(readFileSync(ours).equals(readFileSync(reference))).toBe(true);
  if (sectorSize === 512) expect(dumpOf(ours)).toBe(dumpOf(reference));
  else withLoop(losetup, reference, (r) => withLoop(losetup, ours, (o) => expect(dumpOf(o)).toBe(dumpOf(r))));
}

/** sgdisk -v exits 0 even on bad CRCs: read what it prints (validators.md, TRAPS). */
function expectValidGpt(device: string): void {
  const report = runTool(sgdisk, ['-v', device]).stdout;
  expect(report).toMatch(/^No problems found/m);
  expect(runTool(sfdisk, ['--verify', device]).stderr).not.toMatch(/corrupt/);
}

const MiB = 1024 * 1024;

describe('flashmap build of sfdisk scripts', () => {
  it('an MBR with an extended partition, logical partitions and a bootable flag', () => {
    const script = ['label: dos', 'label-id: 0x12345678', 'start=2048, size=8MiB, type=c, bootable', 'size=16MiB, type=83', 'type=Ex', 'size=4MiB', 'size=6MiB, type=82', 'type=83', ''].join('\n');
    const { reference, ours } = buildBoth('dos-logical', script, 64 * MiB);
    expectSameDisk(reference, ours);
    // sfdisk's own account of what it wrote: p3 extended to the end, p5–p7 inside, one EBR grain each.
    expect(dumpOf(ours)).toContain('DISK3 : start=       51200, size=       79872, type=5');
    expect(dumpOf(ours)).toContain('DISK7 : start=       77824, size=       53248, type=83');
    // Only the MBR and three EBRs hold data: the file is sparse.
    expect(statSync(ours).blocks * 512).toBeLessThan(64 * 1024);
  });

  it('a GPT with names, uuids, attributes and the U-Boot environment type', () => {
    const script = [
      'label: gpt',
      'label-id: 5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B',
      'start=2048, size=2048, type=3DE21764-95BD-54BD-A5C3-4ABE786F38A8, uuid=11111111-2222-3333-4444-555555555555, name="uboot-env"',
      'size=36MiB, type=U, uuid=21111111-2222-3333-4444-555555555555, name="esp", attrs="LegacyBIOSBootable"',
      'size=20MiB, type=L, uuid=31111111-2222-3333-4444-555555555555, name="rootfs \\x22A\\x22 \\xc3\\xa9", attrs="RequiredPartition,GUID:60,GUID:63"',
      'type=S, uuid=41111111-2222-3333-4444-555555555555, name="swap"',
      '',
    ].join('\n');
    const { reference, ours } = buildBoth('gpt-names', script, 64 * MiB);
    expectSameDisk(reference, ours);
    expectValidGpt(ours);
    // The spec's checked value: "the rest" ends aligned down to the grain, at 129023.
    expect(dumpOf(ours)).toContain('DISK4 : start=      118784, size=       10240, type=0657FD6D-A4AB-43C4-84E5-0933C84B4F4F, uuid=41111111-2222-3333-4444-555555555555, name="swap"');
    expect(statSync(ours).blocks * 512).toBeLessThan(128 * 1024);
  });

  it('its own dump, with first-lba, last-lba and table-length, read back', () => {
    const script = ['label: gpt', 'label-id: 5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B', 'first-lba: 64', 'last-lba: 100000', 'table-length: 200', 'start=64, size=100, uuid=11111111-2222-3333-4444-555555555555, name="a"', 'uuid=21111111-2222-3333-4444-555555555555', ''].join('\n');
    const { reference, ours } = buildBoth('gpt-headers', script, 64 * MiB);
    expectSameDisk(reference, ours);
    expectValidGpt(ours);
    // The dump sfdisk prints of our image builds the same image again.
    const dump = images.path('gpt-headers.dump');
    writeFileSync(dump, runTool(sfdisk, ['--dump', ours]).stdout);
    const again = images.path('gpt-headers-again.img');
    expect(flashmap(['build', dump, '-o', again, '--device-size', '64M']).status).toBe(0);
    expect(readFileSync(again).equals(readFileSync(ours))).toBe(true);
  });

  it('a GPT with 4096-byte sectors (a 4K loop device for sfdisk)', () => {
    const script = [
      'label: gpt',
      'label-id: 5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B',
      'sector-size: 4096',
      'size=4MiB, type=3DE21764-95BD-54BD-A5C3-4ABE786F38A8, uuid=11111111-2222-3333-4444-555555555555, name="env"',
      'type=L, uuid=21111111-2222-3333-4444-555555555555, name="rootfs"',
      '',
    ].join('\n');
    const { reference, ours } = buildBoth('gpt-4k', script, 64 * MiB, 4096);
    expectSameDisk(reference, ours, 4096);
    withLoop(losetup, ours, (device) => {
      expectValidGpt(device);
      expect(dumpOf(device)).toContain('DISKp1 : start=         256, size=        1024');
    });
  });

  it('an MBR with 4096-byte sectors', () => {
    const script = ['label: dos', 'label-id: 0x0badcafe', 'sector-size: 4096', 'size=8MiB, type=c', 'type=Ex', 'size=8MiB', 'type=83', ''].join('\n');
    const { reference, ours } = buildBoth('dos-4k', script, 64 * MiB, 4096);
    expectSameDisk(reference, ours, 4096);
  });
});

describe('flashmap build refusals', () => {
  it('prints the layout errors and writes nothing', () => {
    const input = images.path('overlap.sfdisk');
    writeFileSync(input, 'label: gpt\nlabel-id: 5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B\nstart=2048, size=2048, uuid=11111111-2222-3333-4444-555555555555\nstart=3000, size=2048, uuid=11111111-2222-3333-4444-555555555555\n');
    const result = flashmap(['build', input, '-o', images.path('never.img'), '--device-size', '16M']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/line 4: .*start sector 3000 is already used/);
  });

  it('names a bad --device-size', () => {
    const result = flashmap(['build', 'x', '-o', 'y', '--device-size', '12Q']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--device-size: unknown unit "Q"/);
  });
});
