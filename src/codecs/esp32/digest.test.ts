import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5 } from './digest';

describe('md5 (hash-wasm, loaded by the test setup)', () => {
  it('of parts equals node:crypto of their concatenation, call after call on the one hasher', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 150 }), { maxLength: 5 }), (parts) => {
        const expected = parts.reduce((hash, part) => hash.update(part), createHash('md5')).digest();
        expect(Buffer.from(md5(...parts)).equals(expected)).toBe(true);
      }),
    );
  });
});
