/**
 * The acceptance of the MBR, GPT and sfdisk codecs against util-linux 2.38 sfdisk and GPT fdisk
 * 1.0.9 (validators.md): each script is applied by sfdisk to one empty sparse image and by our
 * resolve + emit to another; the table areas must hold the same bytes, both images must dump to
 * the same script, and our GPT images must pass sgdisk -v and gdisk -l. 4096-byte sectors use a
 * loop device with --sector-size 4096 (sfdisk 2.38 has no --sector-size option).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { debianTool, runTool } from '../../test-support/debian';
import { fileSectors, imageDirectory, readRange, withLoop as withLoopDevice, writePieces } from '../../test-support/disk-images';
import { emitGpt } from '../gpt/emit';
import { guidToBytes } from '../guid';
import { parseGpt } from '../gpt/parse';
import type { GptPiece } from '../gpt/records';
import { emitMbr } from '../mbr/emit';
import { parseMbr } from '../mbr/parse';
import { formatSfdiskAttributes } from './attributes';
import { dumpGptScript, dumpMbrScript } from './dump';
import { emitSfdiskScript } from './emit';
import { parseSfdiskScript } from './parse';
import { resolveSfdiskScript, type SfdiskResolution } from './resolve';

let sfdisk = '';
let sgdisk = '';
let gdisk = '';
let losetup = '';
let images: ReturnType<typeof imageDirectory>;

beforeAll(() => {
  sfdisk = debianTool('sfdisk', 'fdisk');
  sgdisk = debianTool('sgdisk', 'gdisk');
  gdisk = debianTool('gdisk', 'gdisk');
  losetup = debianTool('losetup', 'mount');
  images = imageDirectory('sfdisk');
});

afterAll(() => {
  images?.remove();
});

const sparseImage = (name: string, bytes: number) => images.sparseImage(name, bytes);
const sectorsOf = fileSectors;
const withLoop = <T>(path: string, use: (device: string) => T): T => withLoopDevice(losetup, path, use);

const dumpOf = (device: string) => runTool(sfdisk, ['--dump', device]).stdout;
const anonymous = (text: string, device: string) => text.split(device).join('DISK');
const emitted = (resolution: SfdiskResolution, sectorSize: number, diskSectors: number) =>
  resolution.label === 'dos' ? emitMbr(resolution.table, { sectorSize, diskSectors }) : emitGpt(resolution.table, { sectorSize, diskSectors, entryCount: resolution.entryCount });

interface Applied {
  reference: string;
  ours: string;
  resolution: SfdiskResolution;
  pieces: GptPiece[];
}

/**
 * sfdisk applies `script` to one image, resolve + emit write the other; the pieces' ranges and
 * the dumps must agree. `device` maps an image to what the tools open (a loop device for 4K).
 */
function applyBoth(name: string, script: string, bytes: number, sectorSize: number, check: (applied: Applied, open: (path: string) => string) => void): void {
  const reference = sparseImage(`${name}-sfdisk.img`, bytes);
  const ours = sparseImage(`${name}-ours.img`, bytes);
  const diskSectors = bytes / sectorSize;
  const { script: records, warnings } = parseSfdiskScript(script);
  expect(warnings).toEqual([]);
  const resolution = resolveSfdiskScript(records, { sectorSize, diskSectors });
  expect(resolution.warnings).toEqual([]);
  const pieces = emitted(resolution, sectorSize, diskSectors);
  writePieces(ours, pieces);
  const run = (open: (path: string) => string) => {
    runTool(sfdisk, ['--no-reread', '--no-tell-kernel', open(reference)], script);
    for (const piece of pieces) {
      expect(readRange(reference, piece.offset, piece.bytes.length).equals(Buffer.from(piece.bytes)), `bytes at ${piece.offset}`).toBe(true);
    }
    expect(anonymous(dumpOf(open(ours)), open(ours))).toBe(anonymous(dumpOf(open(reference)), open(reference)));
    check({ reference, ours, resolution, pieces }, open);
  };
  if (sectorSize === 512) run((path) => path);
  else withLoop(reference, (referenceDevice) => withLoop(ours, (oursDevice) => run((path) => (path === reference ? referenceDevice : oursDevice))));
}

