/** The sample images of ../shared/tools/make-sample-images.sh, built once per test file in a temp dir. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { debianTool } from './debian';
import { sharedPath } from './shared';

const TOOLS: Array<[string, string]> = [
  ['sfdisk', 'fdisk'],
  ['mkfs.vfat', 'dosfstools'],
  ['mcopy', 'mtools'],
  ['mke2fs', 'e2fsprogs'],
  ['debugfs', 'e2fsprogs'],
  ['mkswap', 'util-linux'],
  ['mksquashfs', 'squashfs-tools'],
  ['mkfs.jffs2', 'mtd-utils'],
  ['mkfs.ubifs', 'mtd-utils'],
  ['ubinize', 'mtd-utils'],
  ['mkenvimage', 'u-boot-tools'],
  ['mkimage', 'u-boot-tools'],
  ['dtc', 'device-tree-compiler'],
  ['img2simg', 'android-sdk-libsparse-utils'],
  ['bmaptool', 'bmap-tools'],
];

export interface SampleImages {
  dir: string;
  read(name: string): Uint8Array;
  path(name: string): string;
  remove(): void;
}

export function makeSampleImages(): SampleImages {
  for (const [binary, pkg] of TOOLS) debianTool(binary, pkg);
  const dir = mkdtempSync(join(tmpdir(), 'flashmap-samples-'));
  execFileSync('bash', [sharedPath('tools/make-sample-images.sh'), dir], { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, PATH: `/usr/sbin:/sbin:${process.env.PATH ?? '/usr/bin:/bin'}` } });
  return {
    dir,
    read: (name) => new Uint8Array(readFileSync(join(dir, name))),
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
