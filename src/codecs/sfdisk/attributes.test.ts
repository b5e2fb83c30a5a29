import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { formatSfdiskAttributes, parseSfdiskAttributes, unwritableAttributeBits } from './attributes';

const bits = (...set: number[]) => set.reduce((value, bit) => value | (1n << BigInt(bit)), 0n);

describe('sfdisk attribute text', () => {
  it('reads the input form and writes the dump form (disk-formats.md §b, checked with sfdisk)', () => {
    const value = parseSfdiskAttributes('RequiredPartition,GUID:60,GUID:63');
    expect(value).toBe(bits(0, 60, 63));
    expect(formatSfdiskAttributes(value)).toBe('RequiredPartition GUID:60,63');
  });

  it('takes names, GUID:<bit>, bare bits in C notation and the misspelling sfdisk accepts', () => {
    expect(parseSfdiskAttributes('LegacyBIOSBootable')).toBe(bits(2));
    expect(parseSfdiskAttributes('NoBlockIOProtocol  RequiredPartiton')).toBe(bits(0, 1));
    expect(parseSfdiskAttributes('48, GUID:0x31,060')).toBe(bits(48, 49, 48));
    expect(parseSfdiskAttributes('')).toBe(0n);
  });

  it('writes every representable value so that it reads back', () => {
    const representable = fc.array(fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 48, max: 63 }))).map((set) => bits(...set));
    fc.assert(
      fc.property(representable, (value) => {
        const text = formatSfdiskAttributes(value);
        expect(parseSfdiskAttributes(text)).toBe(value);
        expect(formatSfdiskAttributes(parseSfdiskAttributes(text))).toBe(text);
      }),
    );
  });

  it('refuses bits sfdisk cannot name, and bad items at their column', () => {
    expect(() => formatSfdiskAttributes(bits(5))).toThrow(/bit 5/);
    expect(unwritableAttributeBits(bits(0, 5, 47, 48))).toEqual([5, 47]);
    const at = (text: string) => {
      try {
        parseSfdiskAttributes(text, { line: 4, column: 10 });
      } catch (e) {
        expect(e).toBeInstanceOf(FormatError);
        return [(e as FormatError).line, (e as FormatError).column];
      }
      return undefined;
    };
    expect(at('RequiredPartition,GUID:47')).toEqual([4, 28]);
    expect(at('Hidden')).toEqual([4, 10]);
    expect(at('RequiredPartitionX')).toEqual([4, 27]);
    expect(at('GUID:64')).toEqual([4, 10]);
  });

  it('never throws anything but FormatError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          parseSfdiskAttributes(text);
        } catch (e) {
          expect(e).toBeInstanceOf(FormatError);
        }
      }),
    );
  });
});

