import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { putU32le } from '../bytes';
import { FormatError } from '../errors';
import { chsBytes } from './chs';
import { emitMbr } from './emit';
import { parseMbr } from './parse';
import type { MbrPartition, MbrPiece, MbrTable } from './records';
import { memoryDisk } from '../../test-support/disk-images';

/** A disk holding only the pieces (zeros elsewhere); counts reads. */
const diskOf = (pieces: readonly MbrPiece[], diskSectors: number, sectorSize = 512) => memoryDisk(pieces, diskSectors * sectorSize, sectorSize);

const hex = (bytes: ArrayLike<number>) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

describe('CHS', () => {
  it('matches the bytes sfdisk wrote for 2048..10239 (disk-formats.md §a, checked)', () => {
    expect(hex(chsBytes(2048))).toBe('20 21 00');
    expect(hex(chsBytes(10239))).toBe('a2 22 00');
  });

  it('clamps past cylinder 1023 to FE FF FF', () => {
    expect(hex(chsBytes(1024 * 255 * 63))).toBe('fe ff ff');
    expect(hex(chsBytes(2 ** 32 - 1))).toBe('fe ff ff');
    expect(hex(chsBytes(1024 * 255 * 63 - 1))).toBe('fe ff ff');
  });
});

describe('the logical chain', () => {
  // disk-formats.md §a, checked on mbr-logical.img.
  const table: MbrTable = {
    diskSignature: 0x12345678,
    partitions: [
      { number: 1, bootable: false, type: 0x83, startLba: 2048, sectors: 8192 },
      { number: 2, bootable: false, type: 0x05, startLba: 10240, sectors: 22528 },
      { number: 5, bootable: false, type: 0x83, startLba: 12288, sectors: 2048, ebrLba: 10240 },
      { number: 6, bootable: false, type: 0x82, startLba: 18432, sectors: 14336, ebrLba: 16384 },
    ],
  };

  it('links EBRs relative to the extended partition and partitions relative to their EBR', () => {
    const pieces = emitMbr(table, { sectorSize: 512, diskSectors: 32768 });
    expect(pieces.map((p) => p.offset / 512)).toEqual([0, 10240, 16384]);
    const [, first, second] = pieces;
    const u32 = (bytes: Uint8Array, at: number) => bytes[at] + bytes[at + 1] * 256 + bytes[at + 2] * 65536 + bytes[at + 3] * 16777216;
    expect(u32(first.bytes, 0x1be + 8)).toBe(2048);
    expect(u32(first.bytes, 0x1ce + 8)).toBe(6144);
    expect(first.bytes[0x1ce + 4]).toBe(0x05);
    expect(u32(second.bytes, 0x1be + 8)).toBe(2048);
    expect(hex(second.bytes.subarray(0x1ce, 0x1fe))).toBe(hex(new Uint8Array(48)));
    expect(hex(second.bytes.subarray(510))).toBe('55 aa');
  });

  it('reads back as partitions 5 and 6 in chain order', () => {
    const disk = diskOf(emitMbr(table, { sectorSize: 512, diskSectors: 32768 }), 32768);
    expect(parseMbr(disk.read, { diskSectors: 32768 })).toEqual({ table, warnings: [] });
  });
});

/** Tables the format can hold: primaries in random slots around an optional extended partition with its chain. */
const notExtended = (type: number) => (type === 0x05 || type === 0x0f || type === 0x85 ? 0x83 : type);
const mbrCase = fc
  .record({
    sectorSize: fc.constantFrom(512, 4096),
    diskSectors: fc.integer({ min: 64, max: 2 ** 32 }),
    diskSignature: fc.nat({ max: 0xffffffff }),
    cuts: fc.uniqueArray(fc.nat({ max: 2 ** 32 }), { maxLength: 60 }),
    slots: fc.shuffledSubarray([1, 2, 3, 4], { minLength: 4, maxLength: 4 }),
    before: fc.nat({ max: 3 }),
    withExtended: fc.boolean(),
    extendedType: fc.constantFrom(0x05, 0x0f, 0x85),
    flags: fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 255 }), fc.nat({ max: 5 })), { minLength: 64, maxLength: 64 }),
  })
  .map(({ sectorSize, diskSectors, diskSignature, cuts, slots, before, withExtended, extendedType, flags }) => {
    const points = [...new Set(cuts.map((c) => 1 + (c % (diskSectors - 1))))].sort((a, b) => a - b);
    const extents: Array<[number, number]> = [];
    for (let i = 0; i + 1 < points.length; i += 2) extents.push([points[i], points[i + 1]]);
    const partitions: MbrPartition[] = [];
    const primary = ([first, last]: [number, number], i: number, type = notExtended(flags[i][1])) =>
      partitions.push({ number: slots[partitions.length], bootable: flags[i][0], type, startLba: first, sectors: last - first + 1 });
    const chain = withExtended ? extents.slice(Math.min(before, extents.length), Math.min(before, extents.length) + 60).filter(([a, b]) => b > a) : [];
    if (chain.length === 0) {
      extents.slice(0, 4).forEach((extent, i) => primary(extent, i));
    } else {
      const ahead = extents.filter(([, last]) => last < chain[0][0]).slice(-Math.min(before, 3));
      const after = extents.filter(([first]) => first > chain[chain.length - 1][1]).slice(0, 3 - ahead.length);
      [...ahead, ...after].forEach((extent, i) => primary(extent, i));
      primary([chain[0][0], chain[chain.length - 1][1]], 63, extendedType);
      chain.forEach(([ebr, end], i) => {
        const startLba = Math.min(end, ebr + 1 + flags[i][2]);
        partitions.push({ number: 5 + i, bootable: flags[i][0], type: notExtended(flags[i][1]), startLba, sectors: end - startLba + 1, ebrLba: ebr });
      });
    }
    partitions.sort((a, b) => a.number - b.number);
    return { table: { diskSignature, partitions } as MbrTable, options: { sectorSize, diskSectors } };
  });

