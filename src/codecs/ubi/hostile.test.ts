/**
 * Bad UBI input: cut images, broken CRCs, headers that contradict the volume table, and images of
 * 10,000 PEBs built to make a reader do too much. Each gives a FormatError with the offset of the
 * bad bytes, never a crash, a hang or a huge allocation. Bad volumes are refused before a byte is written.
 */
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { emitUbi } from './emit';
import { ubiGeometry } from './geometry';
import { LAYOUT_VOLUME_PEBS, VOLUME_TYPE, VTBL_RECORD_SIZE, readVidHeader, writeEcHeader, writeVidHeader, writeVtblRecord } from './media';
import { parseUbi } from './parse';

const NAND = { pebBytes: 131072, minIoBytes: 2048, imageSeq: 99 };
const data = (length: number, value = 0x5a) => new Uint8Array(length).fill(value);
const sample = () => emitUbi(NAND, [
  { id: 0, name: 'rootfs', type: 'dynamic', size: 1_000_000, data: data(200_000) },
  { id: 1, name: 'kernel', type: 'static', size: 300_000, data: data(150_000, 0x33) },
]);

function parseError(image: Uint8Array, options = {}): FormatError {
  try {
    parseUbi(image, options);
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('parsed without an error');
}

describe('UBI parser on bad input', () => {
  it('reads the sample cleanly (the mutations below are what break it)', () => {
    expect(parseUbi(sample()).volumes.map((v) => v.name)).toEqual(['rootfs', 'kernel']);
  });

  it('a cut image: inside a PEB, or before the second EC header', () => {
    const image = sample();
    const inside = parseError(image.subarray(0, image.length - 1000));
    expect(inside.message).toMatch(/not a whole number of 131072-byte PEBs: it is cut in the PEB at 0x/);
    expect(inside.offset).toBe(image.length - 1000);
    expect(parseError(image.subarray(0, 100_000)).message).toMatch(/no second EC header/);
    expect(parseError(image.subarray(0, 10)).offset).toBe(10);
  });

  it('a bad EC header CRC, a bad VID header CRC, a bad volume table CRC, bad static data', () => {
    const ec = sample();
    ec[2 * 131072 + 8] ^= 1;
    expect(parseError(ec)).toMatchObject({ offset: 2 * 131072 + 60, message: expect.stringMatching(/EC header of the PEB at 0x40000 has a bad CRC/) });
    const vid = sample();
    vid[3 * 131072 + 2048 + 12] ^= 1;
    expect(parseError(vid)).toMatchObject({ offset: 3 * 131072 + 2048 + 60 });
    const table = sample();
    for (const copy of [0, 1]) table[copy * 131072 + 4096 + VTBL_RECORD_SIZE + 20] ^= 1;
    expect(parseError(table)).toMatchObject({ offset: 4096 + VTBL_RECORD_SIZE + 168, message: expect.stringMatching(/record 1 has a bad CRC/) });
    const copies = sample();
    copies[131072 + 4096 + 5] ^= 1;
    expect(parseError(copies).message).toMatch(/two copies of the volume table differ/);
    const kernelPeb = 2 + 2; // layout volume, then 2 LEBs of rootfs
    const staticData = sample();
    staticData[kernelPeb * 131072 + 4096 + 7] ^= 1;
    expect(parseError(staticData)).toMatchObject({ offset: kernelPeb * 131072 + 4096, message: expect.stringMatching(/LEB 0 of volume 1 .* does not match its CRC/) });
  });

  it('a PEB that is neither erased nor UBI, and a LEB of a volume the table does not list', () => {
    const junk = sample();
    junk.fill(0x00, 3 * 131072, 3 * 131072 + 64);
    expect(parseError(junk)).toMatchObject({ offset: 3 * 131072, message: expect.stringMatching(/neither erased nor starts with an EC header/) });
    const stray = sample();
    const at = 2 * 131072 + 2048;
    writeVidHeader(stray, at, { ...readVidHeader(stray, at), volumeId: 42 });
    expect(parseError(stray)).toMatchObject({ offset: at + 8, message: expect.stringMatching(/volume 42, which the volume table does not list/) });
  });

  it('10,000 PEBs all claiming LEB 0 of one volume: stops at the second, naming both', () => {
    const image = bogusPebs(10_000, (lnum) => ({ lnum: 0 * lnum }));
    expect(parseError(image).message).toMatch(/the PEBs at 0x800 and 0xC00 both hold LEB 0 of volume 0/);
  });

  it('10,000 PEBs with LEB numbers near 2^32 in a volume reserving 2^32 − 1: refused, not allocated', () => {
    const image = bogusPebs(10_000, (lnum) => ({ lnum: 0xffffffff - 10_000 + lnum }));
    expect(parseError(image).message).toMatch(/too large to read into memory/);
  });

  it('10,000 free PEBs (EC header only) parse as free PEBs', () => {
    const image = bogusPebs(10_000, () => undefined);
    expect(parseUbi(image)).toMatchObject({ pebs: 10_002, freePebs: 10_000 });
  });
});

/** A 1 KiB-PEB NOR image: the layout volume (volume 0 reserving 2^32 − 1 PEBs), then `count` PEBs whose VID header `vid` shapes. */
function bogusPebs(count: number, vid: (index: number) => { lnum: number } | undefined): Uint8Array {
  const flash = { pebBytes: 1024, minIoBytes: 1 };
  const geometry = ubiGeometry(flash);
  const head = emitUbi(flash, []);
  const image = new Uint8Array((LAYOUT_VOLUME_PEBS + count) * 1024).fill(0xff);
  image.set(head);
  for (const copy of [0, 1]) {
    writeVtblRecord(image, copy * 1024 + geometry.dataOffset, { reservedPebs: 0xffffffff, alignment: 1, dataPad: 0, volumeType: VOLUME_TYPE.dynamic, updateMarker: 0, name: new TextEncoder().encode('v'), flags: 0 });
  }
  for (let index = 0; index < count; index++) {
    const at = (LAYOUT_VOLUME_PEBS + index) * 1024;
    writeEcHeader(image, at, { version: 1, eraseCounter: 0n, vidHeaderOffset: geometry.vidHeaderOffset, dataOffset: geometry.dataOffset, imageSeq: 0 });
    const fields = vid(index);
    if (fields) writeVidHeader(image, at + geometry.vidHeaderOffset, { version: 1, volumeType: 1, copyFlag: 0, compat: 0, volumeId: 0, lnum: fields.lnum, dataSize: 0, usedEbs: 0, dataPad: 0, dataCrc: 0, sqnum: 0n });
  }
  return image;
}

describe('UBI emitter on bad volumes', () => {
  const emitError = (volumes: Parameters<typeof emitUbi>[1]) => {
    try {
      emitUbi(NAND, volumes);
    } catch (error) {
      if (error instanceof FormatError) return error.message;
      throw error;
    }
    throw new Error('emitted without an error');
  };

  it('a file larger than its volume is an error, never a truncation', () => {
    expect(emitError([{ id: 0, name: 'rootfs', type: 'dynamic', size: 100_000, data: data(100_001) }])).toMatch(/image of 100001 bytes is larger than the volume \(100000 bytes\): an image is never cut to fit/);
  });

  it('an alignment that makes the data need more LEBs than the size reserves (ubinize writes that broken image)', () => {
    expect(emitUbi({ pebBytes: 65536, minIoBytes: 512, subPageBytes: 256 }, [{ id: 0, name: 'v', type: 'dynamic', size: 63_490, alignment: 2048, data: data(63_488) }]).length).toBe(3 * 65536);
    expect(() => emitUbi({ pebBytes: 65536, minIoBytes: 512, subPageBytes: 256 }, [{ id: 0, name: 'v', type: 'dynamic', size: 63_490, alignment: 2048, data: data(63_489) }])).toThrow(/takes 2 LEBs of 63488 usable bytes, but its size of 63490 bytes reserves 1/);
  });

  it('duplicate ids and names, two autoresize volumes, a static volume without data, names and ids out of range', () => {
    const v = { type: 'dynamic' as const, size: 1000 };
    expect(emitError([{ ...v, id: 0, name: 'a' }, { ...v, id: 0, name: 'b' }])).toMatch(/volume id 0 is used twice/);
    expect(emitError([{ ...v, id: 0, name: 'a' }, { ...v, id: 1, name: 'a' }])).toMatch(/name "a" is used twice/);
    expect(emitError([{ ...v, id: 0, name: 'a', autoresize: true }, { ...v, id: 1, name: 'b', autoresize: true }])).toMatch(/only one volume may have the autoresize flag/);
    expect(emitError([{ id: 0, name: 'k', type: 'static', size: 1000 }])).toMatch(/a static volume needs an image/);
    expect(emitError([{ ...v, id: 128, name: 'a' }])).toMatch(/the id must be from 0 to 127/);
    expect(emitError([{ ...v, id: 0, name: 'x'.repeat(128) }])).toMatch(/a name is 1 to 127 bytes/);
    expect(emitError([{ ...v, id: 0, name: 'a', alignment: 100 }])).toMatch(/must be 1 or a multiple of the min. I\/O size 2048/);
  });

  it('geometries UBI cannot use', () => {
    expect(() => emitUbi({ pebBytes: 131072, minIoBytes: 3000 }, [])).toThrow(/min. I\/O size must be a power of 2/);
    expect(() => emitUbi({ pebBytes: 4096, minIoBytes: 2048 }, [])).toThrow(/leaves 0 bytes of LEB/);
    expect(() => emitUbi({ pebBytes: 131072, minIoBytes: 2048, subPageBytes: 4096 }, [])).toThrow(/sub-page size must be a power of 2 no larger than/);
    expect(() => emitUbi({ pebBytes: 131072, minIoBytes: 2048, imageSeq: 2 ** 32 }, [])).toThrow(/32-bit unsigned/);
  });
});
