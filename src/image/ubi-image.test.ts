/**
 * UBI partitions built from their volumes' files: the SigmaStar SPI-NAND preset with a real
 * squashfs (mksquashfs) on rootfs and a file on customer gives an image whose UBI partition is
 * exactly ubinize's image of the same volumes (same sizes, ids in order, -p 128KiB -m 2048),
 * followed by erased 0xFF to the partition's end; the partition output is ubinize's image itself.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { place } from '../layout/place';
import { FAMILIES } from '../families';
import type { LayoutDocument } from '../model/document';
import { findPreset } from '../presets';
import { debianTool, runTool } from '../test-support/debian';
import { imageDirectory } from '../test-support/disk-images';
import { collect, MemoryBlobs, noise } from '../test-support/image-blobs';
import { ubinize } from '../test-support/ubinize';
import { imageFiles } from './outputs';
import { imagePlan } from './plan';

let images: ReturnType<typeof imageDirectory>;
beforeAll(() => (images = imageDirectory('ubi-image')));
afterAll(() => images?.remove());

function squashfs(): Uint8Array {
  const mksquashfs = debianTool('mksquashfs', 'squashfs-tools');
  const tree = images.path('rootfs');
  mkdirSync(`${tree}/etc`, { recursive: true });
  writeFileSync(`${tree}/etc/hostname`, 'camera\n');
  writeFileSync(`${tree}/etc/noise.bin`, noise(400_000, 11));
  runTool(mksquashfs, [tree, images.path('rootfs.sqfs'), '-noappend', '-all-root', '-quiet']);
  return new Uint8Array(readFileSync(images.path('rootfs.sqfs')));
}

const ubiPartition = (document: LayoutDocument) => place(document, FAMILIES['sstar-nand']).partitions.find((p) => p.partition.name === 'UBI')!;

describe('UBI partitions built from volume files', () => {
  it('the SigmaStar NAND image holds ubinize\'s image of its volumes at UBI, then 0xFF', async () => {
    const rootfs = squashfs();
    const customer = noise(300_001, 12);
    const blobs = new MemoryBlobs(5000);
    let document = findPreset('sstar-nand')!.build();
    document = await blobs.attach(document, 'UBI/rootfs', 'rootfs.sqfs', rootfs);
    document = await blobs.attach(document, 'customer', 'customer.bin', customer);

    const plan = imagePlan(document);
    expect(plan.warnings).toEqual([]);
    const piece = plan.pieces.find((p) => p.source.kind === 'ubi')!;
    const seq = piece.source.kind === 'ubi' ? piece.source.layout.geometry.imageSeq : -1;
    const volumes = document.partitions.find((p) => p.name === 'UBI')!.volumes!;
    const theirs = ubinize({ peb: 128 * 1024, minIo: 2048, imageSeq: seq }, volumes.map((v, id) => ({
      id, name: v.name, type: 'dynamic' as const, size: v.size as number, image: v.name === 'rootfs' ? rootfs : v.name === 'customer' ? customer : undefined,
    })));
    // Two PEBs of volume table, then one PEB per 126976-byte LEB of each file.
    expect(theirs.length).toBe((2 + Math.ceil(rootfs.length / 126_976) + Math.ceil(customer.length / 126_976)) * 128 * 1024);

    const { files } = imageFiles(document, blobs.source);
    const raw = await collect(files.find((f) => f.kind === 'raw')!.stream());
    const placed = ubiPartition(document);
    const slot = raw.subarray(placed.start, placed.end);
    expect(Buffer.compare(Buffer.from(slot.subarray(0, theirs.length)), Buffer.from(theirs))).toBe(0);
    expect(slot.subarray(theirs.length).every((b) => b === 0xff)).toBe(true);

    const output = files.find((f) => f.name === 'UBI.ubi')!;
    expect(output.size).toBe(theirs.length);
    expect(Buffer.compare(Buffer.from(await collect(output.stream())), Buffer.from(theirs))).toBe(0);
  });

  it('a "rest" volume is sized to what placement gives it and flagged autoresize, as ubinize writes it', async () => {
    const blobs = new MemoryBlobs();
    let document = findPreset('sstar-nand')!.build();
    const ubi = document.partitions.find((p) => p.name === 'UBI')!;
    ubi.volumes = ubi.volumes!.map((v) => (v.name === 'appconfigs' ? { ...v, size: 'rest' as const } : v));
    const data = noise(70_000, 13);
    document = await blobs.attach(document, 'UBI/appconfigs', 'appconfigs.bin', data);
    const plan = imagePlan(document);
    const piece = plan.pieces.find((p) => p.source.kind === 'ubi')!;
    if (piece.source.kind !== 'ubi') throw new Error('no UBI piece');
    const restSize = place(document, FAMILIES['sstar-nand']).volumes.find((v) => v.volume.name === 'appconfigs')!.size;
    const theirs = ubinize({ peb: 128 * 1024, minIo: 2048, imageSeq: piece.source.layout.geometry.imageSeq }, ubi.volumes!.map((v, id) => ({
      id, name: v.name, type: 'dynamic' as const, size: v.size === 'rest' ? restSize : v.size, autoresize: v.size === 'rest', image: v.name === 'appconfigs' ? data : undefined,
    })));
    const output = imageFiles(document, blobs.source).files.find((f) => f.name === 'UBI.ubi')!;
    expect(Buffer.compare(Buffer.from(await collect(output.stream())), Buffer.from(theirs))).toBe(0);
  });

  it('a volume file larger than its volume is an error naming both, never a truncation', async () => {
    const blobs = new MemoryBlobs();
    let document = findPreset('sstar-nand')!.build();
    document = await blobs.attach(document, 'UBI/appconfigs', 'big.bin', new Uint8Array(0x400001));
    expect(() => imagePlan(document)).toThrow('big.bin (4194305 bytes) is larger than volume "appconfigs" of "UBI" (4194304 bytes): a file is never cut to fit');
  });

  it('a partition with a file of its own keeps it; its volumes\' files are named as not placed', async () => {
    const blobs = new MemoryBlobs();
    let document = findPreset('sstar-nand')!.build();
    document = await blobs.attach(document, 'UBI/rootfs', 'rootfs.sqfs', noise(1000, 1));
    document = await blobs.attach(document, 'UBI', 'ubi.img', noise(2000, 2));
    const plan = imagePlan(document);
    expect(plan.pieces.some((p) => p.source.kind === 'ubi')).toBe(false);
    expect(plan.warnings).toEqual(['rootfs.sqfs of volume "rootfs" is not placed: "UBI" has a file of its own (ubi.img), which is placed instead']);
  });
});
