/**
 * Inspecting images: a 1 GiB sparse GPT disk (sfdisk, an ext4 made by mke2fs in its first
 * partition) and a 64 MiB NOR dump (U-Boot environment with mtdparts, squashfs, JFFS2, erased
 * space), by the engine reading the file through a descriptor (only what it needs), beside
 * binwalk (Debian's binwalk 2.3, signature scan) on the same files in the same run. binwalk's
 * times include its Python start-up, measured alone on an empty file and given in the note.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, fstatSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { debianTool } from '../../src/test-support/debian';
import { inspectFile } from '../../src/inspect';
import type { RandomAccessFile } from '../../src/codecs/read-at';
import { median, type BenchResult } from './measure';

const MIB = 1024 * 1024;

function fileOf(path: string): { file: RandomAccessFile; close(): void } {
  const fd = openSync(path, 'r');
  const read = (offset: number, length: number) => {
    const bytes = new Uint8Array(length);
    const got = readSync(fd, bytes, 0, length, offset);
    return bytes.subarray(0, got);
  };
  return { file: { size: fstatSync(fd).size, read }, close: () => closeSync(fd) };
}

function gptDisk(dir: string): string {
  const path = join(dir, 'disk-1g.img');
  const fd = openSync(path, 'w');
  ftruncateSync(fd, 1024 * MIB);
  closeSync(fd);
  execFileSync(debianTool('sfdisk', 'fdisk'), ['-q', '--no-reread', '--no-tell-kernel', path], {
    input: 'label: gpt\nunit: sectors\n\nstart=2048, size=131072, type=L, name="rootfs"\nstart=133120, size=262144, type=L, name="data"\nstart=395264, size=524288, type=L, name="user"\n',
  });
  execFileSync(debianTool('mke2fs', 'e2fsprogs'), ['-q', '-F', '-t', 'ext4', '-E', `offset=${MIB}`, path, '64M']);
  return path;
}

function norDump(dir: string): string {
  writeFileSync(join(dir, 'env.txt'), 'bootargs=console=ttyS0 mtdparts=spi0.0:256k(boot),64k(env),15040k(kernel),16m(rootfs),-(data)\n');
  execFileSync(debianTool('mkenvimage', 'u-boot-tools'), ['-s', '0x10000', '-o', join(dir, 'env.bin'), join(dir, 'env.txt')]);
  mkdirSync(join(dir, 'root/bin'), { recursive: true });
  writeFileSync(join(dir, 'root/bin/blob'), Array.from({ length: 30000 }, (_, i) => `${i}\n`).join(''));
  execFileSync(debianTool('mksquashfs', 'squashfs-tools'), [join(dir, 'root'), join(dir, 'root.sqfs'), '-noappend', '-all-root', '-quiet', '-no-progress']);
  execFileSync(debianTool('mkfs.jffs2', 'mtd-utils'), ['-r', join(dir, 'root'), '-e', '0x10000', '-l', '-p', '-o', join(dir, 'data.jffs2')]);
  const flash = new Uint8Array(64 * MIB).fill(0xff);
  flash.set(readFileSync(join(dir, 'env.bin')), 0x40000);
  flash.set(readFileSync(join(dir, 'root.sqfs')), 0x1000000);
  flash.set(readFileSync(join(dir, 'data.jffs2')), 0x2000000);
  const path = join(dir, 'nor-64m.bin');
  writeFileSync(path, flash);
  return path;
}

async function timeEngine(path: string, runs: number): Promise<{ median: number; samples: number; regions: number }> {
  const samples: number[] = [];
  let regions = 0;
  for (let i = 0; i < runs + 1; i++) {
    const { file, close } = fileOf(path);
    const t0 = performance.now();
    const inspection = await inspectFile(file);
    const elapsed = performance.now() - t0;
    close();
    regions = inspection.regions.length;
    if (i > 0) samples.push(elapsed); // the first run warms up the code
  }
  return { median: median(samples), samples: samples.length, regions };
}

function timeProcess(command: string, args: string[], runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const result = spawnSync(command, args, { stdio: 'ignore' });
    samples.push(performance.now() - t0);
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${String(result.status)}`);
  }
  return median(samples);
}

export async function run(): Promise<BenchResult[]> {
  const binwalk = debianTool('binwalk', 'binwalk');
  const dir = mkdtempSync(join(tmpdir(), 'flashmap-bench-inspect-'));
  try {
    const empty = join(dir, 'empty.bin');
    writeFileSync(empty, new Uint8Array(16));
    const startUp = timeProcess(binwalk, ['-q', empty], 3);
    const cases = [
      // binwalk reads the whole gigabyte (nearly three minutes here): one run of it.
      { name: 'inspect a 1 GiB sparse GPT disk image', path: gptDisk(dir), runs: 5, binwalkRuns: 1 },
      { name: 'inspect a 64 MiB NOR dump (scanned every 4 KiB)', path: norDump(dir), runs: 5, binwalkRuns: 3 },
    ];
    const results: BenchResult[] = [];
    for (const c of cases) {
      const ours = await timeEngine(c.path, c.runs);
      const peer = timeProcess(binwalk, ['-q', c.path], c.binwalkRuns);
      results.push({ name: c.name, unit: 'ms', median: ours.median, samples: ours.samples, peer: { name: 'binwalk', median: peer }, note: `${ours.regions} top-level regions; binwalk's own start-up is ${startUp.toFixed(0)} ms of its time` });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