describe('emitMbr → parseMbr', () => {
  it('gives back the table', () => {
    fc.assert(
      fc.property(mbrCase, ({ table, options }) => {
        const pieces = emitMbr(table, options);
        const disk = diskOf(pieces, options.diskSectors, options.sectorSize);
        const parsed = parseMbr(disk.read, options);
        expect(parsed.warnings).toEqual([]);
        expect(parsed.table).toEqual(table);
        const again = emitMbr(parsed.table, options);
        expect(again.map((p) => p.offset)).toEqual(pieces.map((p) => p.offset));
        again.forEach((p, i) => expect(Buffer.from(p.bytes).equals(Buffer.from(pieces[i].bytes))).toBe(true));
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseMbr on hostile chains', () => {
  const base: MbrTable = {
    diskSignature: 1,
    partitions: [
      { number: 1, bootable: true, type: 0x05, startLba: 2048, sectors: 100_000 },
      { number: 5, bootable: false, type: 0x83, startLba: 4096, sectors: 2048, ebrLba: 2048 },
      { number: 6, bootable: false, type: 0x83, startLba: 8192, sectors: 2048, ebrLba: 6144 },
    ],
  };
  const disk = () => diskOf(emitMbr(base, { sectorSize: 512, diskSectors: 200_000 }), 200_000);

  it('stops a chain that loops back, with the offset of the link', () => {
    const d = disk();
    putU32le(d.pieceAt(6144 * 512)!, 0x1ce + 8, 0);
    d.pieceAt(6144 * 512)![0x1ce + 4] = 0x05;
    putU32le(d.pieceAt(6144 * 512)!, 0x1ce + 12, 10);
    const result = parseMbr(d.read);
    expect(result.table.partitions.map((p) => p.number)).toEqual([1, 5, 6]);
    expect(result.warnings).toEqual([{ message: expect.stringMatching(/loops back/), offset: 6144 * 512 + 0x1ce + 8 }]);
    expect(d.reads).toBeLessThan(6);
  });

  it('stops at a link out of the extended partition or past the image', () => {
    const out = disk();
    putU32le(out.pieceAt(2048 * 512)!, 0x1ce + 8, 500_000);
    expect(parseMbr(out.read).warnings).toEqual([{ message: expect.stringMatching(/outside the extended partition/), offset: 2048 * 512 + 0x1ce + 8 }]);
    const short = disk();
    const result = parseMbr((lba) => (lba < 5000 ? short.read(lba) : undefined));
    expect(result.table.partitions.map((p) => p.number)).toEqual([1, 5]);
    expect(result.warnings[0].message).toMatch(/cannot be read/);
  });

  it('stops after 128 logical partitions of a chain of 10,000', () => {
    const sectors = new Map<number, Uint8Array>();
    const mbr = new Uint8Array(512);
    mbr.set([0x55, 0xaa], 510);
    mbr[0x1be + 4] = 0x0f;
    putU32le(mbr, 0x1be + 8, 1);
    putU32le(mbr, 0x1be + 12, 40_000);
    sectors.set(0, mbr);
    for (let i = 0; i < 10_000; i++) {
      const ebr = new Uint8Array(512);
      ebr.set([0x55, 0xaa], 510);
      ebr[0x1be + 4] = 0x83;
      putU32le(ebr, 0x1be + 8, 1);
      putU32le(ebr, 0x1be + 12, 1);
      ebr[0x1ce + 4] = 0x05;
      putU32le(ebr, 0x1ce + 8, 2 * (i + 1));
      putU32le(ebr, 0x1ce + 12, 2);
      sectors.set(1 + 2 * i, ebr);
    }
    let reads = 0;
    const result = parseMbr((lba) => {
      reads++;
      return sectors.get(lba) ?? new Uint8Array(512);
    });
    expect(result.table.partitions).toHaveLength(1 + 128);
    expect(result.table.partitions[128]).toMatchObject({ number: 132, startLba: 2 + 2 * 127 });
    expect(result.warnings).toEqual([{ message: expect.stringMatching(/past 128 logical/), offset: (1 + 2 * 127) * 512 + 0x1ce + 8 }]);
    expect(reads).toBe(1 + 128);
  });

  it('reports entries past 2^32 sectors and odd status bytes', () => {
    const d = disk();
    const mbr = d.pieceAt(0 * 512)!;
    mbr[0x1ee + 0] = 0x12;
    mbr[0x1ee + 4] = 0x83;
    putU32le(mbr, 0x1ee + 8, 0xffff0000);
    putU32le(mbr, 0x1ee + 12, 0x00020000);
    const result = parseMbr(d.read);
    expect(result.warnings.map((w) => w.offset)).toEqual([0x1ee, 0x1ee + 12]);
  });

  it('gives only FormatError (or a table) for random and truncated sectors, within bounded reads', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 512 }), { maxLength: 8 }), fc.boolean(), (sectors, signed) => {
        let reads = 0;
        const read = (lba: number) => {
          reads++;
          const sector = sectors[lba % Math.max(1, sectors.length)];
          if (!sector) return undefined;
          const copy = new Uint8Array(512);
          copy.set(sector);
          if (signed) copy.set([0x55, 0xaa], 510);
          return sector.length < 512 && !signed ? sector : copy;
        };
        try {
          parseMbr(read);
        } catch (e) {
          expect(e).toBeInstanceOf(FormatError);
        }
        expect(reads).toBeLessThanOrEqual(1 + 129);
      }),
      { numRuns: 300 },
    );
    expect(() => parseMbr(() => undefined)).toThrow(FormatError);
    expect(() => parseMbr(() => new Uint8Array(511))).toThrow(FormatError);
    expect(() => parseMbr(() => new Uint8Array(512))).toThrow(/55 AA/);
  });
});