/** sgdisk -v and gdisk -l exit 0 even on bad CRCs: read what they print (validators.md, TRAPS). */
function expectValidGpt(device: string): void {
  expect(runTool(sgdisk, ['-v', device]).stdout).toMatch(/^No problems found/m);
  const listing = runTool(gdisk, ['-l', device]).stdout;
  expect(listing).toMatch(/GPT: present/);
  expect(listing).toMatch(/MBR: protective/);
}

/** The dump text survives our parser and writer unchanged. */
function expectDumpRoundTrip(device: string): void {
  const text = dumpOf(device);
  expect(emitSfdiskScript(parseSfdiskScript(text).script)).toBe(text);
}

interface JsonPartition {
  node: string;
  start: number;
  size: number;
  type: string;
  uuid?: string;
  name?: string;
  attrs?: string;
  bootable?: boolean;
}

const jsonOf = (device: string) => JSON.parse(runTool(sfdisk, ['--json', device]).stdout).partitiontable as { id: string; partitions: JsonPartition[] };

describe('a dos script with an extended partition, two logical partitions and a bootable flag', () => {
  const script = ['label: dos', 'label-id: 0x12345678', 'start=2048, size=8MiB, type=c, bootable', 'size=16MiB, type=83', 'type=Ex', 'size=4MiB', 'type=82', ''].join('\n');

  it('writes the bytes sfdisk writes, and reads back what sfdisk reports', () => {
    applyBoth('dos', script, 64 * 1024 * 1024, 512, ({ reference, resolution, pieces }) => {
      expect(pieces.map((p) => p.offset / 512)).toEqual([0, 51200, 61440]);
      expectDumpRoundTrip(reference);

      const parsed = parseMbr(sectorsOf(reference, 512), { diskSectors: 131072 });
      expect(parsed.warnings).toEqual([]);
      expect(parsed.table).toEqual(resolution.table);
      const json = jsonOf(reference);
      expect(json.id).toBe('0x12345678');
      expect(parsed.table.partitions.map((p) => ({ node: `${reference}${p.number}`, start: p.startLba, size: p.sectors, type: p.type.toString(16), ...(p.bootable ? { bootable: true } : {}) }))).toEqual(json.partitions);

      const dumped = dumpMbrScript(parsed.table, { device: reference, sectorSize: 512, diskSectors: 131072 });
      expect(emitSfdiskScript(dumped)).toBe(dumpOf(reference));
    });
  });

  it('fills the CHS fields as sfdisk does past cylinder 1023 (10 GiB image)', () => {
    const far = ['label: dos', 'label-id: 0x00000001', 'start=2048, size=16448000', 'size=100000', 'type=5', 'size=10000', ''].join('\n');
    applyBoth('chs', far, 10 * 1024 * 1024 * 1024, 512, ({ pieces }) => {
      // Partition 1 ends at 16450047 (cylinder 1023, head 246, sector 55); partition 2 starts past cylinder 1023.
      expect(Buffer.from(pieces[0].bytes.subarray(0x1be + 5, 0x1be + 8)).toString('hex')).toBe('f6f7ff');
      expect(Buffer.from(pieces[0].bytes.subarray(0x1ce + 1, 0x1ce + 4)).toString('hex')).toBe('feffff');
    });
  });
});

