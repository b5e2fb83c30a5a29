/**
 * Acceptance for block devices: the SD card preset on a 64 MiB card with files attached, written
 * as our sparse raw image, .bmap and Android sparse image; `bmaptool copy --bmap ours.bmap
 * ours.img out.raw` and `simg2img ours.simg out.raw` must both give the raw image back (cmp).
 */
import { closeSync, ftruncateSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPreset } from '../presets';
import { debianTool, runTool } from '../test-support/debian';
import { imageDirectory } from '../test-support/disk-images';
import { collect, MemoryBlobs, noise } from '../test-support/image-blobs';
import { imageFiles, type ImageFile } from './outputs';

let images: ReturnType<typeof imageDirectory>;
beforeAll(() => (images = imageDirectory('emmc-image')));
afterAll(() => images?.remove());

const MiB = 1024 * 1024;

/** Our raw image as the CLI writes it: data extents written, holes left sparse. */
async function writeSparse(path: string, file: ImageFile): Promise<void> {
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, file.sparse!.size);
    for (const extent of file.sparse!.extents) {
      let at = extent.offset;
      for await (const chunk of extent.data()) {
        writeSync(fd, chunk, 0, chunk.length, at);
        at += chunk.length;
      }
    }
  } finally {
    closeSync(fd);
  }
}

describe('eMMC/SD image', () => {
  it('bmaptool copy and simg2img give back the raw image', async () => {
    const bmaptool = debianTool('bmaptool', 'bmap-tools');
    const simg2img = debianTool('simg2img', 'android-sdk-libsparse-utils');
    const cmp = debianTool('cmp', 'diffutils');
    const blobs = new MemoryBlobs(65536);
    // The SD card preset shrunk to a 64 MiB card (the tools' outputs are compared whole).
    const sizes: Record<string, [number, number | 'rest']> = { boot: [2 * MiB, 8 * MiB], rootfs_a: [10 * MiB, 16 * MiB], rootfs_b: [26 * MiB, 16 * MiB], data: [42 * MiB, 'rest'] };
    const preset = findPreset('sd-allwinner')!.build();
    let document = {
      ...preset,
      device: { ...preset.device, size: 64 * MiB },
      partitions: preset.partitions.map((p) => (sizes[p.name] ? { ...p, offset: sizes[p.name][0], size: sizes[p.name][1] } : p)),
    };
    // A rootfs with a run of zero blocks and a run of 0xFF blocks inside: FILL chunks, unmapped-looking data.
    const rootfs = noise(3 * MiB + 123, 5);
    rootfs.fill(0, MiB, 2 * MiB);
    rootfs.fill(0xff, 2 * MiB, 2 * MiB + 40960);
    document = await blobs.attach(document, 'u-boot-spl', 'u-boot-sunxi-with-spl.bin', noise(500_001, 4));
    document = await blobs.attach(document, 'boot', 'boot.vfat', noise(2 * MiB, 6));
    document = await blobs.attach(document, 'rootfs_a', 'rootfs.ext4', rootfs);
    const { files } = imageFiles(document, blobs.source);
    const raw = files.find((f) => f.kind === 'raw')!;
    const ours = images.path('ours.img');
    await writeSparse(ours, raw);
    writeFileSync(images.path('ours.img.bmap'), await collect(files.find((f) => f.kind === 'bmap')!.stream()));
    writeFileSync(images.path('ours.simg'), await collect(files.find((f) => f.kind === 'sparse')!.stream()));
    // Only the tables and the files take disk space.
    expect(statSync(ours).blocks * 512).toBeLessThan(8 * MiB);

    runTool(bmaptool, ['copy', '--bmap', images.path('ours.img.bmap'), ours, images.path('bmap.raw')]);
    runTool(cmp, [ours, images.path('bmap.raw')]);
    runTool(simg2img, [images.path('ours.simg'), images.path('simg.raw')]);
    runTool(cmp, [ours, images.path('simg.raw')]);
    expect(statSync(images.path('simg.raw')).size).toBe(64 * MiB);

    // The raw stream (holes as zeros) is the same bytes as the sparse file: compare the data places.
    const bytes = await collect(files.find((f) => f.name === 'rootfs_a.part.bin')!.stream());
    expect(Buffer.compare(Buffer.from(bytes.subarray(0, rootfs.length)), Buffer.from(rootfs))).toBe(0);
    expect(bytes.subarray(rootfs.length).every((b) => b === 0)).toBe(true);
  });

  it('the eMMC preset: boot0 image, uuu script and bmaptool line', async () => {
    const blobs = new MemoryBlobs();
    const document = await blobs.attach(findPreset('emmc-boot')!.build(), 'firmware_a', 'u-boot.imx', noise(300_000, 9));
    const { files } = imageFiles(document, blobs.source);
    const boot0 = files.find((f) => f.kind === 'boot')!;
    expect(boot0.name).toBe('boot0.img');
    const bytes = await collect(boot0.stream());
    expect(bytes.length).toBe(4 * MiB);
    expect(Buffer.compare(Buffer.from(bytes.subarray(1024, 1024 + 300_000)), Buffer.from(noise(300_000, 9)))).toBe(0);
    const uuu = new TextDecoder().decode(await collect(files.find((f) => f.name === 'flash.uuu')!.stream()));
    expect(uuu.split('\n')).toEqual(
      expect.arrayContaining([
        'uuu_version 1.2.39',
        'SDPS: boot -f u-boot.imx',
        'FB: ucmd setenv emmc_dev 0',
        'FB: ucmd mmc dev ${emmc_dev}',
        `FB: flash -raw2sparse -bmap ${document.name.replace(/[^A-Za-z0-9._-]+/g, '-')}.img.bmap all ${document.name.replace(/[^A-Za-z0-9._-]+/g, '-')}.img`,
        'FB: ucmd mmc dev ${emmc_dev} 1',
        'FB: download -f boot0.img',
        'FB: ucmd mmc write ${fastboot_buffer} 0 0x2000',
        'FB: done',
      ]),
    );
    const line = new TextDecoder().decode(await collect(files.find((f) => f.name === 'bmaptool-copy.sh')!.stream()));
    expect(line).toMatch(/^bmaptool copy --bmap \S+\.img\.bmap \S+\.img "\$\{1:-\/dev\/sdX\}"$/m);
  });
});
