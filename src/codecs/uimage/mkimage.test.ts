/**
 * Conformance with U-Boot's mkimage and dumpimage (Debian u-boot-tools 2023.01): headers
 * byte-identical to mkimage's, every code and name the tools know, and the checks dumpimage makes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { debianTool } from '../../test-support/debian';
import { UIMAGE_ARCH, UIMAGE_COMP, UIMAGE_OS, UIMAGE_TYPE, type UimageCode } from './codes';
import { checkUimageData, describeUimageType, emitUimageHeader, parseUimageHeader, type UimageFields } from './header';

const mkimage = debianTool('mkimage', 'u-boot-tools');
const dumpimage = debianTool('dumpimage', 'u-boot-tools');
const dir = mkdtempSync(join(tmpdir(), 'flashmap-uimage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EPOCH = 1700000000;
const kernel = new Uint8Array(Buffer.from(Array.from({ length: 40000 }, (_, i) => `${i + 1}\n`).join('')));
const dataPath = join(dir, 'kernel.bin');
writeFileSync(dataPath, kernel);

/** Runs mkimage with a pinned timestamp and returns the image file. */
function make(args: string[], data = dataPath): Uint8Array {
  const out = join(dir, 'out.img');
  const result = spawnSync(mkimage, [...args, '-d', data, out], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH), TZ: 'UTC' } });
  if (result.status !== 0) throw new Error(`mkimage ${args.join(' ')}: ${result.stderr}`);
  return new Uint8Array(readFileSync(out));
}