describe('a gpt script with names, uuids, attributes and the U-Boot environment type', () => {
  const script = [
    'label: gpt',
    'label-id: 5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B',
    'start=2048, size=2048, type=3DE21764-95BD-54BD-A5C3-4ABE786F38A8, uuid=11111111-2222-3333-4444-555555555555, name="uboot-env"',
    'size=36MiB, type=U, uuid=21111111-2222-3333-4444-555555555555, name="esp", attrs="LegacyBIOSBootable"',
    'size=20MiB, type=L, uuid=31111111-2222-3333-4444-555555555555, name="rootfs \\x22A\\x22 \\xc3\\xa9", attrs="RequiredPartition,GUID:60,GUID:63"',
    'type=S, uuid=41111111-2222-3333-4444-555555555555, name="swap"',
    '',
  ].join('\n');

  it('writes the bytes sfdisk writes, valid for sgdisk and gdisk, and reads back what sfdisk reports', () => {
    applyBoth('gpt', script, 64 * 1024 * 1024, 512, ({ reference, ours, resolution }) => {
      expectValidGpt(ours);
      expectDumpRoundTrip(reference);
      // The spec's checked byte order, here in the image sfdisk wrote.
      expect(readRange(reference, 1024, 16).equals(Buffer.from(guidToBytes('3DE21764-95BD-54BD-A5C3-4ABE786F38A8')))).toBe(true);
      expect(readRange(reference, 1024, 16).toString('hex')).toBe('6417e23dbd95bd54a5c34abe786f38a8');

      const parsed = parseGpt(sectorsOf(reference, 512), { diskSectors: 131072 });
      expect(parsed.warnings).toEqual([]);
      expect(parsed.sectorSize).toBe(512);
      expect(parsed.table).toEqual(resolution.table);
      const json = jsonOf(reference);
      expect(json.id).toBe(parsed.table.diskGuid);
      expect(
        parsed.table.partitions.map((p) => ({
          node: `${reference}${p.number}`,
          start: p.firstLba,
          size: p.lastLba - p.firstLba + 1,
          type: p.typeGuid,
          uuid: p.uniqueGuid,
          ...(p.name ? { name: p.name } : {}),
          ...(p.attributes ? { attrs: formatSfdiskAttributes(p.attributes) } : {}),
        })),
      ).toEqual(json.partitions);
      // The last partition's end is aligned down to the grain, as sfdisk does for "the rest".
      expect(parsed.table.partitions[3].lastLba).toBe(129023);

      const { script: dumped, warnings } = dumpGptScript(parsed.table, { device: reference, sectorSize: 512, diskSectors: 131072 });
      expect(warnings).toEqual([]);
      expect(emitSfdiskScript(dumped)).toBe(dumpOf(reference));
    });
  });

  it('has a usable range and table length sfdisk computes for first-lba, last-lba and table-length headers', () => {
    const headers = ['label: gpt', 'label-id: 5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B', 'first-lba: 64', 'last-lba: 100000', 'table-length: 200', 'start=64, size=100, uuid=11111111-2222-3333-4444-555555555555', 'uuid=21111111-2222-3333-4444-555555555555', ''];
    applyBoth('gpt-headers', headers.join('\n'), 64 * 1024 * 1024, 512, ({ ours, resolution }) => {
      expect(resolution.label === 'gpt' && resolution.entryCount).toBe(200);
      expectValidGpt(ours);
      expectDumpRoundTrip(ours);
    });
  });

  it('puts the protective entry at 0xFFFFFFFF sectors on a disk over 2 TiB, and refuses a dos label there', () => {
    const big = ['label: gpt', 'label-id: 5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B', 'size=1MiB, uuid=11111111-2222-3333-4444-555555555555', ''].join('\n');
    applyBoth('big', big, 3 * 1024 ** 4, 512, ({ ours, pieces }) => {
      expect(Buffer.from(pieces[0].bytes.subarray(0x1ca, 0x1ce)).toString('hex')).toBe('ffffffff');
      expectValidGpt(ours);
    });
    expect(() => resolveSfdiskScript(parseSfdiskScript('label: dos\nlabel-id: 0x1\nsize=1MiB\n').script, { sectorSize: 512, diskSectors: (3 * 1024 ** 4) / 512 })).toThrow(/use label: gpt/);
  });
});

