/**
 * FIT images made by mkimage -f (Debian u-boot-tools 2023.01) from an .its written here: with
 * embedded data, with -E (data after the tree), -E -p (data at fixed positions) and -E -B
 * (aligned). readFit must list what dumpimage -l prints, place each image's data where dumpimage
 * -p extracts it from, and the stored hashes must be those of that data.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { debianTool, runTool } from '../../test-support/debian';
import { FormatError } from '../errors';
import { fitExtent, fitSizeAt, readFit, type Fit } from './fit';
import type { ReadAt } from '../read-at';

const mkimage = debianTool('mkimage', 'u-boot-tools');
const dumpimage = debianTool('dumpimage', 'u-boot-tools');
const dtc = debianTool('dtc', 'device-tree-compiler');
const dir = mkdtempSync(join(tmpdir(), 'flashmap-fit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(join(dir, 'board.dts'), '/dts-v1/;\n/ { model = "Demo Board"; compatible = "demo,board"; #address-cells = <1>; #size-cells = <1>;\n  memory@80000000 { device_type = "memory"; reg = <0x80000000 0x10000000>; }; };\n');
runTool(dtc, ['-q', '-I', 'dts', '-O', 'dtb', '-o', join(dir, 'board.dtb'), join(dir, 'board.dts')]);
writeFileSync(join(dir, 'kernel.bin'), Array.from({ length: 40000 }, (_, i) => `${i + 1}\n`).join(''));
writeFileSync(join(dir, 'initrd.bin'), Buffer.alloc(5001, 0x5a));

const ITS = `/dts-v1/;
/ {
	description = "Demo FIT image";
	#address-cells = <1>;
	images {
		kernel-1 {
			description = "dummy kernel";
			data = /incbin/("kernel.bin");
			type = "kernel";
			arch = "arm";
			os = "linux";
			compression = "none";
			load = <0x80008000>;
			entry = <0x80008000>;
			hash-1 { algo = "sha256"; };
			hash-2 { algo = "crc32"; };
		};
		fdt-1 {
			description = "board dtb";
			data = /incbin/("board.dtb");
			type = "flat_dt";
			arch = "arm";
			compression = "none";
			hash-1 { algo = "crc32"; };
		};
		ramdisk-1 {
			description = "initrd";
			data = /incbin/("initrd.bin");
			type = "ramdisk";
			arch = "arm64";
			os = "linux";
			compression = "gzip";
			load = <0x0 0x88000000>;
			hash-1 { algo = "sha1"; };
		};
	};
	configurations {
		default = "conf-2";
		conf-1 { description = "kernel only"; kernel = "kernel-1"; };
		conf-2 { description = "with fdt"; kernel = "kernel-1"; fdt = "fdt-1"; ramdisk = "ramdisk-1"; };
	};
};
`;
writeFileSync(join(dir, 'fit.its'), ITS);

const variants: Array<[string, string[]]> = [
  ['embedded', []],
  ['external', ['-E']],
  ['position', ['-E', '-p', '0x1000']],
  ['aligned', ['-E', '-B', '0x1000']],
];

function build(name: string, options: string[]): Uint8Array {
  const out = join(dir, `${name}.itb`);
  const result = spawnSync(mkimage, [...options, '-f', 'fit.its', out], { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
  if (result.status !== 0) throw new Error(`mkimage ${options.join(' ')}: ${result.stderr}`);
  return new Uint8Array(readFileSync(out));
}

/** dumpimage -l, split into the FIT's lines and one block of lines per image and configuration. */
function listing(path: string): { top: Record<string, string>; images: Array<Record<string, string[]>>; configs: Array<Record<string, string[]>> } {
  const { stdout } = runTool(dumpimage, ['-l', path]);
  const top: Record<string, string> = {};
  const images: Array<Record<string, string[]>> = [];
  const configs: Array<Record<string, string[]>> = [];
  let current: Record<string, string[]> | undefined;
  for (const line of stdout.split('\n')) {
    const image = /^ Image \d+ \((.*)\)$/.exec(line);
    const config = /^ Configuration \d+ \((.*)\)$/.exec(line);
    const field = /^\s*([A-Za-z ]+?):\s+(.*)$/.exec(line);
    if (image) images.push((current = { name: [image[1]] }));
    else if (config) configs.push((current = { name: [config[1]] }));
    else if (field && /^ Default Configuration/.test(line)) top[field[1]] = field[2];
    else if (field && current) (current[field[1]] ??= []).push(field[2]);
    else if (field) top[field[1]] = field[2];
  }
  return { top, images, configs };
}

