/**
 * Property tests of the eMMC bridges: random GPT and MBR layouts (logical partitions, names,
 * GUIDs, attributes, 512- and 4096-byte sectors) survive document → table records → document,
 * and the sfdisk script, .wks and binary round trips, with the same table each time; and no
 * input, however broken, makes an importer throw instead of giving a located failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '..';
import { guidAt } from '../../codecs/guid';
import { exportFile, importFile } from '../../formats/files';
import { place } from '../../layout/place';
import type { LayoutDocument, Partition } from '../../model/document';
import { MiB } from '../../model/units';
import { emmcFamily } from './family';
import { documentFromTable } from './from-table';
import { diskTableOf } from './table';

const guid = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => guidAt(bytes, 0));
const TYPES = ['0FC63DAF-8483-4772-8E79-3D69D8477DE4', 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B', '3DE21764-95BD-54BD-A5C3-4ABE786F38A8', '0657FD6D-A4AB-43C4-84E5-0933C84B4F4F'];
const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/);

interface Options {
  table: 'gpt' | 'mbr';
  sector: number;
  /** GPT attributes and names wic cannot write are left out. */
  forWks?: boolean;
}

function layouts({ table, sector, forWks }: Options): fc.Arbitrary<LayoutDocument> {
  const maxCount = table === 'mbr' ? (forWks ? 4 : 8) : 12;
  const entry = fc.record({
    gap: fc.integer({ min: 0, max: 8 }),
    size: fc.integer({ min: 1, max: 64 }),
    name,
    type: fc.constantFrom(...TYPES),
    mbrType: fc.constantFrom(0x83, 0x0c, 0x82, 0xda),
    bootable: fc.boolean(),
    uuid: guid,
    attributes: forWks ? fc.constant(0n) : fc.constantFrom(0n, 1n, 4n, 1n << 60n, (1n << 63n) | 1n),
  });
  return fc.record({ entries: fc.uniqueArray(entry, { maxLength: maxCount, selector: (e) => e.name }), logicalFrom: fc.integer({ min: 1, max: 4 }), diskGuid: guid, signature: fc.nat({ max: 0xffffffff }) }).map(({ entries, logicalFrom, diskGuid, signature }) => {
    const unit = 256 * 1024;
    let at = 1 * MiB;
    const logicalStart = table === 'mbr' && entries.length > 4 ? Math.min(logicalFrom, 3) : Infinity;
    const partitions = entries.map((e, index): Partition => {
      const logical = index >= logicalStart;
      // A logical partition needs room for its EBR before it: sfdisk wants one grain (1 MiB).
      at += e.gap * unit + (logical ? 4 * unit : 0);
      const partition: Partition = {
        id: `p${index}`,
        name: e.name,
        area: 'user',
        offset: at,
        size: e.size * unit,
        kind: 'filesystem',
        ...(table === 'gpt'
          ? { gpt: { type: e.type, uuid: e.uuid, ...(e.attributes ? { attributes: `0x${e.attributes.toString(16)}` } : {}) } }
          : { mbr: { type: e.mbrType, ...(e.bootable ? { bootable: true } : {}), ...(logical ? { logical: true } : {}) } }),
      };
      at += e.size * unit;
      return partition;
    });
    const document: LayoutDocument = {
      format: 'flashmap',
      version: 1,
      name: 'random',
      device: { family: 'emmc', size: 256 * MiB, geometry: { sectorSize: sector }, hardwarePartitions: [], emmc: table === 'gpt' ? { gpt: { diskGuid } } : { mbr: { diskSignature: signature } } },
      areas: [{ id: 'user', name: 'User area', space: 'main', start: 0, size: 'rest', table }],
      partitions,
    };
    return normalizeDocument(document);
  });
}

const tableOf = (document: LayoutDocument) => {
  const table = diskTableOf(document, place(document, emmcFamily))!;
  const { entries: _entries, ...records } = table;
  return records;
};

function through(document: LayoutDocument, formatId: string): LayoutDocument {
  const file = exportFile(document, formatId);
  if (!file.ok) throw new Error(`${formatId}: ${file.message}`);
  const back = importFile(file.file.bytes, document, { formatId });
  if (!back.ok) throw new Error(`${formatId} import: ${back.message}`);
  return back.document;
}

const CASES: Options[] = [
  { table: 'gpt', sector: 512 },
  { table: 'gpt', sector: 4096 },
  { table: 'mbr', sector: 512 },
  { table: 'mbr', sector: 4096 },
];

