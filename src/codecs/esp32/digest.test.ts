import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5 } from './digest';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const ascii = (text: string) => new TextEncoder().encode(text);

describe('md5', () => {
  it('gives the test suite of RFC 1321 (appendix A.5)', () => {
    expect(hex(md5())).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex(md5(ascii('a')))).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(hex(md5(ascii('abc')))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex(md5(ascii('message digest')))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(hex(md5(ascii('abcdefghijklmnopqrstuvwxyz')))).toBe('c3fcd3d76192e4007dfb496cca67e13b');
    expect(hex(md5(ascii('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')))).toBe('d174ab98d277d9f5a5611c2c9f419d9f');
    expect(hex(md5(ascii('1234567890'.repeat(8))))).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  it('of parts equals node:crypto of their concatenation, across every padding boundary', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 5 }), (parts) => {
        const expected = parts.reduce((hash, part) => hash.update(part), createHash('md5')).digest('hex');
        expect(hex(md5(...parts))).toBe(expected);
      }),
      { numRuns: 500 },
    );
    for (let length = 0; length <= 130; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      expect(hex(md5(bytes)), `${length} bytes`).toBe(createHash('md5').update(bytes).digest('hex'));
    }
  });

  it('hashes a 3 KiB table (the largest an ESP32 flash holds) as node:crypto does', () => {
    const table = Uint8Array.from({ length: 0xc00 }, (_, i) => (i * 131) & 0xff);
    expect(hex(md5(table.subarray(0, 0xbe0)))).toBe(createHash('md5').update(table.subarray(0, 0xbe0)).digest('hex'));
  });
});
