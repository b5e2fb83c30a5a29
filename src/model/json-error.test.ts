import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsonError } from './json-error';
import { parseDocumentText } from './document';

describe('locateJsonError', () => {
  it('finds nothing wrong in valid JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => locateJsonError(JSON.stringify(value, null, 2)) === undefined));
  });

  it('agrees with JSON.parse on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '1', '-', 'e', 'n', 'u', 'l', ' ', '\\', 'a') }), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(locateJsonError(text) === undefined).toBe(valid);
      }),
      { numRuns: 3000 },
    );
  });

  it('reports line and column of the first error', () => {
    expect(locateJsonError('{\n  "a": 1,\n  "b": }')).toMatchObject({ line: 3, column: 8, message: 'expected a value, found "}"' });
    expect(locateJsonError('{"a": 1')).toMatchObject({ line: 1, column: 8, message: 'expected "," or "}", found the end of the text' });
    expect(locateJsonError('{"a" 1}')).toMatchObject({ line: 1, column: 6, message: 'expected ":", found "1"' });
    expect(locateJsonError('[1, 2] x')).toMatchObject({ line: 1, column: 8 });
    expect(locateJsonError('{"a": "line\nbreak"}')).toMatchObject({ line: 1, column: 12 });
    expect(locateJsonError('{"a": 01}')).toMatchObject({ column: 8 });
  });

  it('survives deep nesting without recursion', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(199_999);
    expect(locateJsonError(deep)).toMatchObject({ line: 1, column: 400_000 });
  });

  it('gives layout documents a position in the message', () => {
    const result = parseDocumentText('{\n  "format": "flashmap",\n  "version": 1,\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toBe('not valid JSON at line 4, column 1: expected a property name in double quotes, found "}"');
  });
});