describe.each(CASES)('round trips of random $table layouts, $sector-byte sectors', (options) => {
  it('document → table records → document gives the same table and the same layout', () => {
    fc.assert(
      fc.property(layouts(options), (document) => {
        const table = diskTableOf(document, place(document, emmcFamily))!;
        const source = table.label === 'gpt' ? { label: 'gpt' as const, sectorSize: table.sectorSize, diskSectors: table.diskSectors, table: table.table, entriesLba: table.entriesLba, entryCount: table.entryCount } : { label: 'dos' as const, sectorSize: table.sectorSize, diskSectors: table.diskSectors, table: table.table };
        const back = documentFromTable(source, document);
        expect(back).toEqual(document);
        expect(tableOf(back)).toEqual(tableOf(document));
      }),
      { numRuns: 150 },
    );
  });

  // A script states the extended partition but not where its EBRs are: sfdisk places those itself.
  const withoutEbrs = (document: LayoutDocument) => {
    const table = tableOf(document);
    return table.label === 'dos' ? { ...table, table: { ...table.table, partitions: table.table.partitions.map(({ ebrLba: _ebr, ...p }) => p) } } : table;
  };

  it('through the sfdisk script and the recovery script', () => {
    fc.assert(
      fc.property(layouts(options), (document) => {
        expect(withoutEbrs(through(document, 'emmc-sfdisk'))).toEqual(withoutEbrs(document));
        expect(withoutEbrs(through(document, 'emmc-sfdisk-recovery'))).toEqual(withoutEbrs(document));
      }),
      { numRuns: 100 },
    );
  });

  it('through the .wks', () => {
    fc.assert(
      fc.property(layouts({ ...options, forWks: true }), (document) => {
        expect(tableOf(through(document, 'emmc-wks'))).toEqual(tableOf(document));
      }),
      { numRuns: 100 },
    );
  });
});

describe('the table binary round trip', () => {
  it.each([512, 4096])('GPT and primary-only MBR heads read back as the same table (%d-byte sectors)', (sector) => {
    fc.assert(
      fc.property(fc.oneof(layouts({ table: 'gpt', sector }), layouts({ table: 'mbr', sector, forWks: true })), (document) => {
        expect(tableOf(through(document, 'emmc-disk-table'))).toEqual(tableOf(document));
      }),
      { numRuns: 100 },
    );
  });
});

describe('hostile input', () => {
  const base = normalizeDocument({
    format: 'flashmap',
    version: 1,
    name: 'hostile',
    device: { ...emmcFamily.defaultDevice(), size: 64 * MiB },
    areas: emmcFamily.defaultAreas(emmcFamily.defaultDevice()),
    partitions: [],
  });
  /** Located failure or a layout: never an exception. */
  const survives = (bytes: Uint8Array, formatId?: string) => {
    const outcome = importFile(bytes, base, formatId ? { formatId } : {});
    expect(typeof outcome.ok).toBe('boolean');
  };

  it('random and mutated sfdisk scripts and .wks files', () => {
    const sfdisk = 'label: gpt\nlabel-id: 5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B\nstart=2048, size=2048, type=L, name="a"\nsize=1MiB, type=U\n';
    const wks = 'bootloader --ptable gpt\npart u-boot --source rawcopy --sourceparams="file=${X}" --no-table --align ${SEEK}\npart / --fstype=ext4 --fixed-size 16 --align 1024\n';
    const edit = fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 4 }), insert: fc.string({ maxLength: 6 }) });
    fc.assert(
      fc.property(fc.constantFrom(sfdisk, wks), fc.array(edit, { minLength: 1, maxLength: 6 }), fc.dictionary(fc.constantFrom('X', 'SEEK'), fc.string({ maxLength: 6 })), (text, edits, answers) => {
        let mutated = text;
        for (const e of edits) {
          const at = e.at % (mutated.length + 1);
          mutated = mutated.slice(0, at) + e.insert + mutated.slice(at + e.remove);
        }
        const bytes = new TextEncoder().encode(mutated);
        survives(bytes, 'emmc-sfdisk');
        survives(bytes, 'emmc-sfdisk-recovery');
        const outcome = importFile(bytes, base, { formatId: 'emmc-wks', answers });
        expect(typeof outcome.ok).toBe('boolean');
      }),
      { numRuns: 400 },
    );
  });

  it('random and damaged table sectors', () => {
    const head = exportFile(normalizeDocument({ ...base, partitions: [{ id: 'a', name: 'a', area: 'user', offset: 1 * MiB, size: 1 * MiB, kind: 'data' }] }), 'emmc-disk-table');
    if (!head.ok) throw new Error(head.message);
    const mutation = fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.nat(), (mutations, cut) => {
        const bytes = head.file.bytes.slice(0, Math.max(512, cut % head.file.bytes.length));
        for (const m of mutations) bytes[m.at % bytes.length] = m.value;
        survives(bytes, 'emmc-disk-table');
      }),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.uint8Array({ minLength: 512, maxLength: 4096 }), (bytes) => survives(bytes, 'emmc-disk-table')), { numRuns: 200 });
  });
});
