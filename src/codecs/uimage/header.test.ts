/** The uImage header on its own: round trips, located errors, hostile bytes. */
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { checkUimageData, emitUimageHeader, parseUimageHeader, uimageData, type UimageFields } from './header';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const fields: fc.Arbitrary<UimageFields> = fc.record({
  time: u32,
  load: u32,
  ep: u32,
  os: fc.integer({ min: 0, max: 255 }),
  arch: fc.integer({ min: 0, max: 255 }),
  type: fc.integer({ min: 0, max: 255 }),
  comp: fc.integer({ min: 0, max: 255 }),
  name: fc.string({ maxLength: 32, unit: 'grapheme' }).filter((name) => !name.includes('\0') && Buffer.byteLength(name) <= 32),
});

function failure(run: () => unknown): FormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('uImage header', () => {
  it('round-trips: fields → header → fields, and re-emitting gives the same 64 bytes', () => {
    fc.assert(
      fc.property(fields, fc.uint8Array({ maxLength: 300 }), (input, data) => {
        const bytes = emitUimageHeader(input, data);
        const header = parseUimageHeader(bytes);
        expect(header).toEqual({ ...input, magic: 0x27051956, hcrc: header.hcrc, size: data.length, dcrc: crc32(data) });
        expect(emitUimageHeader(header, { size: header.size, dcrc: header.dcrc })).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('stores the CRC-32 (zlib) of the header with ih_hcrc zeroed, big-endian', () => {
    const bytes = emitUimageHeader({ time: 1700000000, load: 0x80008000, ep: 0x80008000, os: 'linux', arch: 'arm', type: 'kernel', comp: 'none', name: 'demo' }, new Uint8Array(10));
    const zeroed = Buffer.from(bytes);
    zeroed.fill(0, 4, 8);
    expect(Buffer.from(bytes).readUInt32BE(4)).toBe(crc32(zeroed));
    expect([...bytes.subarray(28, 32)]).toEqual([5, 2, 2, 0]);
  });

  it('checks the data by stream: size and CRC, reading no more than ih_size bytes', async () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => i % 7);
    const header = parseUimageHeader(emitUimageHeader({ time: 0, load: 0, ep: 0, os: 5, arch: 2, type: 2, comp: 0, name: '' }, data));
    expect(await uimageData([data.subarray(0, 10), data.subarray(10)])).toEqual({ size: 1000, dcrc: crc32(data) });
    await checkUimageData(header, [data.subarray(0, 333), data.subarray(333), new Uint8Array(50)]);
    let pulled = 0;
    await checkUimageData(header, (function* () {
      for (let at = 0; ; at += 100) {
        pulled++;
        yield at < 1000 ? data.subarray(at, at + 100) : new Uint8Array(100);
      }
    })());
    expect(pulled).toBe(10);
    const changed = data.slice();
    changed[500] ^= 1;
    await expect(checkUimageData(header, [changed])).rejects.toMatchObject({ offset: 24, message: expect.stringMatching(/^uImage data CRC is 0x[0-9A-F]+ in the header, but the data's CRC-32 is 0x/) });
    await expect(checkUimageData(header, [data.subarray(0, 900)])).rejects.toMatchObject({ offset: 964, message: 'uImage data ends after 900 of its 1000 bytes' });
  });

  it('refuses a bad magic, a bad header CRC, a short input and a name that is not UTF-8, at their offsets', () => {
    const bytes = emitUimageHeader({ time: 0, load: 0, ep: 0, os: 5, arch: 2, type: 2, comp: 0, name: 'x' }, new Uint8Array(0));
    const at = (change: (copy: Uint8Array) => void) => {
      const copy = bytes.slice();
      change(copy);
      return failure(() => parseUimageHeader(copy));
    };
    expect(at((c) => (c[0] = 0))).toMatchObject({ offset: 0, message: 'not a legacy uImage: magic should be 0x27051956, found 0x51956' });
    expect(at((c) => (c[40] ^= 1))).toMatchObject({ offset: 4, message: expect.stringMatching(/^uImage header CRC is 0x[0-9A-F]+, but the header's CRC-32 is 0x/) });
    expect(failure(() => parseUimageHeader(bytes.subarray(0, 63)))).toMatchObject({ offset: 0, message: 'a uImage header needs 64 bytes at 0x0, but the input has 63' });
    expect(failure(() => parseUimageHeader(bytes, 10))).toMatchObject({ offset: 10 });
    const badName = emitUimageHeader({ time: 0, load: 0, ep: 0, os: 5, arch: 2, type: 2, comp: 0, name: 'ab' }, new Uint8Array(0));
    badName[33] = 0xff;
    expect(failure(() => parseUimageHeader(resealed(badName)))).toMatchObject({ offset: 33, message: 'uImage name is not valid UTF-8 (byte 0xFF)' });
  });

  it('refuses fields the header cannot hold', () => {
    const base: UimageFields = { time: 0, load: 0, ep: 0, os: 'linux', arch: 'arm', type: 'kernel', comp: 'none', name: '' };
    expect(failure(() => emitUimageHeader({ ...base, name: 'x'.repeat(33) }, new Uint8Array(0))).message).toBe(`uImage name "${'x'.repeat(33)}" is 33 bytes of UTF-8, more than the 32 the header holds`);
    expect(failure(() => emitUimageHeader({ ...base, name: 'é'.repeat(17) }, new Uint8Array(0))).message).toMatch(/is 34 bytes of UTF-8/);
    expect(failure(() => emitUimageHeader({ ...base, load: 2 ** 32 }, new Uint8Array(0))).message).toBe('ih_load 4294967296 does not fit in 32 bits');
    expect(failure(() => emitUimageHeader({ ...base, arch: 'vax' }, new Uint8Array(0))).message).toMatch(/^unknown architecture "vax" \(known: invalid, alpha, arm/);
    expect(failure(() => emitUimageHeader({ ...base, os: 256 }, new Uint8Array(0))).message).toBe('operating system code 256 does not fit in one byte');
    expect(emitUimageHeader({ ...base, arch: 'PPC' }, new Uint8Array(0))[29]).toBe(7);
  });

  it('gives only FormatErrors for random bytes and flips of a header (1,000 cases)', () => {
    const bytes = emitUimageHeader({ time: 1, load: 2, ep: 3, os: 5, arch: 2, type: 2, comp: 0, name: 'kernel' }, new Uint8Array(5));
    const flipped = fc.tuple(fc.nat({ max: 63 }), fc.integer({ min: 1, max: 255 })).map(([at, mask]) => {
      const copy = bytes.slice();
      copy[at] ^= mask;
      return copy;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 100 }), flipped), (input) => {
        // Any single flipped byte breaks the magic or the header CRC.
        expect(failure(() => parseUimageHeader(input))).toBeInstanceOf(FormatError);
      }),
      { numRuns: 1000 },
    );
  });
});

/** The header with its CRC recomputed by zlib, so only the edited byte is wrong. */
function resealed(bytes: Uint8Array): Uint8Array {
  const copy = Buffer.from(bytes);
  copy.writeUInt32BE(0x27051956, 0);
  copy.fill(0, 4, 8);
  copy.writeUInt32BE(crc32(copy), 4);
  return new Uint8Array(copy);
}