/** dumpimage -l -T kernel: the fields it prints (it checks both CRCs first). */
function dump(image: Uint8Array): Record<string, string> {
  const path = join(dir, 'dump.img');
  writeFileSync(path, image);
  const { stdout, status, stderr } = spawnSync(dumpimage, ['-l', '-T', 'kernel', path], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  if (status !== 0) throw new Error(`dumpimage -l -T kernel: ${stderr}`);
  return Object.fromEntries(stdout.split('\n').map((line) => /^([A-Za-z ]+):\s+(.*)$/.exec(line)).filter((m) => m !== null).map((m) => [m[1], m[2]]));
}

/** The short and long names a `mkimage -X list` prints. */
function toolList(option: 'A' | 'O' | 'T' | 'C'): Map<string, string> {
  const { stderr } = spawnSync(mkimage, [`-${option}`, 'list'], { encoding: 'utf8' });
  return new Map(stderr.split('\n').map((line) => /^\t(\S+)\s+(.*)$/.exec(line)).filter((m) => m !== null).map((m) => [m[1], m[2]]));
}

/** C's ctime() in UTC, as dumpimage prints the creation time: "Tue Nov 14 22:13:20 2023". */
function ctime(seconds: number): string {
  const date = new Date(seconds * 1000);
  const [weekday, , , , clock] = date.toUTCString().split(' ');
  const month = date.toUTCString().split(' ')[2];
  return `${weekday.slice(0, 3)} ${month} ${String(date.getUTCDate()).padStart(2, ' ')} ${clock} ${date.getUTCFullYear()}`;
}

const fieldsFor = (arch: string, os: string, type: string, comp: string, name: string, load: number, ep: number): UimageFields => ({ time: EPOCH, load, ep, arch, os, type, comp, name });
const args = (f: UimageFields) => ['-A', String(f.arch), '-O', String(f.os), '-T', String(f.type), '-C', String(f.comp), '-a', f.load.toString(16), '-e', f.ep.toString(16), '-n', f.name];

describe('mkimage and dumpimage', () => {
  it('writes the header mkimage -A arm -O linux -T kernel -C none -a -e -n -d writes, byte for byte', () => {
    for (const fields of [
      fieldsFor('arm', 'linux', 'kernel', 'none', 'demo-kernel', 0x80008000, 0x80008000),
      fieldsFor('arm64', 'linux', 'ramdisk', 'gzip', 'exactly-thirty-two-bytes-long-xx', 0, 0),
      fieldsFor('riscv', 'u-boot', 'firmware', 'zstd', '', 0xffffffff, 0x1000),
      fieldsFor('mips', 'linux', 'standalone', 'none', 'standalone program', 0, 0),
    ]) {
      const image = make(args(fields));
      expect(image.length).toBe(64 + kernel.length);
      expect(emitUimageHeader(fields, kernel)).toEqual(image.subarray(0, 64));
    }
  });

  it('reads what mkimage wrote as dumpimage does, and checks its data CRC', async () => {
    const image = make(args(fieldsFor('arm', 'linux', 'kernel', 'none', 'demo-kernel', 0x80008000, 0x80008004)));
    const header = parseUimageHeader(image);
    const shown = dump(image);
    expect(header.name).toBe(shown['Image Name']);
    expect(describeUimageType(header)).toBe(shown['Image Type']);
    expect(`${header.size} Bytes`).toBe(/^\d+ Bytes/.exec(shown['Data Size'])?.[0]);
    expect(header.load.toString(16).padStart(8, '0')).toBe(shown['Load Address']);
    expect(header.ep.toString(16).padStart(8, '0')).toBe(shown['Entry Point']);
    expect(ctime(header.time)).toBe(shown['Created']);
    await checkUimageData(header, [image.subarray(64)]);
    // A changed data byte: dumpimage -T kernel refuses it (rc != 0), and so do we.
    const changed = image.slice();
    changed[1000] ^= 1;
    const path = join(dir, 'changed.img');
    writeFileSync(path, changed);
    expect(spawnSync(dumpimage, ['-l', '-T', 'kernel', path]).status).not.toBe(0);
    await expect(checkUimageData(parseUimageHeader(changed), [changed.subarray(64)])).rejects.toThrow(/^uImage data CRC is/);
  });

  const tables: Array<[string, 'A' | 'O' | 'T' | 'C', readonly UimageCode[]]> = [
    ['architecture', 'A', UIMAGE_ARCH],
    ['operating system', 'O', UIMAGE_OS],
    ['image type', 'T', UIMAGE_TYPE],
    ['compression', 'C', UIMAGE_COMP],
  ];
  for (const [what, option, table] of tables) {
    it(`knows every ${what} mkimage -${option} list prints, with the same long name`, () => {
      const listed = toolList(option);
      expect(listed.size).toBeGreaterThan(5);
      for (const [short, long] of listed) expect(table.find((entry) => entry.short === short)?.long, short).toBe(long);
      // Ours has only what the tool lists, plus the codes newer U-Boot added after 2023.01.
      expect(table.filter((entry) => !listed.has(entry.short)).map((entry) => entry.short)).toEqual(option === 'T' ? ['fdt_legacy', 'spkgimage'] : []);
    });
  }

  it('gives each architecture, OS and compression the code mkimage writes and the name dumpimage prints', () => {
    const cases: UimageFields[] = [
      ...UIMAGE_ARCH.map((entry) => fieldsFor(entry.short, 'linux', 'kernel', 'none', 'a', 0, 0)),
      ...UIMAGE_OS.map((entry) => fieldsFor('arm', entry.short, 'kernel', 'none', 'o', 0, 0)),
      ...UIMAGE_COMP.map((entry) => fieldsFor('arm', 'linux', 'kernel', entry.short, 'c', 0, 0)),
      // Types mkimage writes as a plain legacy header (flat_dt makes it build a FIT instead).
      ...['standalone', 'kernel', 'ramdisk', 'multi', 'firmware', 'script', 'filesystem', 'kernel_noload'].map((type) => fieldsFor('arm', 'linux', type, 'none', 't', 0, 0)),
    ];
    const small = join(dir, 'small.bin');
    writeFileSync(small, 'data');
    for (const fields of cases) {
      if (fields.arch === 'invalid' || fields.os === 'invalid') continue; // mkimage refuses to write these
      const image = make(args(fields), small);
      const ours = emitUimageHeader(fields, image.subarray(64));
      expect([...ours.subarray(28, 32)], JSON.stringify(fields)).toEqual([...image.subarray(28, 32)]);
      expect(describeUimageType(parseUimageHeader(image))).toBe(dump(image)['Image Type']);
    }
  });

  it('names codes U-Boot has no entry for as dumpimage does', () => {
    const header = emitUimageHeader({ time: 0, load: 0, ep: 0, arch: 13, os: 13, type: 22, comp: 200, name: '' }, new Uint8Array(4));
    const image = Uint8Array.from([...header, 0, 0, 0, 0]);
    expect(describeUimageType(parseUimageHeader(image))).toBe(dump(image)['Image Type']);
  });
});
