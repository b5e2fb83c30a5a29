/**
 * `flashmap build` with files (the real command, through bin/flashmap.js): --blob into partitions
 * and fixed regions, the boot image, bmap, Android sparse image and manifest checked with
 * bmaptool, simg2img and sha256sum; tables read from an ESP32 CSV; refusals for a missing file,
 * a file too large and a name the layout does not have.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPreset } from '../../presets';
import { FAMILIES } from '../../families';
import { place } from '../../layout/place';
import { serializeDocument } from '../../model/document';
import { debianTool, runTool } from '../../test-support/debian';
import { imageDirectory, readRange } from '../../test-support/disk-images';
import { noise } from '../../test-support/image-blobs';
import { REPO_ROOT } from '../../test-support/shared';
import { ubinize } from '../../test-support/ubinize';
import { parseUbi } from '../../codecs/ubi';

let images: ReturnType<typeof imageDirectory>;
beforeAll(() => (images = imageDirectory('build-images')));
afterAll(() => images?.remove());

function flashmap(args: string[]) {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/flashmap.js'), ...args], { encoding: 'utf8', cwd: images.dir });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const file = (name: string, bytes: Uint8Array | string) => (writeFileSync(images.path(name), bytes), images.path(name));
const read = (name: string) => new Uint8Array(readFileSync(images.path(name)));

describe('flashmap build with files', () => {
  it('SigmaStar NOR: blobs in place, boot.bin, manifest that sha256sum -c accepts', () => {
    const layout = file('nor.flashmap.json', serializeDocument(findPreset('sstar-nor')!.build()));
    const ipl = noise(0x8000, 1);
    const kernel = noise(0x12345, 2);
    const result = flashmap(['build', layout, '-o', 'nor.img', '--blob', `IPL=${file('IPL.bin', ipl)}`, '--blob', `KERNEL=${file('uImage', kernel)}`, '--boot-image', 'boot.bin', '--manifest', 'SHA256SUMS']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // 0x8000 + 0x12345 bytes of files and MXP_SF.bin's 0x1000.
    expect(result.stdout).toBe('nor.img: 16 MiB (0x1000000 bytes), 2 attached file(s), 3 piece(s), 111429 bytes of data, the rest 0xFF\n');
    const image = read('nor.img');
    expect(image.length).toBe(16 * 1024 * 1024);
    expect(Buffer.compare(Buffer.from(image.subarray(0, ipl.length)), Buffer.from(ipl))).toBe(0);
    expect(Buffer.compare(Buffer.from(image.subarray(0x50000, 0x50000 + kernel.length)), Buffer.from(kernel))).toBe(0);
    expect(image.subarray(0x50000 + kernel.length, 0x250000).every((b) => b === 0xff)).toBe(true);
    expect(Buffer.compare(Buffer.from(read('boot.bin')), Buffer.from(image.subarray(0, 0x50000)))).toBe(0);
    const check = spawnSync(debianTool('sha256sum', 'coreutils'), ['-c', 'SHA256SUMS'], { cwd: images.dir, encoding: 'utf8' });
    expect(check.stdout).toBe('nor.img: OK\nboot.bin: OK\n');
  });

  it('an SD card from a layout: bmap and sparse image accepted by bmaptool and simg2img', () => {
    const bmaptool = debianTool('bmaptool', 'bmap-tools');
    const simg2img = debianTool('simg2img', 'android-sdk-libsparse-utils');
    const preset = findPreset('sd-allwinner')!.build();
    const small = { ...preset, device: { ...preset.device, size: 2 * 1024 * 1024 * 1024 } };
    const layout = file('sd.flashmap.json', serializeDocument(small));
    const spl = file('spl.bin', noise(40_000, 3));
    const boot = file('boot.vfat', noise(1_000_000, 4));
    const result = flashmap(['build', layout, '-o', 'sd.img', '--blob', `u-boot-spl=${spl}`, '--blob', `boot=${boot}`, '--bmap', 'sd.img.bmap', '--sparse', 'sd.simg']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    runTool(bmaptool, ['copy', '--bmap', images.path('sd.img.bmap'), images.path('sd.img'), images.path('bmap.raw')]);
    runTool(simg2img, [images.path('sd.simg'), images.path('simg.raw')]);
    const at = 4096 * 512;
    for (const name of ['sd.img', 'bmap.raw', 'simg.raw']) {
      expect(statSync(images.path(name)).size).toBe(2 * 1024 * 1024 * 1024);
      expect(Buffer.compare(readRange(images.path(name), 8192, 40_000), Buffer.from(noise(40_000, 3)))).toBe(0);
      expect(Buffer.compare(readRange(images.path(name), at, 1_000_000), Buffer.from(noise(1_000_000, 4)))).toBe(0);
    }
  });

  it('an ESP32 CSV with --flash-size: the merged image starts with the bootloader at 0x1000', () => {
    const csv = file('partitions.csv', 'nvs,data,nvs,0x9000,0x6000\nfactory,app,factory,0x10000,1M\n');
    const bootloader = noise(0x5000, 5);
    const result = flashmap(['build', csv, '--flash-size', '4MB', '-o', 'esp.img', '--blob', `bootloader=${file('bootloader.bin', bootloader)}`, '--boot-image', 'merged.bin']);
    expect(result.stderr).toBe('');
    const merged = read('merged.bin');
    expect(merged.length).toBe(0x8000 + 0xc00);
    expect(merged.subarray(0, 0x1000).every((b) => b === 0xff)).toBe(true);
    expect(Buffer.compare(Buffer.from(merged.subarray(0x1000, 0x6000)), Buffer.from(bootloader))).toBe(0);
    expect([merged[0x8000], merged[0x8001]]).toEqual([0xaa, 0x50]);
  });

  it('refuses a file too large, a layout whose files are missing, and an unknown name', () => {
    const layout = file('nor2.flashmap.json', serializeDocument(findPreset('sstar-nor')!.build()));
    const big = flashmap(['build', layout, '-o', 'x.img', '--blob', `IPL=${file('big.bin', noise(0x10001, 1))}`]);
    expect(big.status).toBe(1);
    expect(big.stderr).toMatch(/image-too-large: big\.bin for "IPL" is 64 KiB \+ 1 B|image-too-large: big\.bin for "IPL" is/);
    const document = findPreset('sstar-nor')!.build();
    const attached = { ...document, partitions: document.partitions.map((p) => (p.name === 'KERNEL' ? { ...p, attachment: { fileName: 'uImage.xz', size: 1000, sha256: 'ab'.repeat(32) } } : p)) };
    const missing = flashmap(['build', file('attached.flashmap.json', serializeDocument(attached)), '-o', 'y.img']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/the bytes of 1 attached file\(s\) are missing, so no image is built: uImage\.xz \(1000 bytes, sha256 abababababab…\); nothing was written/);
    const unknown = flashmap(['build', layout, '-o', 'z.img', '--blob', 'NOPE=x']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/the layout has no partition, volume or region named "NOPE"/);
  });
  it('SigmaStar NAND: --blob UBI/rootfs=FILE builds the UBI partition as ubinize does, the rest erased', () => {
    const document = findPreset('sstar-nand')!.build();
    const layout = file('nand.flashmap.json', serializeDocument(document));
    const rootfs = noise(400_000, 21);
    const result = flashmap(['build', layout, '-o', 'nand.img', '--blob', `UBI/rootfs=${file('rootfs.sqfs', rootfs)}`]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const image = read('nand.img');
    const ubiStart = place(document, FAMILIES['sstar-nand']).partitions.find((p) => p.partition.name === 'UBI')!.start;
    const parsed = parseUbi(image.subarray(ubiStart, ubiStart + 6 * 128 * 1024));
    const volumes = document.partitions.find((p) => p.name === 'UBI')!.volumes!;
    const theirs = ubinize({ peb: 128 * 1024, minIo: 2048, imageSeq: parsed.geometry.imageSeq }, volumes.map((v, id) => ({ id, name: v.name, type: 'dynamic' as const, size: v.size as number, image: v.name === 'rootfs' ? rootfs : undefined })));
    expect(theirs.length).toBe(6 * 128 * 1024);
    expect(Buffer.compare(Buffer.from(image.subarray(ubiStart, ubiStart + theirs.length)), Buffer.from(theirs))).toBe(0);
    expect(image.subarray(ubiStart + theirs.length).every((b) => b === 0xff)).toBe(true);
    expect(image.subarray(ubiStart - 128 * 1024, ubiStart).every((b) => b === 0xff)).toBe(true);
  });

  it('--blob PARTITION/VOLUME with a file larger than the volume: refused, nothing written', () => {
    const layout = file('nand2.flashmap.json', serializeDocument(findPreset('sstar-nand')!.build()));
    const result = flashmap(['build', layout, '-o', 'never.img', '--blob', `UBI/appconfigs=${file('big.bin', new Uint8Array(0x400001))}`]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('big.bin (4194305 bytes) is larger than volume "appconfigs" of "UBI" (4194304 bytes): a file is never cut to fit; nothing was written');
    expect(() => statSync(images.path('never.img'))).toThrow();
  });
});
