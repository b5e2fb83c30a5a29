/**
 * Conformance with ubinize 2.1.5 (Debian's mtd-utils): for NAND and NOR geometries, dynamic and
 * static volumes, autoresize, alignment, volumes with and without an image, our image equals
 * ubinize's byte for byte, and our parser reads ubinize's image back to the volumes and files.
 */
import { describe, expect, it } from 'vitest';
import { noise as noiseBytes } from '../../test-support/image-blobs';
import { ubinize, type UbinizeOptions, type UbinizeVolume } from '../../test-support/ubinize';
import { emitUbi } from './emit';
import { parseUbi } from './parse';

const KiB = 1024;

interface Case {
  name: string;
  options: UbinizeOptions;
  volumes: UbinizeVolume[];
}

const CASES: Case[] = [
  {
    name: 'NAND 128 KiB PEB, 2 KiB page: a dynamic rootfs with an image, an empty autoresize volume',
    options: { peb: 128 * KiB, minIo: 2 * KiB, imageSeq: 0x12345678 },
    volumes: [
      { id: 0, name: 'rootfs', type: 'dynamic', size: 4 * 1024 * KiB, image: noiseBytes(300_000, 1) },
      { id: 1, name: 'data', type: 'dynamic', size: 500_000, autoresize: true },
    ],
  },
  {
    name: 'NAND with 512-byte sub-pages: the VID header shares the first page',
    options: { peb: 128 * KiB, minIo: 2 * KiB, subPage: 512, imageSeq: 1 },
    volumes: [{ id: 0, name: 'rootfs', type: 'dynamic', size: 1024 * KiB, image: noiseBytes(126_976, 2) }],
  },
  {
    name: 'NAND with the VID header moved by -O',
    options: { peb: 128 * KiB, minIo: 2 * KiB, vidHeaderOffset: 2048 + 512, imageSeq: 7 },
    volumes: [{ id: 2, name: 'kernel', type: 'static', image: noiseBytes(200_000, 3) }],
  },
  {
    name: 'NOR 64 KiB PEB, min I/O 1: static and dynamic volumes, an odd alignment, ids with gaps',
    options: { peb: 64 * KiB, minIo: 1, imageSeq: 0xfffffffe },
    volumes: [
      { id: 0, name: 'u-boot', type: 'static', size: 65_407, alignment: 3, image: noiseBytes(65_000, 4) },
      { id: 3, name: 'rootfs', type: 'dynamic', size: 512 * KiB, image: noiseBytes(3 * 65_408, 5) },
      { id: 9, name: 'small-static', type: 'static', size: 100_000, image: noiseBytes(10, 8) },
      { id: 10, name: 'empty', type: 'dynamic', size: 100_000 },
      { id: 127, name: 'last', type: 'dynamic', size: 1, autoresize: true },
    ],
  },
  {
    name: 'SigmaStar SPI-NAND volumes (rootfs, miservice, customer, appconfigs), two with files',
    options: { peb: 128 * KiB, minIo: 2 * KiB, imageSeq: 0 },
    volumes: [
      { id: 0, name: 'rootfs', type: 'dynamic', size: 0x5200000, image: noiseBytes(1_000_000, 6) },
      { id: 1, name: 'miservice', type: 'dynamic', size: 0xa00000 },
      { id: 2, name: 'customer', type: 'dynamic', size: 0x500000, image: noiseBytes(5000, 7) },
      { id: 3, name: 'appconfigs', type: 'dynamic', size: 0x400000 },
    ],
  },
];

const flashOf = (options: UbinizeOptions) => ({ pebBytes: options.peb, minIoBytes: options.minIo, subPageBytes: options.subPage, vidHeaderOffset: options.vidHeaderOffset, imageSeq: options.imageSeq });
const specOf = (volume: UbinizeVolume) => ({ ...volume, size: volume.size ?? volume.image!.length, data: volume.image });

describe('UBI images against ubinize', () => {
  for (const sample of CASES) {
    it(`${sample.name}: equal byte for byte`, () => {
      const theirs = ubinize(sample.options, sample.volumes);
      const ours = emitUbi(flashOf(sample.options), sample.volumes.map(specOf));
      expect(ours.length).toBe(theirs.length);
      // Compare by PEB first, so a failure names the PEB instead of dumping megabytes.
      const peb = sample.options.peb;
      for (let at = 0; at < theirs.length; at += peb) expect({ at, bytes: Buffer.from(ours.subarray(at, at + peb)).toString('hex') }).toEqual({ at, bytes: Buffer.from(theirs.subarray(at, at + peb)).toString('hex') });
    });

    it(`${sample.name}: ubinize's image parses back to its volumes and files`, () => {
      const theirs = ubinize(sample.options, sample.volumes);
      const parsed = parseUbi(theirs);
      expect(parsed.geometry.pebBytes).toBe(sample.options.peb);
      expect(parsed.geometry.imageSeq).toBe(sample.options.imageSeq);
      expect(parsed.volumes.map((v) => [v.id, v.name, v.type, v.autoresize, v.alignment])).toEqual(
        [...sample.volumes].sort((a, b) => a.id - b.id).map((v) => [v.id, v.name, v.type, v.autoresize ?? false, v.alignment ?? 1]),
      );
      for (const volume of sample.volumes) {
        const read = parsed.volumes.find((v) => v.id === volume.id)!;
        const image = volume.image ?? new Uint8Array(0);
        // Dynamic volumes read as whole LEBs: the file, then the 0xFF ubinize padded the last LEB with.
        expect(Buffer.from(read.data.subarray(0, image.length)).equals(Buffer.from(image))).toBe(true);
        expect(read.data.subarray(image.length).every((b) => b === 0xff)).toBe(true);
        if (volume.type === 'static') expect(read.data.length).toBe(image.length);
      }
    });
  }

  it('writes only the PEBs the data needs: 2 for the volume table, then one per LEB of each file', () => {
    const sample = CASES[4];
    const theirs = ubinize(sample.options, sample.volumes);
    // 1,000,000 bytes in 126,976-byte LEBs is 8 PEBs, 5000 bytes is 1.
    expect(theirs.length).toBe((2 + 8 + 1) * 128 * KiB);
  });
});