/** mkimage's own short → long names (-T/-A/-O/-C list), which dumpimage prints. */
function names(option: 'A' | 'O' | 'T' | 'C'): Map<string, string> {
  const { stderr } = spawnSync(mkimage, [`-${option}`, 'list'], { encoding: 'utf8' });
  return new Map(stderr.split('\n').map((line) => /^\t(\S+)\s+(.*)$/.exec(line)).filter((m) => m !== null).map((m) => [m[1], m[2]]));
}
const [typeNames, archNames, osNames, compNames] = (['T', 'A', 'O', 'C'] as const).map(names);

const digest = (algo: string, data: Uint8Array) => (algo === 'crc32' ? crc32(data).toString(16).padStart(8, '0') : createHash(algo).update(data).digest('hex'));

describe('FIT images made by mkimage', () => {
  for (const [name, options] of variants) {
    it(`${name}: readFit lists what dumpimage -l prints`, () => {
      const bytes = build(name, options);
      const fit = readFit(bytes) as Fit;
      const shown = listing(join(dir, `${name}.itb`));
      expect(fit.description).toBe(shown.top['FIT description']);
      expect(fit.timestamp).toBe(1700000000);
      expect(`'${fit.defaultConfiguration}'`).toBe(shown.top['Default Configuration']);
      expect(fit.images.map((image) => image.name)).toEqual(shown.images.map((image) => image.name[0]));
      fit.images.forEach((image, index) => {
        const lines = shown.images[index];
        expect(image.description).toBe(lines['Description'][0]);
        expect(typeNames.get(image.type ?? '')).toBe(lines['Type'][0]);
        expect(compNames.get(image.compression ?? '')).toBe(lines['Compression'][0]);
        expect(archNames.get(image.arch ?? '')).toBe(lines['Architecture'][0]);
        if (image.os !== undefined) expect(osNames.get(image.os)).toBe(lines['OS'][0]);
        expect(`${image.data.size} Bytes`).toBe(/^\d+ Bytes/.exec(lines['Data Size'][0])?.[0]);
        if (image.load !== undefined) expect(`0x${image.load.toString(16).padStart(8, '0')}`).toBe(lines['Load Address'][0]);
        if (image.entry !== undefined) expect(`0x${image.entry.toString(16).padStart(8, '0')}`).toBe(lines['Entry Point'][0]);
        expect(image.hashes.map((hash) => hash.algo)).toEqual(lines['Hash algo']);
        expect(image.hashes.map((hash) => hash.value)).toEqual(lines['Hash value']);
      });
      expect(fit.configurations.map((c) => [c.name, c.description, c.kernel, c.fdt, c.ramdisk])).toEqual(
        shown.configs.map((c) => [c.name[0], c['Description'][0], c['Kernel']?.[0], c['FDT'] ?? [], c['Init Ramdisk']?.[0]]),
      );
    });

    it(`${name}: each image's data is where dumpimage -p extracts it from, and its hashes match it`, () => {
      const bytes = build(name, options);
      const fit = readFit(bytes) as Fit;
      const placement = name === 'embedded' ? 'embedded' : name === 'position' ? 'position' : 'external';
      fit.images.forEach((image, index) => {
        expect(image.data.placement).toBe(placement);
        const out = join(dir, `${name}-${index}.bin`);
        runTool(dumpimage, ['-T', 'flat_dt', '-p', String(index), '-o', out, join(dir, `${name}.itb`)]);
        const data = bytes.subarray(image.data.offset, image.data.offset + image.data.size);
        expect(Buffer.from(data).equals(readFileSync(out))).toBe(true);
        for (const hash of image.hashes) expect(hash.value).toBe(digest(hash.algo ?? '', data));
      });
      const extent = fitExtent(fit.header, fit);
      const last = Math.max(...fit.images.map((image) => image.data.offset + image.data.size));
      expect(extent).toBe(Math.max(fit.header.totalsize, last));
      // mkimage pads the file after the last image (to 4 bytes, or to the -B alignment); only zeros may follow.
      expect(extent).toBeLessThanOrEqual(bytes.length);
      expect(bytes.subarray(extent).every((b) => b === 0)).toBe(true);
      expect(bytes.length - extent).toBeLessThan(name === 'aligned' ? 0x1000 : 4);
    });
  }

  it('fitSizeAt finds the size of a FIT inside a larger image, reading only its header and tree', async () => {
    for (const [name, options] of variants) {
      const fitBytes = build(name, options);
      const image = new Uint8Array(0x100000 + fitBytes.length + 5000).fill(0xff);
      image.set(fitBytes, 0x100000);
      let read = 0;
      const readAt: ReadAt = (offset, length) => ((read += length), image.subarray(offset, offset + length));
      const fit = readFit(fitBytes) as Fit;
      expect(await fitSizeAt(readAt, 0x100000)).toBe(fitExtent(fit.header, fit));
      expect(read).toBe(40 + fit.header.totalsize);
    }
    const dtb = new Uint8Array(readFileSync(join(dir, 'board.dtb')));
    expect(await fitSizeAt((o, l) => dtb.subarray(o, o + l))).toBe(dtb.length);
    expect(readFit(dtb)).toBeNull();
  });

  it('locates errors of a FIT inside a larger image in that image', async () => {
    const fitBytes = build('external', ['-E']);
    const image = new Uint8Array(0x2000 + fitBytes.length);
    image.set(fitBytes, 0x2000);
    await expect(fitSizeAt((o, l) => image.subarray(o, o + l), 0x2000, { maxFdtSize: 100 })).rejects.toMatchObject({ offset: 0x2004, message: expect.stringMatching(/above the 100 bytes this reader loads/) });
    image[0x2000 + 8] = 0xff; // off_dt_struct far outside the blob
    await expect(fitSizeAt((o, l) => image.subarray(o, o + l), 0x2000)).rejects.toMatchObject({ offset: 0x2008 });
  });

  it('refuses images without data, external data without a size, and properties of the wrong shape', () => {
    const tree = (image: string) => {
      writeFileSync(join(dir, 'bad.dts'), `/dts-v1/;\n/ { images { bad-1 { ${image} }; }; };\n`);
      runTool(dtc, ['-q', '-I', 'dts', '-O', 'dtb', '-o', join(dir, 'bad.dtb'), join(dir, 'bad.dts')]);
      return new Uint8Array(readFileSync(join(dir, 'bad.dtb')));
    };
    const failure = (bytes: Uint8Array) => {
      try {
        readFit(bytes);
      } catch (error) {
        if (error instanceof FormatError) return error;
        throw error;
      }
      throw new Error('expected a FormatError');
    };
    expect(failure(tree('type = "kernel";')).message).toMatch(/^image bad-1 has no data, data-offset or data-position property \(offset 0x[0-9A-F]+\)/);
    expect(failure(tree('data-offset = <0>;')).message).toMatch(/^image bad-1 has data-offset but no data-size/);
    expect(failure(tree('data = [00]; load = [01 02 03];')).message).toMatch(/^property load should be one or two 32-bit cells \(4 or 8 bytes\), found 3 bytes/);
    expect(failure(tree('data-position = <0 0>; data-size = <4>;')).message).toMatch(/^property data-position should be one 32-bit cell \(4 bytes\), found 8 bytes/);
    expect(failure(tree('data = [00]; type = <1>;')).message).toMatch(/^property type should hold NUL-terminated strings/);
    expect(failure(tree('data = [00]; description = "a", "b";')).message).toMatch(/^property description should hold one string, found 2/);
    expect(readFit(tree('data = [00 01]; load = <0x1 0x80000000>;'))?.images[0]).toMatchObject({ load: 0x180000000n, data: { placement: 'embedded', size: 2 }, hashes: [] });
  });

  it('gives only FormatErrors (or a FIT) for flips and truncations of a real FIT tree (1,000 cases)', () => {
    const bytes = build('external', ['-E']);
    const tree = bytes.subarray(0, (readFit(bytes) as Fit).header.totalsize);
    const flipped = fc.array(fc.tuple(fc.nat({ max: tree.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }).map((flips) => {
      const copy = tree.slice();
      for (const [at, mask] of flips) copy[at] ^= mask;
      return copy;
    });
    fc.assert(
      fc.property(fc.oneof(flipped, fc.nat({ max: tree.length }).map((n) => tree.slice(0, n))), (input) => {
        try {
          const fit = readFit(input);
          if (fit) expect(fitExtent(fit.header, fit)).toBeGreaterThanOrEqual(fit.header.totalsize);
        } catch (error) {
          if (!(error instanceof FormatError)) throw error;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
