import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256';

describe('sha256Hex', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('agrees with Node’s OpenSSL on any bytes, across the block and padding edges', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => sha256Hex(bytes) === createHash('sha256').update(bytes).digest('hex')), { numRuns: 300 });
    for (const length of [55, 56, 63, 64, 65, 119, 120, 100_000]) {
      const bytes = new Uint8Array(length).map((_, i) => i * 7);
      expect(sha256Hex(bytes), String(length)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});
