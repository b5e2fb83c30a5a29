/** Hostile device tree blobs, built here token by token from the devicetree specification. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { parseFdtHeader } from './header';
import { readFdt } from './tree';
import { walkFdt } from './walk';

const be32 = (value: number) => [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
const pad4 = (bytes: number[]) => [...bytes, ...new Array((4 - (bytes.length % 4)) % 4).fill(0)];
const ascii = (text: string) => [...Buffer.from(text, 'utf8')];

const begin = (name: string) => [...be32(1), ...pad4([...ascii(name), 0])];
const end = () => be32(2);
const prop = (nameOffset: number, value: number[]) => [...be32(3), ...be32(value.length), ...be32(nameOffset), ...pad4(value)];
const nop = () => be32(4);
const fdtEnd = () => be32(9);

interface BlobSpec {
  struct: number[] | Uint8Array;
  strings?: number[];
  header?: Partial<Record<'totalsize' | 'offDtStruct' | 'offDtStrings' | 'offMemRsvmap' | 'version' | 'lastCompVersion' | 'sizeDtStrings' | 'sizeDtStruct', number>>;
}

/** Header, empty reservation map, structure block, strings block, in dtc's order. */
function blob({ struct, strings = ascii('model\0compatible\0'), header = {} }: BlobSpec): Uint8Array {
  const offDtStruct = 40 + 16;
  const offDtStrings = offDtStruct + struct.length;
  const totalsize = offDtStrings + strings.length;
  const fields = { totalsize, offDtStruct, offDtStrings, offMemRsvmap: 40, version: 17, lastCompVersion: 16, sizeDtStrings: strings.length, sizeDtStruct: struct.length, ...header };
  const head = [
    ...be32(0xd00dfeed),
    ...be32(fields.totalsize),
    ...be32(fields.offDtStruct),
    ...be32(fields.offDtStrings),
    ...be32(fields.offMemRsvmap),
    ...be32(fields.version),
    ...be32(fields.lastCompVersion),
    ...be32(0),
    ...be32(fields.sizeDtStrings),
    ...be32(fields.sizeDtStruct),
  ];
  const out = new Uint8Array(56 + struct.length + strings.length);
  out.set(head, 0);
  out.set(struct, 56);
  out.set(strings, 56 + struct.length);
  return out;
}

