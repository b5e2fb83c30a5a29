import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5, Md5, toHex } from './md5';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('md5', () => {
  // The test suite of RFC 1321, appendix A.5.
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
  ])('RFC 1321 vector %j', (text, digest) => {
    expect(toHex(md5(ascii(text)))).toBe(digest);
  });

  it('agrees with node:crypto on random data of every length around the block boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(toHex(md5(data))).toBe(createHash('md5').update(data).digest('hex'));
      }),
    );
  });

  it('digests incrementally, and digest() does not disturb the running state', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 6 }), (chunks) => {
        const running = new Md5();
        const seen: number[] = [];
        for (const chunk of chunks) {
          running.update(chunk);
          seen.push(...chunk);
          expect(toHex(running.digest())).toBe(createHash('md5').update(Uint8Array.from(seen)).digest('hex'));
        }
      }),
    );
  });
});
