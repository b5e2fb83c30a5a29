import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Update } from './crc32';

describe('crc32', () => {
  it('is zlib crc32, whole or in chunks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.nat(512), (bytes, cut) => {
        const split = Math.min(cut, bytes.length);
        const expected = zlibCrc32(bytes);
        expect(crc32(bytes)).toBe(expected);
        expect(crc32Update(crc32(bytes.subarray(0, split)), bytes, split)).toBe(expected);
      }),
    );
  });

  it('gives the check value of "123456789"', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
