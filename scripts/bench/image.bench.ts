/**
 * Building images with `flashmap build` (the real command, through bin/flashmap.js) beside the
 * same work done with Debian's tools, in turns, in the same run:
 * - the 16 MiB SigmaStar NOR image with IPL, U-Boot, kernel and rootfs files, against `dd
 *   conv=notrunc` of the same files (and MXP_SF.bin) into a 0xFF-filled file;
 * - a 4 GiB SD card image holding 256 MiB of files, written as a sparse raw file, a .bmap and an
 *   Android sparse image, against `dd` into a sparse 4 GiB file + `bmaptool create` + `img2simg`.
 * Each side runs as processes under one small Python driver, which reports the wall time and the
 * peak resident memory of the largest process (getrusage of its children).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportFile } from '../../src/formats/files';
import { serializeDocument } from '../../src/model/document';
import { findPreset } from '../../src/presets';
import { REPO_ROOT } from '../../src/test-support/shared';
import { median, type BenchResult } from './measure';

const MiB = 1024 * 1024;

const DRIVER = `
import json, resource, subprocess, sys, time
commands = json.loads(sys.argv[1])
started = time.perf_counter()
for command in commands:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
elapsed = (time.perf_counter() - started) * 1000
print(json.dumps({'ms': elapsed, 'maxrss_kib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
`;

type Commands = string[][];

function runDriver(commands: Commands): { ms: number; rss: number } {
  const result = spawnSync('python3', ['-c', DRIVER, JSON.stringify(commands)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`benchmark commands failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as { ms: number; maxrss_kib: number };
  return { ms: parsed.ms, rss: parsed.maxrss_kib / 1024 };
}

/** Both sides in turns, after one warm-up each; medians of time and of peak memory. */
function inTurns(name: string, ours: Commands, peerName: string, peer: Commands, runs: number): BenchResult {
  runDriver(ours);
  runDriver(peer);
  const mine: Array<{ ms: number; rss: number }> = [];
  const theirs: Array<{ ms: number; rss: number }> = [];
  for (let i = 0; i < runs; i++) {
    mine.push(runDriver(ours));
    theirs.push(runDriver(peer));
  }
  const rss = (samples: Array<{ rss: number }>) => median(samples.map((s) => s.rss)).toFixed(0);
  return {
    name,
    unit: 'ms',
    median: median(mine.map((s) => s.ms)),
    samples: runs,
    peer: { name: peerName, median: median(theirs.map((s) => s.ms)) },
    note: `peak memory (largest process): flashmap ${rss(mine)} MiB, ${peerName} ${rss(theirs)} MiB`,
  };
}

function randomFile(path: string, bytes: number): void {
  const result = spawnSync('head', ['-c', String(bytes), '/dev/urandom'], { maxBuffer: 2 * bytes });
  writeFileSync(path, result.stdout);
}

export async function run(): Promise<BenchResult[]> {
  if (spawnSync('npm', ['run', '--silent', 'prepare'], { cwd: REPO_ROOT, stdio: 'inherit' }).status !== 0) throw new Error('npm run prepare failed');
  const dir = mkdtempSync(join(tmpdir(), 'flashmap-image-bench-'));
  const flashmap = [process.execPath, join(REPO_ROOT, 'bin/flashmap.js'), 'build'];
  const at = (name: string) => join(dir, name);
  try {
    // 16 MiB NOR: the preset's offsets (IPL 0, MXPT 0x20000, UBOOT 0x30000, KERNEL 0x50000, rootfs 0x250000).
    const nor = findPreset('sstar-nor')!.build();
    writeFileSync(at('nor.flashmap.json'), serializeDocument(nor));
    const mxp = exportFile(nor, 'mxp');
    if (!mxp.ok) throw new Error(mxp.message);
    writeFileSync(at('MXP_SF.bin'), mxp.file.bytes);
    const norFiles = { IPL: [0, 0x9000], UBOOT: [0x30000, 0x1e000], KERNEL: [0x50000, 0x1c0000], rootfs: [0x250000, 0x3a0000] } as const;
    for (const [name, [, size]] of Object.entries(norFiles)) randomFile(at(`${name}.bin`), size);
    const ddInto = (image: string, input: string, offset: number) => ['dd', `if=${input}`, `of=${image}`, 'bs=4096', `seek=${offset / 4096}`, 'conv=notrunc', 'status=none'];
    const norPeer: Commands = [
      ['bash', '-c', `tr '\\0' '\\377' < /dev/zero | head -c ${16 * MiB} > ${at('dd-nor.img')}`],
      ddInto(at('dd-nor.img'), at('MXP_SF.bin'), 0x20000),
      ...Object.entries(norFiles).map(([name, [offset]]) => ddInto(at('dd-nor.img'), at(`${name}.bin`), offset)),
    ];
    const norOurs: Commands = [[...flashmap, at('nor.flashmap.json'), '-o', at('nor.img'), ...Object.keys(norFiles).flatMap((name) => ['--blob', `${name}=${at(`${name}.bin`)}`])]];

    // 4 GiB SD card with 256 MiB of files: 32 MiB in boot, 224 MiB in rootfs_a.
    const sd = findPreset('sd-allwinner')!.build();
    writeFileSync(at('sd.flashmap.json'), serializeDocument({ ...sd, device: { ...sd.device, size: 4096 * MiB } }));
    randomFile(at('boot.vfat'), 32 * MiB);
    randomFile(at('rootfs.ext4'), 224 * MiB);
    const bootOffset = 4096 * 512;
    const rootfsOffset = 86016 * 512;
    const sdPeer: Commands = [
      ['truncate', '-s', '0', at('dd-sd.img')],
      ['truncate', '-s', '4G', at('dd-sd.img')],
      ddInto(at('dd-sd.img'), at('boot.vfat'), bootOffset),
      ddInto(at('dd-sd.img'), at('rootfs.ext4'), rootfsOffset),
      ['bmaptool', 'create', '-o', at('dd-sd.img.bmap'), at('dd-sd.img')],
      ['img2simg', at('dd-sd.img'), at('dd-sd.simg')],
    ];
    const sdOurs: Commands = [
      [...flashmap, at('sd.flashmap.json'), '-o', at('sd.img'), '--blob', `boot=${at('boot.vfat')}`, '--blob', `rootfs_a=${at('rootfs.ext4')}`, '--bmap', at('sd.img.bmap'), '--sparse', at('sd.simg')],
    ];
    return [
      inTurns('16 MiB SigmaStar NOR image, 4 files + MXP table', norOurs, 'dd conv=notrunc into 0xFF fill', norPeer, 9),
      inTurns('4 GiB SD image with 256 MiB of files: raw (sparse) + bmap + Android sparse', sdOurs, 'dd + bmaptool create + img2simg', sdPeer, 3),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
