/**
 * Every image make-sample-images.sh builds with Debian's tools, inspected: offsets and sizes are
 * the ones the script gives the tools (sfdisk sectors, mkfs sizes, placement offsets) or the
 * files' own lengths, never our own output.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesFile } from '../codecs/read-at';
import { checkInspection } from '../test-support/inspection';
import { makeSampleImages, type SampleImages } from '../test-support/sample-images';
import { inspectFile, type Region } from '.';
import { allRegions } from './region';

let samples: SampleImages;
beforeAll(() => {
  samples = makeSampleImages();
});
afterAll(() => samples?.remove());

const inspect = (name: string) => inspectFile(bytesFile(samples.read(name)));
const find = (regions: Region[], type: string, offset?: number) => [...allRegions(regions)].find((r) => r.type === type && (offset === undefined || r.offset === offset));
const brief = (r: Region | undefined) => r && { offset: r.offset, size: r.size, type: r.type, name: r.name };
const S = 512;

describe('disk images', () => {
  it('reads the MBR with its extended partition and logical partitions', async () => {
    const { regions } = await inspect('mbr-logical.img');
    const parts = [...allRegions(regions)].filter((r) => r.type === 'mbr-partition');
    expect(parts.map((p) => [p.details.number, p.offset / S, p.size / S, p.details.typeByte])).toEqual([
      [1, 2048, 8192, '0x83'],
      [2, 10240, 32768 - 10240, '0x05'],
      [5, 12288, 4096, '0x83'],
      [6, 18432, 4096, '0x82'],
    ]);
    expect(find(regions, 'mbr', 0)?.details.diskSignature).toBe('0xBADC0DE');
    const logical = find(regions, 'mbr-partition', 12288 * S)!;
    expect(brief(logical.children[0])).toMatchObject({ offset: 12288 * S, type: 'squashfs', size: expect.any(Number) });
    // The logical partition sits inside the extended one.
    expect(find(regions, 'mbr-partition', 10240 * S)!.children.some((c) => c === logical)).toBe(true);
  });

  it('reads the MBR disk with FAT16, ext4 and squashfs in its partitions', async () => {
    const { regions } = await inspect('mbr3.img');
    expect(brief(find(regions, 'vfat'))).toEqual({ offset: 2048 * S, size: 16384 * 1024, type: 'vfat', name: 'BOOT' });
    expect(brief(find(regions, 'ext4'))).toEqual({ offset: 34816 * S, size: 20 * 1024 * 1024, type: 'ext4', name: 'rootfs' });
    expect(find(regions, 'squashfs')!.offset).toBe(100352 * S);
    expect(find(regions, 'mbr-partition', 2048 * S)!.details).toMatchObject({ bootable: true, typeByte: '0x0e' });
  });

  it('reads the GPT: names, type GUIDs, content, both headers', async () => {
    const { regions } = await inspect('gpt4.img');
    const parts = regions.filter((r) => r.type === 'gpt-partition');
    expect(parts.map((p) => [p.name, p.offset / S, p.size / S, p.details.typeGuid])).toEqual([
      ['uboot-env', 2048, 2048, '3DE21764-95BD-54BD-A5C3-4ABE786F38A8'],
      ['esp', 4096, 73728, 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B'],
      ['rootfs', 77824, 40960, '0FC63DAF-8483-4772-8E79-3D69D8477DE4'],
      ['swap', 118784, 10240, '0657FD6D-A4AB-43C4-84E5-0933C84B4F4F'],
    ]);
    expect(parts[1].details.attributeNames).toEqual(['LegacyBIOSBootable']);
    expect(brief(parts[0].children[0])).toEqual({ offset: 2048 * S, size: 0x4000, type: 'uboot-env', name: null });
    expect(brief(parts[1].children[0])).toEqual({ offset: 4096 * S, size: 36864 * 1024, type: 'vfat', name: 'BOOT' });
    expect(brief(parts[2].children[0])).toEqual({ offset: 77824 * S, size: 20 * 1024 * 1024, type: 'ext4', name: 'rootfs' });
    const gpts = regions.filter((r) => r.type === 'gpt');
    expect(gpts.map((g) => [g.name, g.offset, g.details.diskGuid])).toEqual([
      ['primary', 0, '5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B'],
      ['backup', 64 * 1024 * 1024 - 33 * S, '5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B'],
    ]);
  });

  it('falls back to the backup GPT when the primary header is broken, and says so', async () => {
    const bytes = samples.read('gpt4.img').slice();
    bytes[S + 20] ^= 0xff; // inside the header CRC
    const { regions } = await inspectFile(bytesFile(bytes));
    const gpt = regions.find((r) => r.type === 'gpt')!;
    expect(gpt.details.source).toBe('backup');
    expect(gpt.warnings.length).toBeGreaterThan(0);
    expect(regions.filter((r) => r.type === 'gpt-partition').map((p) => p.name)).toEqual(['uboot-env', 'esp', 'rootfs', 'swap']);
  });
});

describe('filesystems and blobs', () => {
  it('sizes ext4, squashfs, JFFS2 and UBIFS from their headers', async () => {
    expect(brief((await inspect('rootfs.ext4')).regions[0])).toEqual({ offset: 0, size: samples.read('rootfs.ext4').length, type: 'ext4', name: 'rootfs' });
    const squash = (await inspect('rootfs.squashfs')).regions[0];
    expect(squash.type).toBe('squashfs');
    // mksquashfs pads the file to 4 KiB after bytes_used.
    expect(Math.ceil(squash.size / 4096) * 4096).toBe(samples.read('rootfs.squashfs').length);
    const jffs2 = (await inspect('rootfs.jffs2')).regions[0];
    expect(brief(jffs2)).toEqual({ offset: 0, size: samples.read('rootfs.jffs2').length, type: 'jffs2', name: null });
    const ubifs = (await inspect('rootfs.ubifs')).regions[0];
    expect(brief(ubifs)).toEqual({ offset: 0, size: samples.read('rootfs.ubifs').length, type: 'ubifs', name: null });
    expect(ubifs.details).toMatchObject({ minIoSize: 2048, lebSize: 126976 });
  });

  it('reads UBI volumes from the volume table', async () => {
    for (const [name, rootfsContent] of [['ubi.img', 'squashfs'], ['ubi-ubifs.img', 'ubifs']]) {
      const [ubi] = (await inspect(name)).regions;
      expect(brief(ubi)).toEqual({ offset: 0, size: samples.read(name).length, type: 'ubi', name: null });
      expect(ubi.details).toMatchObject({ pebSize: 128 * 1024, imageSequence: '0x12345678' });
      expect(ubi.children.map((v) => [v.type, v.name, v.details.volId, v.details.volType, v.details.content])).toEqual([
        ['ubi-volume', 'kernel', 0, 'static', 'fdt'],
        ['ubi-volume', 'rootfs', 1, 'dynamic', rootfsContent],
      ]);
    }
    const [ubi] = (await inspect('ubi.img')).regions;
    // vol_size=2MiB in LEBs of 128 KiB - 4 KiB: ubinize reserves ceil(2 MiB / 124 KiB) = 17.
    expect(ubi.children[1].details.reservedPebs).toBe(17);
  });

  it('reads FIT, device tree, uImage, environments and the Android sparse image', async () => {
    const fit = (await inspect('fit.itb')).regions[0];
    expect(brief(fit)).toEqual({ offset: 0, size: samples.read('fit.itb').length, type: 'fit', name: 'Demo FIT image' });
    expect((fit.details.images as Array<{ name: string }>).map((i) => i.name)).toEqual(['kernel-1', 'fdt-1']);
    expect(brief((await inspect('board.dtb')).regions[0])).toEqual({ offset: 0, size: samples.read('board.dtb').length, type: 'fdt', name: 'Demo Board' });
    expect(brief((await inspect('uImage')).regions[0])).toEqual({ offset: 0, size: samples.read('uImage').length, type: 'uimage', name: 'demo-kernel' });
    const env = (await inspect('uboot-env.bin')).regions[0];
    expect(brief(env)).toEqual({ offset: 0, size: 0x4000, type: 'uboot-env', name: null });
    expect(env.details).toMatchObject({ redundant: false, names: ['bootcmd', 'bootdelay', 'baudrate', 'bootargs'] });
    expect((await inspect('uboot-env-redund.bin')).regions[0].details).toMatchObject({ redundant: true, flag: 1 });
    const sparse = (await inspect('rootfs.simg')).regions[0];
    expect(brief(sparse)).toEqual({ offset: 0, size: samples.read('rootfs.simg').length, type: 'android-sparse', name: null });
    expect(sparse.details.expandedSize).toBe(samples.read('rootfs.ext4').length);
  });

  it('finds what the 16 MiB NOR image holds at the offsets the script put it, erased space between', async () => {
    const { regions } = await inspect('nor16.bin');
    expect(regions.filter((r) => r.type !== 'erased' && r.type !== 'zero').map(brief)).toEqual([
      { offset: 0, size: samples.read('fit.itb').length, type: 'fit', name: 'Demo FIT image' },
      { offset: 0xc0000, size: 0x10000, type: 'uboot-env', name: null },
      { offset: 0x100000, size: expect.any(Number), type: 'squashfs', name: null },
      { offset: 0xc00000, size: expect.any(Number), type: 'jffs2', name: null },
    ]);
    expect(regions.some((r) => r.type === 'erased' && r.offset <= 0x110000 && r.offset + r.size >= 0xc00000)).toBe(true);
    const end = regions[regions.length - 1];
    expect(end.offset + end.size).toBe(16 * 1024 * 1024);
  });
});

describe('damaged samples', () => {
  const SMALL = ['uboot-env.bin', 'uboot-env-redund.bin', 'fit.itb', 'uImage', 'board.dtb', 'rootfs.squashfs', 'rootfs.jffs2', 'ubi.img', 'rootfs.simg'];
  /** The first 2 MiB of the disks hold their tables and the start of their first partitions. */
  const head = (name: string) => samples.read(name).subarray(0, 2 * 1024 * 1024);
  const variants = () => [...SMALL.map((name) => samples.read(name)), head('gpt4.img'), head('mbr-logical.img'), head('nor16.bin')];

  it('truncated anywhere: a result, never a throw', async () => {
    const images = variants();
    // Any length, uniform over the image's bytes (a fraction drawn by fc.double clusters near 0).
    const imageAndLength = fc.nat(images.length - 1).chain((which) => fc.tuple(fc.constant(which), fc.nat(images[which].length)));
    await fc.assert(
      fc.asyncProperty(imageAndLength, async ([which, length]) => {
        const cut = images[which].subarray(0, length);
        checkInspection(await inspectFile(bytesFile(cut)), cut.length);
      }),
      { numRuns: 40 },
    );
  });

  it('with bytes flipped in their headers: a result, never a throw', async () => {
    const images = variants();
    await fc.assert(
      fc.asyncProperty(fc.nat(images.length - 1), fc.array(fc.tuple(fc.nat(0x11000), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }), async (which, flips) => {
        const image = images[which].slice();
        for (const [at, mask] of flips) if (at < image.length) image[at] ^= mask;
        checkInspection(await inspectFile(bytesFile(image)), image.length);
      }),
      { numRuns: 40 },
    );
  });
});
