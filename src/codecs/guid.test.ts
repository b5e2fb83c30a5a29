import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from './errors';
import { guidAt, guidToBytes, normalizeGuid, randomGuid } from './guid';

const hexBytes = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

describe('GUID byte order', () => {
  it('stores the first three groups little-endian (disk-formats.md §b, checked bytes)', () => {
    expect(hexBytes(guidToBytes('3DE21764-95BD-54BD-A5C3-4ABE786F38A8'))).toBe('64 17 e2 3d bd 95 bd 54 a5 c3 4a be 78 6f 38 a8');
  });

  it('reads back the text, in upper case, for any GUID', () => {
    const guid = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => guidAt(bytes, 0));
    fc.assert(
      fc.property(guid, fc.boolean(), (text, lower) => {
        const written = lower ? text.toLowerCase() : text;
        expect(guidAt(guidToBytes(written), 0)).toBe(text);
        expect(text).toBe(text.toUpperCase());
      }),
    );
  });

  it('refuses text that is not 8-4-4-4-12 hex, quoting at most 40 characters', () => {
    for (const text of ['', '3DE21764-95BD-54BD-A5C3-4ABE786F38A', '3DE2176495BD54BDA5C34ABE786F38A8', 'G' + '0'.repeat(7) + '-0000-0000-0000-000000000000']) {
      expect(() => normalizeGuid(text)).toThrow(FormatError);
    }
    const error = (() => {
      try {
        normalizeGuid('x'.repeat(1_000_000), { line: 3, column: 7 });
      } catch (e) {
        return e as FormatError;
      }
    })();
    expect(error?.line).toBe(3);
    expect(error?.column).toBe(7);
    expect(error!.message.length).toBeLessThan(200);
  });
});

describe('random GUIDs', () => {
  it('are version 4, RFC 4122 variant, and determined by the source', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const guid = randomGuid(() => bytes);
        expect(guid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
        expect(randomGuid(() => bytes)).toBe(guid);
      }),
    );
  });

  it('refuses a source that gives too few bytes', () => {
    expect(() => randomGuid(() => new Uint8Array(15))).toThrow(FormatError);
  });
});
