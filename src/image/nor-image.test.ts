/**
 * Acceptance: the SigmaStar SPI-NOR image of the preset with IPL, U-Boot, kernel and a real
 * squashfs (mksquashfs) attached equals the same files put into a 0xFF-filled 16 MiB file with
 * `dd conv=notrunc`, MXP_SF.bin (as `flashmap convert --to mxp` writes it) in MXPT. The one-bin
 * boot.bin is that file's first BOOT-area bytes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFile } from '../formats/files';
import { findPreset } from '../presets';
import { debianTool, runTool } from '../test-support/debian';
import { imageDirectory } from '../test-support/disk-images';
import { collect, MemoryBlobs, noise } from '../test-support/image-blobs';
import { imageFiles } from './outputs';
import { imagePlan } from './plan';

let images: ReturnType<typeof imageDirectory>;
beforeAll(() => (images = imageDirectory('nor-image')));
afterAll(() => images?.remove());

const MiB = 1024 * 1024;

describe('SigmaStar SPI-NOR image', () => {
  it('equals the blobs dd-ed into an erased 16 MiB file, with MXP_SF.bin in MXPT', async () => {
    const dd = debianTool('dd', 'coreutils');
    const mksquashfs = debianTool('mksquashfs', 'squashfs-tools');
    const tree = images.path('rootfs');
    mkdirSync(`${tree}/etc`, { recursive: true });
    writeFileSync(`${tree}/etc/hostname`, 'camera\n');
    writeFileSync(`${tree}/etc/noise.bin`, noise(300_000, 7));
    runTool(mksquashfs, [tree, images.path('rootfs.sqfs'), '-noappend', '-all-root', '-quiet']);
    const files = {
      IPL: noise(0x9000, 1),
      UBOOT: noise(0x1e345, 2),
      KERNEL: noise(1_800_001, 3),
      rootfs: new Uint8Array(readFileSync(images.path('rootfs.sqfs'))),
    };
    const blobs = new MemoryBlobs(1000);
    let document = findPreset('sstar-nor')!.build();
    for (const [name, bytes] of Object.entries(files)) document = await blobs.attach(document, name, `${name}.bin`, bytes);

    const { files: outputs } = imageFiles(document, blobs.source);
    const ours = await collect(outputs.find((f) => f.kind === 'raw')!.stream());

    const reference = images.path('reference.img');
    writeFileSync(reference, new Uint8Array(16 * MiB).fill(0xff));
    const mxp = exportFile(document, 'mxp');
    if (!mxp.ok) throw new Error(mxp.message);
    // The offsets of the SDK's partition.config for this layout (docs: sigmastar-alkaid.md).
    const mxpt = 0x20000;
    writeFileSync(images.path('MXP_SF.bin'), mxp.file.bytes);
    runTool(dd, [`if=${images.path('MXP_SF.bin')}`, `of=${reference}`, 'bs=4096', `seek=${mxpt / 4096}`, 'conv=notrunc', 'status=none']);
    const offsets: Record<string, number> = { IPL: 0, UBOOT: 0x30000, KERNEL: 0x50000, rootfs: 0x250000 };
    for (const [name, bytes] of Object.entries(files)) {
      const input = images.path(`${name}.in`);
      writeFileSync(input, bytes);
      runTool(dd, [`if=${input}`, `of=${reference}`, 'bs=4096', `seek=${offsets[name] / 4096}`, 'conv=notrunc', 'status=none']);
    }
    const expected = new Uint8Array(readFileSync(reference));
    expect(ours.length).toBe(expected.length);
    expect(Buffer.compare(Buffer.from(ours), Buffer.from(expected))).toBe(0);
    expect(new TextDecoder().decode(ours.subarray(mxpt, mxpt + 4))).toBe('MXPT');

    const boot = await collect(outputs.find((f) => f.kind === 'boot')!.stream());
    expect(boot.length).toBe(0x50000);
    expect(Buffer.compare(Buffer.from(boot), Buffer.from(expected.subarray(0, 0x50000)))).toBe(0);
    const kernel = await collect(outputs.find((f) => f.name === 'KERNEL.part.bin')!.stream());
    expect(Buffer.compare(Buffer.from(kernel), Buffer.from(expected.subarray(0x50000, 0x250000)))).toBe(0);
  });

  it('refuses a file larger than its partition, and names a missing one', async () => {
    const blobs = new MemoryBlobs();
    const document = await blobs.attach(findPreset('sstar-nor')!.build(), 'IPL', 'IPL.bin', noise(0x10001, 1));
    expect(() => imagePlan(document)).toThrow(/IPL\.bin \(65537 bytes\) is larger than "IPL" \(65536 bytes\): a file is never cut to fit/);
    const fits = await blobs.attach(findPreset('sstar-nor')!.build(), 'IPL', 'IPL.bin', noise(100, 1));
    expect(() => imageFiles(fits, () => undefined)).toThrow(/the bytes of IPL\.bin \(sha256 [0-9a-f]{64}\) are missing/);
  });
});