describe('a gpt with 4096-byte sectors', () => {
  it('writes the bytes sfdisk writes on a 4K device, and is detected as 4K from the image', () => {
    const script = [
      'label: gpt',
      'label-id: 5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B',
      'size=4MiB, type=3DE21764-95BD-54BD-A5C3-4ABE786F38A8, uuid=11111111-2222-3333-4444-555555555555, name="env"',
      'type=L, uuid=21111111-2222-3333-4444-555555555555, name="rootfs"',
      '',
    ].join('\n');
    applyBoth('gpt4k', script, 64 * 1024 * 1024, 4096, ({ reference, resolution }, open) => {
      expectValidGpt(open(reference.replace('-sfdisk', '-ours')));
      expectDumpRoundTrip(open(reference));
      expect(resolution.label === 'gpt' && resolution.table.firstUsableLba).toBe(256);
      const parsed = parseGpt(sectorsOf(reference, 512), { diskSectors: (64 * 1024 * 1024) / 512 });
      expect(parsed.sectorSize).toBe(4096);
      expect(parsed.table).toEqual(resolution.table);
      const dumped = dumpGptScript(parsed.table, { device: open(reference), sectorSize: 4096, diskSectors: 16384 }).script;
      expect(emitSfdiskScript(dumped)).toBe(dumpOf(open(reference)));
    });
  });
});

describe('a gpt with the primary entry array moved (sgdisk -j; sfdisk 2.38 cannot move it)', () => {
  it('writes the GPT areas sgdisk writes for the same table', () => {
    const reference = sparseImage('moved-sgdisk.img', 64 * 1024 * 1024);
    const ours = sparseImage('moved-ours.img', 64 * 1024 * 1024);
    runTool(sgdisk, ['-j', '2048', '-U', '5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B', '-n', '1:0:+4M', '-t', '1:8300', '-u', '1:11111111-2222-3333-4444-555555555555', '-c', '1:boot', reference]);
    const parsed = parseGpt(sectorsOf(reference, 512), { diskSectors: 131072 });
    expect(parsed.primary?.partitionEntryLba).toBe(2048);
    // Our default first usable LBA for a moved array is the sector after it, as sgdisk chose.
    const { firstUsableLba: _first, lastUsableLba: _last, ...withoutRange } = parsed.table;
    const pieces = emitGpt(withoutRange, { sectorSize: 512, diskSectors: 131072, entriesLba: 2048 });
    writePieces(ours, pieces);
    // sgdisk fills the protective MBR's CHS from its own geometry; the GPT areas are compared.
    for (const piece of pieces.slice(1)) expect(readRange(reference, piece.offset, piece.bytes.length).equals(Buffer.from(piece.bytes)), `bytes at ${piece.offset}`).toBe(true);
    expect(pieces.map((p) => p.offset / 512)).toEqual([0, 1, 2048, 131039, 131071]);
    expect(anonymous(dumpOf(ours), ours)).toBe(anonymous(dumpOf(reference), reference));
    expectValidGpt(ours);
  });
});

describe('the tools see our damage the way parseGpt does', () => {
  it('parseGpt falls back to the backup where sgdisk does', () => {
    const image = sparseImage('damaged.img', 16 * 1024 * 1024);
    const script = 'label: gpt\nlabel-id: 5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B\nsize=1MiB, uuid=11111111-2222-3333-4444-555555555555\n';
    const resolution = resolveSfdiskScript(parseSfdiskScript(script).script, { sectorSize: 512, diskSectors: 32768 });
    const pieces = emitted(resolution, 512, 32768);
    pieces[1].bytes[16] ^= 0xff;
    writePieces(image, pieces);
    const report = runTool(sgdisk, ['-v', image]).stdout;
    expect(report).not.toMatch(/^No problems found/m);
    const parsed = parseGpt(sectorsOf(image, 512), { diskSectors: 32768 });
    expect(parsed.source).toBe('backup');
    expect(parsed.warnings[0].offset).toBe(512 + 16);
    expect(parsed.table).toEqual(resolution.table);
  });
});
