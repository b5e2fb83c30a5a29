/**
 * genimage configurations against Debian's genimage 16: it must accept what we emit, and the
 * partition table it writes (read back with sfdisk -J from Debian's fdisk) must have the starts
 * and sizes placeGenimage computed. Its error messages are the reference for ours.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { debianTool, runTool } from '../../test-support/debian';
import { FormatError } from '../errors';
import { MiB } from '../../model/units';
import { emitGenimage, parseGenimage, placeGenimage, type GenimageConfig, type GenimageImage, type GenimageImagePlacement } from './index';

const root = mkdtempSync(join(tmpdir(), 'genimage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let serial = 0;

interface Run {
  status: number | null;
  stderr: string;
  output: string;
}

/** Runs genimage on `config` with input files of the given sizes. */
function genimage(config: string, files: Record<string, number>): Run {
  const tool = debianTool('genimage', 'genimage');
  const dir = join(root, `run${++serial}`);
  for (const sub of ['in', 'out', 'root', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
  for (const [name, size] of Object.entries(files)) writeFileSync(join(dir, 'in', name), Buffer.alloc(size, 0xa5));
  writeFileSync(join(dir, 'g.cfg'), config);
  const result = spawnSync(tool, ['--config', join(dir, 'g.cfg'), '--inputpath', join(dir, 'in'), '--outputpath', join(dir, 'out'), '--rootpath', join(dir, 'root'), '--tmppath', join(dir, 'tmp')], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr, output: join(dir, 'out') };
}

interface SfdiskPartition {
  node: string;
  start: number;
  size: number;
  type: string;
  uuid?: string;
  name?: string;
  bootable?: boolean;
}

function sfdisk(image: string): { label: string; id: string; partitions: SfdiskPartition[] } {
  const { stdout } = runTool(debianTool('sfdisk', 'fdisk'), ['-J', image]);
  return JSON.parse(stdout).partitiontable;
}

/** Our placement compared with the table genimage wrote, entry by entry. */
function expectTable(placement: GenimageImagePlacement, image: string): SfdiskPartition[] {
  const table = sfdisk(image);
  const expected = placement.partitions
    .filter((p) => p.number !== undefined)
    .map((p) => ({ number: p.number!, start: p.offset / 512, size: p.size / 512 }));
  if (placement.extended) expected.push({ number: placement.extended.number, start: placement.extended.offset / 512, size: placement.extended.size / 512 });
  const found = table.partitions.map((p) => ({ number: Number(/(\d+)$/.exec(p.node)![1]), start: p.start, size: p.size }));
  expect(found.sort((a, b) => a.number - b.number)).toEqual(expected.sort((a, b) => a.number - b.number));
  return table.partitions;
}

function accepted(config: GenimageConfig, files: Record<string, number>): { placement: GenimageImagePlacement; image: string } {
  const run = genimage(emitGenimage(config), files);
  expect(run.stderr).not.toMatch(/ERROR/);
  expect(run.status).toBe(0);
  const [placement] = placeGenimage(config, { imageSizes: files });
  return { placement, image: join(run.output, config.images[0].name) };
}

const mbr: GenimageImage = {
  name: 'sdcard.img',
  hdimage: { align: MiB, diskSignature: 0x12345678 },
  partitions: [
    { name: 'u-boot', inPartitionTable: false, offset: 0, image: 'u-boot.bin', holes: [{ start: 440, end: 1024 }] },
    { name: 'boot', partitionType: 0xc, bootable: true, image: 'boot.vfat' },
    { name: 'rootfs', partitionType: 0x83, image: 'rootfs.ext4', size: 8 * MiB },
    { name: 'data', partitionType: 0x83, size: 2 * MiB },
  ],
};
const mbrFiles = { 'u-boot.bin': 65536, 'boot.vfat': 3 * MiB + 5, 'rootfs.ext4': 5 * MiB };

describe('placeGenimage agrees with genimage 16', () => {
  it('MBR with a raw bootloader over the table (declared hole), 1 MiB alignment', () => {
    const { placement, image } = accepted({ images: [mbr] }, mbrFiles);
    expect(placement.partitions.map((p) => [p.name, p.offset, p.size, p.number])).toEqual([
      ['u-boot', 0, 65536, undefined],
      ['boot', MiB, 4 * MiB, 1],
      ['rootfs', 5 * MiB, 8 * MiB, 2],
      ['data', 13 * MiB, 2 * MiB, 3],
    ]);
    const table = expectTable(placement, image);
    expect(table.map((p) => [p.type, p.bootable ?? false])).toEqual([['c', true], ['83', false], ['83', false]]);
    expect(sfdisk(image).id).toBe('0x12345678');
  });

  it('MBR with six partitions: an extended partition with EBR gaps, default and 1 MiB alignment', () => {
    for (const align of [undefined, MiB]) {
      const partitions = Array.from({ length: 6 }, (_, i) => ({ name: `p${i + 1}`, partitionType: 0x83, size: (i + 1) * MiB }));
      const config: GenimageConfig = { images: [{ name: 'logical.img', size: 64 * MiB, hdimage: { ...(align ? { align } : {}) }, partitions }] };
      const { placement, image } = accepted(config, {});
      expect(placement.extended).toBeDefined();
      expect(placement.partitions.map((p) => p.number)).toEqual([1, 2, 3, 5, 6, 7]);
      expectTable(placement, image);
    }
  });

  it('MBR with extended-partition = 2', () => {
    const partitions = Array.from({ length: 3 }, (_, i) => ({ name: `p${i + 1}`, partitionType: 0x83, size: MiB }));
    const { placement, image } = accepted({ images: [{ name: 'ext2.img', hdimage: { extendedPartition: 2 }, partitions }] }, {});
    expect(placement.partitions.map((p) => p.number)).toEqual([1, 5, 6]);
    expectTable(placement, image);
  });

  it('GPT with a disk GUID, type shortcuts and GUIDs, partition GUIDs and an autoresized last partition', () => {
    const config: GenimageConfig = {
      images: [
        {
          name: 'gpt.img',
          size: 32 * MiB,
          hdimage: { partitionTableType: 'gpt', diskUuid: '5f3b6e0a-1111-4222-8333-444455556666', align: MiB },
          partitions: [
            { name: 'env', offset: MiB, size: MiB, image: 'env.bin', partitionTypeUuid: '3de21764-95bd-54bd-a5c3-4abe786f38a8', partitionUuid: '11111111-2222-4333-8444-555555555555' },
            { name: 'esp', partitionTypeUuid: 'U', image: 'boot.vfat', bootable: true },
            { name: 'rootfs', partitionTypeUuid: 'L', image: 'rootfs.ext4', autoresize: true },
          ],
        },
      ],
    };
    const files = { 'env.bin': 16384, 'boot.vfat': 3 * MiB, 'rootfs.ext4': 4 * MiB };
    const { placement, image } = accepted(config, files);
    expect(placement.size).toBe(32 * MiB);
    expect(statSync(image).size).toBe(32 * MiB);
    const table = expectTable(placement, image);
    expect(table.map((p) => [p.name, p.type.toLowerCase(), p.uuid?.toLowerCase() ?? ''])).toEqual([
      ['env', '3de21764-95bd-54bd-a5c3-4abe786f38a8', '11111111-2222-4333-8444-555555555555'],
      ['esp', 'c12a7328-f81f-11d2-ba4b-00a0c93ec93b', expect.any(String)],
      ['rootfs', '0fc63daf-8483-4772-8e79-3d69d8477de4', expect.any(String)],
    ]);
    // 32 MiB less the 5 MiB before it and the 33-sector backup GPT, rounded down to 1 MiB.
    expect(placement.partitions[2]).toMatchObject({ offset: 5 * MiB, size: 26 * MiB });
  });

  it('GPT at gpt-location 64K, a raw loader before it, and no image size (backup space rounded to 4 KiB)', () => {
    const config: GenimageConfig = {
      images: [
        {
          name: 'loc.img',
          hdimage: { partitionTableType: 'gpt', gptLocation: 64 * 1024 },
          partitions: [
            { name: 'spl', inPartitionTable: false, offset: 8 * 1024, image: 'spl.bin' },
            { name: 'a', image: 'a.bin' },
            { name: 'b', size: 100 * 1024 },
          ],
        },
      ],
    };
    const files = { 'spl.bin': 40 * 1024, 'a.bin': 70000 };
    const { placement, image } = accepted(config, files);
    expect(placement.partitions[1].offset).toBe(64 * 1024 + 32 * 512);
    expect(statSync(image).size).toBe(placement.size);
    expect(placement.size % 4096).toBe(0);
    expectTable(placement, image);
  });

  it('file names with ${, quotes, backslashes and spaces reach genimage unchanged', () => {
    const names = ['u${X}.bin', 'a "quoted" name.bin', 'back\\slash.bin', "it's.bin"];
    const files = Object.fromEntries(names.map((name, i) => [name, (i + 1) * 4096]));
    const config: GenimageConfig = { images: [{ name: 'names.img', hdimage: { fill: true }, partitions: names.map((image, i) => ({ name: `p${i}`, image, partitionType: 0x83 })) }] };
    const text = emitGenimage(config);
    expect(parseGenimage(text).images[0].partitions.map((p) => p.image)).toEqual(names);
    const { placement, image } = accepted(config, files);
    expect(placement.partitions.map((p) => p.size)).toEqual([4096, 8192, 12288, 16384]);
    expectTable(placement, image);
  });

  it('a hybrid table', () => {
    const config: GenimageConfig = {
      images: [{ name: 'hybrid.img', hdimage: { partitionTableType: 'hybrid', align: MiB }, partitions: [{ name: 'boot', partitionType: 0xc, partitionTypeUuid: 'F', size: 4 * MiB }, { name: 'root', size: 4 * MiB }] }],
    };
    const { placement, image } = accepted(config, {});
    expectTable(placement, image);
  });

  it('random MBR and GPT layouts of explicit sizes, offsets and alignments', () => {
    const partitionArb = fc.record({ size: fc.integer({ min: 1, max: 64 }), align: fc.constantFrom(0, 4096, MiB), gap: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.constantFrom<'mbr' | 'gpt'>('mbr', 'gpt'), fc.array(partitionArb, { minLength: 1, maxLength: 7 }), (type, parts) => {
        // Explicit offsets for some partitions, placed after everything before them.
        let end = MiB;
        const partitions = parts.map((part, i) => {
          const size = part.size * 64 * 1024;
          const partAlign = part.align || 512;
          const offset = part.gap ? alignUpTo(end + part.gap * 65536, partAlign) : undefined;
          end = alignUpTo(offset ?? end, partAlign) + size + (type === 'mbr' ? 512 * 2048 : 0);
          return { name: `p${i}`, size, ...(part.align ? { align: part.align } : {}), ...(offset !== undefined && type === 'gpt' ? { offset } : {}) };
        });
        const config: GenimageConfig = { images: [{ name: `r${serial}.img`, hdimage: { partitionTableType: type }, partitions }] };
        let placement: GenimageImagePlacement;
        try {
          [placement] = placeGenimage(config);
        } catch (error) {
          // Then genimage must refuse it too, with our first line.
          expect(error).toBeInstanceOf(FormatError);
          const run = genimage(emitGenimage(config), {});
          expect(run.status).not.toBe(0);
          expect(run.stderr).toContain((error as Error).message.split(';')[0]);
          return;
        }
        const run = genimage(emitGenimage(config), {});
        const stop = placement.warnings.find((warning) => warning.startsWith('genimage 16 stops'));
        if (stop) {
          // genimage 16 places the table, then refuses the file it wrote.
          expect(run.stderr).toContain(/"(unexpected output file size: \d+ != \d+)"/.exec(stop)![1]);
          return;
        }
        expect(run.status).toBe(0);
        expectTable(placement, join(run.output, config.images[0].name));
      }),
      { numRuns: 15 },
    );
  });
});

function alignUpTo(value: number, align: number): number {
  return Math.ceil(value / align) * align;
}

describe('placeGenimage fails where genimage fails, with its words', () => {
  const cases: Array<[string, GenimageImage, Record<string, number>]> = [
    ['overlap', { name: 'x.img', hdimage: {}, partitions: [{ name: 'a', offset: 2 * MiB, size: MiB }, { name: 'b', offset: 2 * MiB, size: MiB }] }, {}],
    ['misaligned offset', { name: 'x.img', hdimage: { align: MiB }, partitions: [{ name: 'a', offset: 1572864, size: MiB }] }, {}],
    ['image larger than its partition', { name: 'x.img', hdimage: {}, partitions: [{ name: 'rootfs', image: 'rootfs.ext4', size: MiB }] }, { 'rootfs.ext4': 2 * MiB }],
    ['zero size', { name: 'x.img', hdimage: {}, partitions: [{ name: 'empty' }] }, {}],
    ['a bootloader over the MBR without a hole', { name: 'x.img', hdimage: {}, partitions: [{ name: 'spl', inPartitionTable: false, image: 'spl.bin' }] }, { 'spl.bin': 4096 }],
    ['two autoresize partitions', { name: 'x.img', size: 16 * MiB, hdimage: {}, partitions: [{ name: 'a', autoresize: true }, { name: 'b', autoresize: true }] }, {}],
    ['autoresize without an image size', { name: 'x.img', hdimage: {}, partitions: [{ name: 'a', autoresize: true }] }, {}],
    ['a bad type shortcut', { name: 'x.img', hdimage: { partitionTableType: 'gpt' }, partitions: [{ name: 'a', size: MiB, partitionTypeUuid: 'Q' }] }, {}],
    ['partition-type on a GPT', { name: 'x.img', hdimage: { partitionTableType: 'gpt' }, partitions: [{ name: 'a', size: MiB, partitionType: 0x83 }] }, {}],
    ['partitions past the image size', { name: 'x.img', size: MiB, hdimage: {}, partitions: [{ name: 'a', size: MiB }] }, {}],
    ['a size that is not whole sectors', { name: 'x.img', hdimage: {}, partitions: [{ name: 'a', size: 1000 }] }, {}],
    ['a bad GPT location', { name: 'x.img', hdimage: { partitionTableType: 'gpt', gptLocation: 1000 }, partitions: [{ name: 'a', size: MiB }] }, {}],
    ['hybrid without partition-type', { name: 'x.img', hdimage: { partitionTableType: 'hybrid' }, partitions: [{ name: 'a', size: MiB }] }, {}],
  ];
  for (const [title, image, files] of cases) {
    it(title, () => {
      const config = { images: [image] };
      let ours: Error | undefined;
      try {
        placeGenimage(config, { imageSizes: files });
      } catch (error) {
        ours = error as Error;
      }
      expect(ours).toBeInstanceOf(FormatError);
      const run = genimage(emitGenimage(config), files);
      expect(run.status).not.toBe(0);
      // genimage prints "ERROR: hdimage(x.img): <message>"; a hint after ";" is its second line.
      for (const line of ours!.message.split('; ')) expect(run.stderr).toContain(line);
    });
  }

  it('alignment below the image alignment is only a warning, as in genimage', () => {
    const config: GenimageConfig = { images: [{ name: 'w.img', hdimage: { align: MiB, fill: true }, partitions: [{ name: 'a', align: 512, size: MiB }] }] };
    const [placement] = placeGenimage(config);
    const run = genimage(emitGenimage(config), {});
    expect(run.status).toBe(0);
    expect(placement.warnings).toHaveLength(1);
    expect(run.stderr).toContain(placement.warnings[0]);
    expect(placement.partitions[0].offset).toBe(512);
  });

  it('predicts the output file size check genimage 16 fails on when no partition has data', () => {
    const config: GenimageConfig = { images: [{ name: 'n.img', hdimage: {}, partitions: [{ name: 'a', size: 64 * 1024 }] }] };
    const [placement] = placeGenimage(config);
    expect(placement.warnings).toEqual(['genimage 16 stops with "unexpected output file size: 0 != 512": the table is written past the end of the partition data; set fill = true']);
    expect(genimage(emitGenimage(config), {}).stderr).toContain('unexpected output file size: 0 != 512');
    const filled = { images: [{ ...config.images[0], hdimage: { fill: true } }] };
    expect(placeGenimage(filled)[0].warnings).toEqual([]);
    expect(genimage(emitGenimage(filled), {}).status).toBe(0);
  });
});

describe('parseGenimage', () => {
  it('reads a Buildroot-style configuration with comments, quotes and other image types', () => {
    const text = `# Raspberry Pi style
image boot.vfat {
	vfat {
		files = { "bcm2711-rpi-4-b.dtb", "rpi-firmware/config.txt", "Image" }
		file overlays { image = "rpi-firmware/overlays" }
	}
	size = 32M
}

image 'sdcard.img' {
	hdimage {
		partition-table-type = "mbr"   // msdos label
		disk-signature = 0xB007CAFE
		align = 4M
	}

	/* first partition */
	partition boot {
		partition-type = 0xC
		bootable = "true"
		image = "boot.vfat"
	}

	partition rootfs {
		partition-type = 131
		image = "rootfs.ext4"
		size = 0x1000s
		holes += {"(0;512)"}
		holes += "( 1K ; 2k )"
	}
}
`;
    const config = parseGenimage(text);
    expect(config.otherImages).toEqual([{ name: 'boot.vfat', type: 'vfat', size: 32 * MiB, line: 2 }]);
    expect(config.images).toEqual([
      {
        name: 'sdcard.img',
        hdimage: { partitionTableType: 'mbr', diskSignature: 0xb007cafe, align: 4 * MiB },
        partitions: [
          { name: 'boot', partitionType: 0xc, bootable: true, image: 'boot.vfat', line: 18 },
          { name: 'rootfs', partitionType: 0x83, image: 'rootfs.ext4', size: 0x1000 * 512, holes: [{ start: 0, end: 512 }, { start: 1024, end: 2048 }], line: 24 },
        ],
        line: 10,
      },
    ]);
    // The partition takes its size from the vfat image defined above.
    const [placement] = placeGenimage(config, { imageSizes: { 'rootfs.ext4': MiB } });
    expect(placement.partitions.map((p) => [p.offset, p.size])).toEqual([[4 * MiB, 32 * MiB], [36 * MiB, 0x1000 * 512]]);
    // genimage reads the same text (with the files present) and writes that table.
    const run = genimage(text.replace(/image boot\.vfat \{[^]*?\n\}\n/, 'image boot.vfat {\n\tfile { name = "boot.raw" }\n\tsize = 32M\n}\n'), { 'boot.raw': 32 * MiB, 'rootfs.ext4': MiB });
    expect(run.stderr).not.toMatch(/ERROR/);
    expectTable(placement, join(run.output, 'sdcard.img'));
  });

  it('substitutes ${VAR} from the environment it is given, with :- defaults', () => {
    const text = 'image "${NAME}.img" { hdimage {} partition a { size = ${SIZE:-2M} image = "${IMG}" } }';
    expect(() => parseGenimage(text)).toThrow(/genimage would take \$\{NAME\} from its environment/);
    const config = parseGenimage(text, { environment: { NAME: 'board', IMG: 'a.bin' } });
    expect(config.images[0]).toMatchObject({ name: 'board.img', partitions: [{ name: 'a', size: 2 * MiB, image: 'a.bin' }] });
  });

  it('keeps the last of a repeated option and replaces a repeated partition in place, as libconfuse does', () => {
    const config = parseGenimage('image x { hdimage { align = 1M align = 2M } partition a { size = 1M } partition b { size = 1M } partition a { size = 3M } }');
    expect(config.images[0].hdimage.align).toBe(2 * MiB);
    expect(config.images[0].partitions.map((p) => [p.name, p.size])).toEqual([['a', 3 * MiB], ['b', MiB]]);
  });

  it('reads sizes as strtoull with base 0 and the suffixes', () => {
    const size = (text: string) => parseGenimage(`image x { hdimage {} partition a { size = "${text}" } }`).images[0].partitions[0].size;
    expect([size('4096'), size('0x1000'), size('010'), size('4k'), size('4K'), size('3M'), size('1G'), size('8s'), size(' 16')]).toEqual([4096, 4096, 8, 4096, 4096, 3 * MiB, 1024 * MiB, 4096, 16]);
  });

  it('reports errors with line and column', () => {
    const located = (text: string, message: RegExp, line: number, column: number) => {
      try {
        parseGenimage(text);
      } catch (error) {
        expect(error).toBeInstanceOf(FormatError);
        expect((error as Error).message).toMatch(message);
        expect([(error as FormatError).line, (error as FormatError).column]).toEqual([line, column]);
        return;
      }
      throw new Error('expected a FormatError');
    };
    located('image x {\n  hdimage {}\n  partition a {\n    size = 4Q\n  }\n}', /^size: invalid size suffix "Q" in "4Q" \(use k, K, M, G or s\) at line 4, column 12$/, 4, 12);
    located('image x {\n  hdimage { partition-table-type = "msdos" }\n}', /^"msdos" is not a valid partition-table-type/, 2, 36);
    located('image x {\n  hdimage {}\n  partition a { sise = 1M }\n}', /^no such option "sise" in partition "a"/, 3, 17);
    located('image x {\n  hdimage {}\n  partition a { bootable = maybe }\n}', /^bootable: invalid boolean value "maybe"/, 3, 28);
    located('image x {\n  hdimage {}\n  partition a { image += "x" }\n}', /^attempt to append to non-list option "image"/, 3, 17);
    located('image x {\n  hdimage {}\n  partition a { holes = {"(1,2)"} }\n}', /^holes: invalid hole specification "\(1,2\)", use '\(<start>;<end>\)'/, 3, 26);
    located('image x {\n  hdimage { align = 1M\n', /^premature end of file: the section opened at line 2 is not closed/, 3, 1);
    located('image x {\n  hdimage { label = "a\\9" }\n}', /^bad escape sequence "\\9"/, 2, 23);
    located('image x {\n  hdimage { disk-uuid = "abc }\n}', /^unterminated string constant at line 2, column 25$/, 2, 25);
    located('image x { ext4 {} hdimage {} }', /^image "x" has more than one image type: ext4, hdimage/, 1, 19);
    located('include("other.cfg")', /^include\(\) is not supported/, 1, 1);
    located('image x {\n  hdimage { extended-partition = 5 }\n}', /^extended-partition must be from 0 to 4, found 5/, 2, 34);
    located('image x {\n  hdimage {}\n  partition a { partition-type = 0x1FF }\n}', /^partition-type must be from 0 to 255/, 3, 34);
    located('image x {\n  hdimage {}\n  partition { size = 1M }\n}', /^missing equal sign after option "partition"|^missing title for section "partition"/, 3, 3);
  });
});

describe('round trips', () => {
  const sizeArb = fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 4096 }).map((n) => n * MiB));
  const textArb = fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }).filter((t) => !t.includes('\0'));
  const partitionArb = fc.record(
    {
      name: textArb,
      offset: sizeArb,
      size: sizeArb,
      align: sizeArb,
      image: textArb,
      autoresize: fc.boolean(),
      inPartitionTable: fc.boolean(),
      partitionType: fc.integer({ min: 0, max: 255 }),
      partitionTypeUuid: fc.oneof(fc.constantFrom('L', 'S', 'H', 'U', 'R', 'V', 'F'), fc.uuid()),
      partitionUuid: fc.uuid(),
      bootable: fc.boolean(),
      readOnly: fc.boolean(),
      hidden: fc.boolean(),
      noAutomount: fc.boolean(),
      holes: fc.array(fc.record({ start: sizeArb, end: sizeArb }), { maxLength: 3 }),
    },
    { requiredKeys: ['name'] },
  );
  const imageArb = fc.record(
    {
      name: textArb,
      size: sizeArb,
      hdimage: fc.record(
        {
          partitionTableType: fc.constantFrom('none', 'mbr', 'dos', 'gpt', 'hybrid'),
          align: sizeArb,
          diskUuid: fc.uuid(),
          diskSignature: fc.oneof(fc.constant('random' as const), fc.integer({ min: 0, max: 0xffffffff })),
          gptLocation: sizeArb,
          gptNoBackup: fc.boolean(),
          extendedPartition: fc.integer({ min: 0, max: 4 }),
          fill: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      partitions: fc.uniqueArray(partitionArb, { maxLength: 5, selector: (p) => p.name }),
    },
    { requiredKeys: ['name', 'hdimage', 'partitions'] },
  );
  const configArb = fc.record({ images: fc.uniqueArray(imageArb, { maxLength: 3, selector: (i) => i.name }) });
  const strip = <T>(value: T): T => JSON.parse(JSON.stringify(value, (key, v) => (key === 'line' ? undefined : v)));

  it('records → text → records, and the text is stable', () => {
    fc.assert(
      fc.property(configArb, (config) => {
        const text = emitGenimage(config as GenimageConfig);
        const parsed = strip(parseGenimage(text));
        expect(parsed).toEqual(config);
        expect(emitGenimage(parsed)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostile inputs give only FormatError', () => {
  const tryParse = (input: string | Uint8Array) => {
    try {
      const config = parseGenimage(input, { environment: {} });
      placeGenimage(config);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
    }
  };

  it('random text from the grammar and random bytes', () => {
    const alphabet = fc.constantFrom(...'image hdimage partition size offset align {}()=+,;"\'\\#/*$ \n1Mx'.split(''));
    fc.assert(fc.property(fc.string({ unit: alphabet, maxLength: 300 }), tryParse), { numRuns: 500 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), tryParse), { numRuns: 200 });
  });

  it('every truncation of a valid configuration', () => {
    const text = emitGenimage({ images: [mbr] });
    for (let length = 0; length < text.length; length++) tryParse(text.slice(0, length));
  });

  it('deep nesting, a 10 MB token and 10,000 partitions', () => {
    expect(() => parseGenimage('a { '.repeat(100_000))).toThrow(/nested deeper than 16 levels/);
    const error = (() => {
      try {
        parseGenimage(`${'n'.repeat(10_000_000)} = 1`);
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(FormatError);
    expect(error!.message.length).toBeLessThan(200);
    expect(() => parseGenimage(`image x { hdimage {} partition a { size = ${'9'.repeat(10_000_000)} } }`)).toThrow(/is above 2\^53 - 1 bytes/);
    const partitions = Array.from({ length: 10_000 }, (_, i) => ({ name: `p${i}`, size: MiB }));
    const config = parseGenimage(emitGenimage({ images: [{ name: 'big.img', hdimage: { partitionTableType: 'mbr' }, partitions }] }));
    expect(config.images[0].partitions).toHaveLength(10_000);
    const [placement] = placeGenimage(config);
    expect(placement.partitions[9_999].number).toBe(4 + 9_997);
    expect(() => placeGenimage({ images: [{ name: 'big.img', hdimage: { partitionTableType: 'gpt' }, partitions }] })).toThrow(/10000 partitions do not fit the 128 entries of the GPT/);
  });
});

