import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiField, putAscii, putU16be, putU32be, putU32le, putU64le, u16be, u32be, u32le, u64le, u64leNumber } from './bytes';
import { FormatError } from './errors';

describe('bounds-checked integers', () => {
  it('round-trips 32 and 64-bit values in both byte orders', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (small, big) => {
        const bytes = new Uint8Array(16);
        putU32le(bytes, 0, small);
        putU32be(bytes, 4, small);
        putU64le(bytes, 8, big);
        expect(u32le(bytes, 0)).toBe(small);
        expect(u32be(bytes, 4)).toBe(small);
        expect(u64le(bytes, 8)).toBe(big);
      }),
    );
  });

  it('reads the byte order the formats store', () => {
    const bytes = Uint8Array.from([0x12, 0x34, 0x56, 0x78]);
    expect(u32le(bytes, 0)).toBe(0x78563412);
    expect(u32be(bytes, 0)).toBe(0x12345678);
    expect(u16be(bytes, 2)).toBe(0x5678);
  });

  it('refuses reads past the end with the offset', () => {
    const error = (() => {
      try {
        u32le(new Uint8Array(6), 4, 'entry size');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).message).toBe('entry size: needs 4 bytes at 0x4, but the input ends at 0x6');
    expect((error as FormatError).offset).toBe(4);
  });

  it('refuses a 64-bit number above 2^53 - 1 and values that do not fit their field', () => {
    const bytes = new Uint8Array(8).fill(0xff);
    expect(() => u64leNumber(bytes, 0, 'size')).toThrow('size at 0x0 is 0xffffffffffffffff, above 2^53 - 1');
    expect(() => putU16be(bytes, 0, 0x10000)).toThrow('does not fit in 16 bits');
    expect(() => putU32le(bytes, 0, -1)).toThrow('does not fit in 32 bits');
  });

  it('writes and reads NUL-padded ASCII fields', () => {
    const bytes = new Uint8Array(8).fill(0xff);
    putAscii(bytes, 0, 8, 'IPL');
    expect([...bytes]).toEqual([0x49, 0x50, 0x4c, 0, 0, 0, 0, 0]);
    expect(asciiField(bytes, 0, 8)).toBe('IPL');
    expect(() => putAscii(bytes, 0, 2, 'IPL')).toThrow('longer than 2 bytes');
  });
});