describe('emitMbr limits', () => {
  const options = { sectorSize: 512, diskSectors: 100_000 };
  const primary = (number: number, startLba: number, extra: Partial<MbrPartition> = {}): MbrPartition => ({ number, bootable: false, type: 0x83, startLba, sectors: 1000, ...extra });

  it('refuses what an MBR cannot describe', () => {
    expect(() => emitMbr({ diskSignature: 0, partitions: [] }, { sectorSize: 512, diskSectors: 2 ** 32 + 1 })).toThrow(/2 TiB/);
    expect(() => emitMbr({ diskSignature: 0, partitions: [primary(5, 10, { ebrLba: 9 })] }, options)).toThrow(/no primary partition is extended/);
    expect(() => emitMbr({ diskSignature: 0, partitions: [primary(1, 10, { type: 5 }), primary(2, 2000, { type: 0x0f })] }, options)).toThrow(/at most one/);
    expect(() => emitMbr({ diskSignature: 0, partitions: [primary(1, 10), primary(1, 2000)] }, options)).toThrow(/twice/);
    expect(() => emitMbr({ diskSignature: 0, partitions: [primary(1, 10), primary(2, 500)] }, options)).toThrow(/overlap/);
    expect(() => emitMbr({ diskSignature: 0, partitions: [primary(1, 99_500)] }, options)).toThrow(/beyond the disk/);
    expect(() => emitMbr({ diskSignature: 0, partitions: [primary(1, 10, { type: 0 })] }, options)).toThrow(/unused entry/);
    expect(() => emitMbr({ diskSignature: 2 ** 32, partitions: [] }, options)).toThrow(/32-bit/);
    const extended = primary(1, 10, { type: 5, sectors: 5000 });
    expect(() => emitMbr({ diskSignature: 0, partitions: [extended, primary(5, 100, { ebrLba: 10, sectors: 9000 })] }, options)).toThrow(/past the extended/);
    expect(() => emitMbr({ diskSignature: 0, partitions: [extended, primary(6, 100, { ebrLba: 10 })] }, options)).toThrow(/expected 5/);
    expect(() => emitMbr({ diskSignature: 0, partitions: [extended, primary(5, 100, { ebrLba: 11 })] }, options)).toThrow(/first EBR/);
    expect(() => emitMbr({ diskSignature: 0, partitions: [extended, primary(5, 100, { ebrLba: 10, sectors: 100 }), primary(6, 300)] }, options)).toThrow(/ebrLba/);
    expect(() => emitMbr({ diskSignature: 0, partitions: [extended, primary(5, 100, { ebrLba: 10, sectors: 100 }), primary(6, 300, { ebrLba: 150 })] }, options)).toThrow(/overlap/);
    expect(() => emitMbr({ diskSignature: 0, partitions: [extended, primary(5, 100, { ebrLba: 10, sectors: 100 }), primary(6, 300, { ebrLba: 10 })] }, options)).toThrow(/overlap/);
  });

  it('writes an empty EBR for an extended partition without logical partitions', () => {
    const pieces = emitMbr({ diskSignature: 0, partitions: [primary(2, 2048, { type: 5 })] }, { sectorSize: 4096, diskSectors: 100_000 });
    expect(pieces.map((p) => [p.offset, p.bytes.length])).toEqual([
      [0, 4096],
      [2048 * 4096, 4096],
    ]);
    expect(hex(pieces[1].bytes.subarray(0x1be, 512))).toBe(hex([...new Uint8Array(64), 0x55, 0xaa]));
  });
});
