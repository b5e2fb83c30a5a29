import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { attributeBits, attributeNames, attributesFromNames, describeAttributes, formatAttributesHex, parseAttributesHex } from './attributes';

const bits = (...set: number[]) => set.reduce((value, bit) => value | (1n << BigInt(bit)), 0n);

describe('attribute text forms', () => {
  it('names every bit and reads the names back', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (value) => {
        expect(attributesFromNames(attributeNames(value))).toBe(value);
      }),
    );
    expect(attributeNames(bits(0, 2, 5, 60))).toEqual(['RequiredPartition', 'LegacyBIOSBootable', 'bit 5', 'GUID:60']);
    for (const name of ['GUID:47', 'bit 1', 'bit 48', 'Hidden', 'GUID:64']) expect(() => attributesFromNames([name])).toThrow(FormatError);
  });

  it('round-trips the 64-bit hex form', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (value) => {
      expect(parseAttributesHex(formatAttributesHex(value))).toBe(value);
    }));
    expect(formatAttributesHex(bits(0, 63))).toBe('0x8000000000000001');
    expect(() => parseAttributesHex('0x10000000000000000')).toThrow(FormatError);
  });

  it('lists set bits and names them, with type-specific meanings', () => {
    expect(attributeBits(bits(2, 48))).toEqual([2, 48]);
    expect(describeAttributes(bits(0, 7, 62), 'ebd0a0a2-b9e5-4433-87c0-68b6b72699c7')).toEqual(['RequiredPartition', 'bit 7', 'GUID:62 (hidden)']);
  });
});
