import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { putU32le, putU64le } from '../bytes';
import { crc32 } from '../crc32';
import { FormatError } from '../errors';
import { emitGpt, type GptEmitOptions } from './emit';
import { guidAt } from '../guid';
import { parseGpt, type SectorReader } from './parse';
import { memoryDisk } from '../../test-support/disk-images';
import { arraySectors, type GptPartition, type GptTable } from './records';
import { GPT_TYPE_LINUX_DATA, GPT_TYPE_UBOOT_ENV } from './types';

const diskOf = memoryDisk;

const guid = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => guidAt(bytes, 0));
const nonZeroGuid = guid.filter((text) => text !== '00000000-0000-0000-0000-000000000000');
const name = fc.string({ unit: 'grapheme', maxLength: 18 }).filter((text) => text.length <= 36 && !text.includes('\0'));

interface Case {
  table: GptTable;
  options: Required<GptEmitOptions>;
}

const gptCase: fc.Arbitrary<Case> = fc
  .record({
    sectorSize: fc.constantFrom(512, 4096),
    entryCount: fc.oneof(fc.constant(128), fc.integer({ min: 1, max: 300 })),
    moved: fc.nat({ max: 3000 }),
    extra: fc.integer({ min: 8, max: 100_000 }),
    diskGuid: guid,
    cuts: fc.uniqueArray(fc.nat({ max: 1_000_000 }), { maxLength: 16 }),
  })
  .chain(({ sectorSize, entryCount, moved, extra, diskGuid, cuts }) => {
    const sectors = arraySectors(entryCount, sectorSize);
    const entriesLba = moved < 1000 ? 2 : moved;
    const firstUsableLba = entriesLba + sectors + (moved % 7);
    const lastUsableLba = firstUsableLba + extra;
    const diskSectors = lastUsableLba + 1 + sectors + 1 + (moved % 3);
    const points = [...new Set(cuts.map((c) => firstUsableLba + (c % (extra + 1))))].sort((a, b) => a - b);
    const extents: Array<[number, number]> = [];
    for (let i = 0; i + 1 < points.length && extents.length < entryCount; i += 2) extents.push([points[i], points[i + 1]]);
    const partitions = fc.tuple(
      fc.shuffledSubarray(
        Array.from({ length: entryCount }, (_, i) => i + 1),
        { minLength: extents.length, maxLength: extents.length },
      ),
      fc.array(fc.record({ typeGuid: fc.oneof(fc.constant(GPT_TYPE_LINUX_DATA), fc.constant(GPT_TYPE_UBOOT_ENV), nonZeroGuid), uniqueGuid: guid, attributes: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), name }), {
        minLength: extents.length,
        maxLength: extents.length,
      }),
    ).map(([numbers, fields]) =>
      extents
        .map(([firstLba, lastLba], i): GptPartition => ({ number: numbers[i], firstLba, lastLba, ...fields[i] }))
        .sort((a, b) => a.number - b.number),
    );
    return partitions.map((list) => ({
      table: { diskGuid, firstUsableLba, lastUsableLba, partitions: list },
      options: { sectorSize, diskSectors, entriesLba, entryCount },
    }));
  });

function parsedOf({ table, options }: Case, detect = false) {
  const pieces = emitGpt(table, options);
  const bytes = options.diskSectors * options.sectorSize;
  const disk = diskOf(pieces, bytes, detect ? 512 : options.sectorSize);
  const result = parseGpt(disk.read, detect ? { diskSectors: bytes / 512 } : { sectorSize: options.sectorSize, diskSectors: options.diskSectors });
  return { pieces, result };
}

describe('emitGpt → parseGpt', () => {
  it('gives back the table, both headers intact, no warnings', () => {
    fc.assert(
      fc.property(gptCase, (testCase) => {
        const { result } = parsedOf(testCase);
        expect(result.table).toEqual(testCase.table);
        expect(result.warnings).toEqual([]);
        expect(result.source).toBe('primary');
        expect(result.mbr).toBe('protective');
        expect(result.primary?.partitionEntryLba).toBe(testCase.options.entriesLba);
        expect(result.backup?.numberOfPartitionEntries).toBe(testCase.options.entryCount);
      }),
      { numRuns: 60 },
    );
  });

  it('writes the same bytes again from what it read', () => {
    fc.assert(
      fc.property(gptCase, (testCase) => {
        const { pieces, result } = parsedOf(testCase);
        expect(emitGpt(result.table, testCase.options)).toEqual(pieces);
      }),
      { numRuns: 40 },
    );
  });

  it('finds 512- or 4096-byte sectors from where "EFI PART" is', () => {
    fc.assert(
      fc.property(gptCase, (testCase) => {
        const { result } = parsedOf(testCase, true);
        expect(result.sectorSize).toBe(testCase.options.sectorSize);
        expect(result.diskSectors).toBe(testCase.options.diskSectors);
        expect(result.table).toEqual(testCase.table);
      }),
      { numRuns: 30 },
    );
  });
});