function failure(bytes: Uint8Array, limits = {}): FormatError {
  try {
    readFdt(bytes, limits);
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

const minimal = [...begin(''), ...prop(0, ascii('x\0')), ...begin('child@1'), ...end(), ...end(), ...fdtEnd()];

describe('walkFdt and readFdt on hostile blobs', () => {
  it('reads a minimal tree built by hand', () => {
    const { root } = readFdt(blob({ struct: minimal }));
    expect(root.properties.map((p) => [p.name, [...p.value]])).toEqual([['model', [0x78, 0]]]);
    expect(root.children.map((c) => c.name)).toEqual(['child@1']);
  });

  it('stops nesting 10,000 deep at 64 levels (or the limit given), at the offending node', () => {
    const deep = blob({ struct: [...Array.from({ length: 10_000 }, () => begin('n')).flat(), ...fdtEnd()] });
    expect(failure(deep)).toMatchObject({ offset: 56 + 64 * 8, message: `nodes are nested more than 64 deep (offset 0x${(56 + 64 * 8).toString(16).toUpperCase()})` });
    expect(failure(deep, { maxDepth: 3 }).message).toMatch(/^nodes are nested more than 3 deep/);
  });

  it('stops after the token limit: 1,000,001 FDT_NOP tokens (4 MB) by default, or fewer when asked', () => {
    const nops = (count: number) => {
      const struct = new Uint8Array(8 + count * 4 + 8);
      struct.set(begin(''), 0);
      for (let i = 0; i < count; i++) struct.set(nop(), 8 + i * 4);
      struct.set([...end(), ...fdtEnd()], 8 + count * 4);
      return blob({ struct });
    };
    expect(failure(nops(1_000_001)).message).toMatch(/^the structure block holds more than 1000000 tokens/);
    expect(failure(nops(2_000), { maxTokens: 1_000 }).message).toMatch(/^the structure block holds more than 1000 tokens/);
    expect(readFdt(nops(2_000)).root.name).toBe('');
  });

  it('refuses lengths and offsets that point outside their blocks', () => {
    expect(failure(blob({ struct: [...begin(''), ...be32(3), ...be32(0xfffffffc), ...be32(0), ...end(), ...fdtEnd()] }))).toMatchObject({
      offset: 56 + 8 + 4,
      message: expect.stringMatching(/^property value of 4294967292 bytes runs past the end of the structure block/),
    });
    expect(failure(blob({ struct: [...begin(''), ...prop(500, []), ...end(), ...fdtEnd()] })).message).toMatch(/^property name offset 0x1F4 is outside the 17-byte strings block/);
    // The strings block cut in the middle of "compatible": that name has no NUL inside the block.
    expect(failure(blob({ struct: [...begin(''), ...prop(6, []), ...end(), ...fdtEnd()], header: { sizeDtStrings: 10 } })).message).toMatch(/^property name at 0x[0-9A-F]+ has no terminating NUL before/);
    expect(failure(blob({ struct: [...be32(1), ...ascii('abcd'), ...end(), ...fdtEnd()] }).subarray(0, 68)).message).toMatch(/^the device tree is cut short: totalsize is \d+ bytes, the input has 68/);
  });

  it('checks the header fields: every block inside totalsize, the versions, the magic', () => {
    const good = blob({ struct: minimal });
    expect(failure(blob({ struct: minimal, header: { offDtStruct: 10_000 } }))).toMatchObject({ offset: 8, message: expect.stringMatching(/^device tree structure block \(0x2710, \d+ bytes\) is not inside the blob/) });
    expect(failure(blob({ struct: minimal, header: { sizeDtStrings: 0xffffffff } }))).toMatchObject({ offset: 12, message: expect.stringMatching(/^device tree strings block/) });
    expect(failure(blob({ struct: minimal, header: { offMemRsvmap: 8 } }))).toMatchObject({ offset: 16 });
    expect(failure(blob({ struct: minimal, header: { totalsize: 20 } }))).toMatchObject({ offset: 4, message: expect.stringMatching(/^device tree totalsize 20 is smaller than its 40-byte header/) });
    expect(failure(blob({ struct: minimal, header: { version: 3, lastCompVersion: 2 } }))).toMatchObject({ offset: 20, message: expect.stringMatching(/^device tree version 3 is older than 16/) });
    expect(failure(blob({ struct: minimal, header: { lastCompVersion: 18, version: 18 } }))).toMatchObject({ offset: 24 });
    expect(failure(blob({ struct: minimal, header: { offDtStruct: 58 } })).message).toMatch(/^device tree structure block offset 0x3A is not a multiple of 4/);
    const badMagic = good.slice();
    badMagic[0] = 0;
    expect(failure(badMagic)).toMatchObject({ offset: 0, message: 'not a device tree: magic should be 0xD00DFEED, found 0xDFEED (offset 0x0)' });
    expect(() => parseFdtHeader(good.subarray(0, 39))).toThrow(/^a device tree header needs 40 bytes/);
  });

  it('refuses tokens out of place', () => {
    expect(failure(blob({ struct: [...begin(''), ...fdtEnd()] })).message).toMatch(/^FDT_END while 1 node is still open/);
    expect(failure(blob({ struct: [...end(), ...fdtEnd()] })).message).toMatch(/^FDT_END_NODE closes no open node/);
    expect(failure(blob({ struct: [...prop(0, []), ...fdtEnd()] })).message).toMatch(/^a property outside any node/);
    expect(failure(blob({ struct: [...begin(''), ...end(), ...begin(''), ...end(), ...fdtEnd()] })).message).toMatch(/^a second root node follows the first/);
    expect(failure(blob({ struct: [...fdtEnd()] })).message).toMatch(/^the structure block holds no root node/);
    expect(failure(blob({ struct: [...begin(''), ...end()] })).message).toMatch(/^the structure block ends at 0x[0-9A-F]+ without FDT_END/);
    expect(failure(blob({ struct: [...begin(''), ...be32(7), ...end(), ...fdtEnd()] })).message).toMatch(/^unknown structure token 0x7/);
    expect(failure(blob({ struct: [...be32(1), ...ascii('abc'), 0xff, 0, 0, 0, 0, ...end(), ...fdtEnd()] })).message).toMatch(/^node name is not valid UTF-8 \(byte 0xFF\)/);
    expect(failure(blob({ struct: [...be32(1), ...ascii('abcd')], header: {} })).message).toMatch(/^node name at 0x3C has no terminating NUL/);
  });

  it('gives only FormatErrors for random bytes, truncations and flips (2,000 cases), and never yields past the block', () => {
    const good = blob({ struct: minimal });
    const truncated = fc.nat({ max: good.length - 1 }).map((n) => good.slice(0, n));
    const flipped = fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }).map((flips) => {
      const copy = good.slice();
      for (const [at, mask] of flips) copy[at] ^= mask;
      return copy;
    });
    const headed = fc.uint8Array({ minLength: 0, maxLength: 120 }).map((tail) => Uint8Array.from([0xd0, 0x0d, 0xfe, 0xed, ...tail]));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), truncated, flipped, headed), (bytes) => {
        try {
          const header = parseFdtHeader(bytes);
          for (const token of walkFdt(bytes, header)) {
            expect(token.offset + 4).toBeLessThanOrEqual(header.totalsize);
          }
          readFdt(bytes);
        } catch (error) {
          if (!(error instanceof FormatError)) throw error;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