const simple: Case = {
  table: {
    diskGuid: '5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B',
    partitions: [{ number: 1, typeGuid: GPT_TYPE_UBOOT_ENV, uniqueGuid: '11111111-2222-3333-4444-555555555555', firstLba: 2048, lastLba: 4095, attributes: 0n, name: 'uboot-env' }],
  },
  options: { sectorSize: 512, diskSectors: 131072, entriesLba: 2, entryCount: 128 },
};

/** The simple 64 MiB disk with `change` applied to the bytes of its table areas. */
function damaged(change: (piece: (offset: number) => Uint8Array) => void) {
  const pieces = emitGpt(simple.table, simple.options).map((p) => ({ offset: p.offset, bytes: p.bytes.slice() }));
  const at = (offset: number) => {
    // Bytes outside the table areas are zeros on the disk; changing them changes nothing the parser reads.
    const piece = pieces.find((p) => p.offset <= offset && offset < p.offset + p.bytes.length);
    return piece ? piece.bytes.subarray(offset - piece.offset) : new Uint8Array(1);
  };
  change(at);
  return diskOf(pieces, simple.options.diskSectors * 512, 512);
}

/** Sets a header field and recomputes the header CRC, so the field check itself is reached. */
function patchHeader(header: Uint8Array, set: (header: Uint8Array) => void): void {
  set(header);
  putU32le(header, 16, 0);
  putU32le(header, 16, crc32(header, 0, 92));
}

const PRIMARY = 512;
const BACKUP = (131072 - 1) * 512;

function failure(read: SectorReader): FormatError {
  try {
    parseGpt(read, { sectorSize: 512, diskSectors: 131072 });
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}

describe('parseGpt on damaged tables', () => {
  it('falls back to the backup when the primary header CRC is wrong, and says where', () => {
    const disk = damaged((at) => (at(PRIMARY + 16)[0] ^= 0xff));
    const result = parseGpt(disk.read, { sectorSize: 512, diskSectors: 131072 });
    expect(result.source).toBe('backup');
    expect(result.table.partitions).toEqual(simple.table.partitions);
    expect(result.warnings[0]).toMatchObject({ offset: PRIMARY + 16 });
    expect(result.warnings[0].message).toMatch(/HeaderCRC32/);
    expect(result.warnings[1]).toMatchObject({ offset: BACKUP });
  });

  it('falls back when the primary array does not match its CRC', () => {
    const disk = damaged((at) => (at(1024 + 56)[0] ^= 1));
    const result = parseGpt(disk.read, { sectorSize: 512, diskSectors: 131072 });
    expect(result.source).toBe('backup');
    expect(result.warnings[0]).toMatchObject({ offset: PRIMARY + 88 });
  });

  it('keeps the primary and warns when only the backup is broken', () => {
    const disk = damaged((at) => (at(BACKUP)[0] = 0));
    const result = parseGpt(disk.read, { sectorSize: 512, diskSectors: 131072 });
    expect(result.source).toBe('primary');
    expect(result.warnings).toEqual([expect.objectContaining({ offset: BACKUP })]);
  });

  it('refuses hostile header fields at their offsets, reading almost nothing', () => {
    const cases: Array<[string, (header: Uint8Array) => void, number]> = [
      ['2^32 - 1 entries', (h) => putU32le(h, 80, 0xffffffff), 80],
      ['no entries', (h) => putU32le(h, 80, 0), 80],
      ['entry size 64', (h) => putU32le(h, 84, 64), 84],
      ['array beyond the disk', (h) => putU64le(h, 72, 131072n), 72],
      ['array in the usable area', (h) => putU64le(h, 72, 4096n), 72],
      ['first after last', (h) => putU64le(h, 40, 200000n), 40],
      ['LBA above 2^53', (h) => putU64le(h, 48, 2n ** 63n), 48],
      ['header size 4 GiB', (h) => putU32le(h, 12, 0xffffffff), 12],
      ['wrong MyLBA', (h) => putU64le(h, 24, 7n), 24],
    ];
    for (const [what, change, field] of cases) {
      const disk = damaged((at) => {
        patchHeader(at(PRIMARY), change);
        patchHeader(at(BACKUP), change);
      });
      const error = failure(disk.read);
      expect(error.offset, what).toBe(PRIMARY + field);
      expect(disk.reads, what).toBeLessThan(10);
    }
  });

  it('gives only FormatError (or a table) for any flipped byte, with bounded reads', () => {
    const length = 131072 * 512;
    const interesting = fc.oneof(fc.integer({ min: 0, max: 2047 }), fc.integer({ min: 1024, max: 1024 + 16383 }), fc.integer({ min: length - 512 * 34, max: length - 1 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(interesting, fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
        const disk = damaged((at) => flips.forEach(([offset, mask]) => (at(offset)[0] ^= mask)));
        try {
          parseGpt(disk.read, { sectorSize: 512, diskSectors: 131072 });
        } catch (e) {
          expect(e).toBeInstanceOf(FormatError);
        }
        expect(disk.reads).toBeLessThanOrEqual(1 + 2 * (1 + 32));
      }),
      { numRuns: 300 },
    );
  });

  it('gives only FormatError for random sectors and for truncated images', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 8192 }), fc.nat({ max: 1 << 20 }), (bytes, diskUnits) => {
        const read = (lba: number) => (lba * 512 < bytes.length ? bytes.slice(lba * 512, lba * 512 + 512) : undefined);
        for (const options of [{ diskSectors: diskUnits }, { sectorSize: 512, diskSectors: diskUnits }, { sectorSize: 4096, diskSectors: diskUnits >> 3 }]) {
          try {
            parseGpt(read, options);
          } catch (e) {
            expect(e).toBeInstanceOf(FormatError);
          }
        }
      }),
      { numRuns: 200 },
    );
    const pieces = emitGpt(simple.table, simple.options);
    for (const keep of [0, 511, 512, 1023, 1024, 5000, 17407]) {
      const disk = diskOf(pieces, keep, 512);
      expect(() => parseGpt(disk.read, { sectorSize: 512, diskSectors: 131072 })).toThrow(FormatError);
    }
  });
});

describe('emitGpt limits', () => {
  const withPartition = (change: Partial<GptPartition>): GptTable => ({ ...simple.table, partitions: [{ ...simple.table.partitions[0], ...change }] });

  it('refuses what the format cannot hold', () => {
    expect(() => emitGpt(withPartition({ name: 'n'.repeat(37) }), simple.options)).toThrow(/37 UTF-16 code units/);
    expect(() => emitGpt(withPartition({ name: 'a\0b' }), simple.options)).toThrow(/NUL/);
    expect(() => emitGpt(withPartition({ name: '\ud800' }), simple.options)).toThrow(/surrogate/);
    expect(() => emitGpt(withPartition({ number: 129 }), simple.options)).toThrow(/outside the entry array/);
    expect(() => emitGpt(withPartition({ firstLba: 10, lastLba: 20 }), simple.options)).toThrow(/outside the usable sectors 2048\.\.131038/);
    expect(() => emitGpt(withPartition({ typeGuid: '00000000-0000-0000-0000-000000000000' }), simple.options)).toThrow(/unused entry/);
    expect(() => emitGpt(withPartition({ attributes: 2n ** 64n }), simple.options)).toThrow(/64 bits/);
    const overlapping = { ...simple.table, partitions: [simple.table.partitions[0], { ...simple.table.partitions[0], number: 2, firstLba: 4000, lastLba: 5000 }] };
    expect(() => emitGpt(overlapping, simple.options)).toThrow(/overlap/);
    expect(() => emitGpt(simple.table, { ...simple.options, sectorSize: 520 })).toThrow(FormatError);
    expect(() => emitGpt(simple.table, { ...simple.options, entryCount: 2 ** 32 })).toThrow(FormatError);
    expect(() => emitGpt({ ...simple.table, partitions: [] }, { ...simple.options, diskSectors: 60 })).toThrow(/do not fit/);
    expect(() => emitGpt({ ...simple.table, partitions: [] }, { ...simple.options, diskSectors: 2 ** 53 })).toThrow(FormatError);
  });

  it('accepts a 36-unit name, including characters outside the BMP', () => {
    const name = '😀'.repeat(18);
    const pieces = emitGpt(withPartition({ name }), simple.options);
    const disk = diskOf(pieces, 131072 * 512, 512);
    expect(parseGpt(disk.read, { sectorSize: 512, diskSectors: 131072 }).table.partitions[0].name).toBe(name);
  });
});
