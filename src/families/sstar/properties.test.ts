/**
 * Every SigmaStar emitter read back by its parser, for generated layouts (fast-check): MXP_SF.bin,
 * PARTINFO.pni, partition.config and mtdparts give back the layout they were written from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportFile, importFile } from '../../formats/files';
import type { Filesystem, LayoutDocument, Partition, Volume } from '../../model/document';
import { placementOf } from '../../test-support/documents';
import { emptySstarDocument } from '../../test-support/sstar-cases';

const KiB = 1024;
const MiB = 1024 * KiB;
const BLOCK = 128 * KiB;

/**
 * Distinct lower-case names that are not SDK names, for SYS partitions and volumes; they do not
 * end in a digit, which a table would read as copies (data0, data1 of one size are DATA's copies).
 */
const names = (min: number, max: number) => fc.uniqueArray(fc.stringMatching(/^p[a-z0-9_]{0,8}[a-z]$/), { minLength: min, maxLength: max });

function roundTrip(document: LayoutDocument, formatId: string): LayoutDocument {
  const exported = exportFile(document, formatId);
  if (!exported.ok) throw new Error(`${formatId}: ${exported.message}`);
  const read = importFile(exported.file.bytes, document, { formatId });
  if (!read.ok) throw new Error(`${formatId} read back: ${read.message}`);
  return read.document;
}

const norLayout = fc
  .record({
    // UBOOT + UBOOT_ENV end on a 64 KiB block, as in every real config (0x1F000 + 0x1000), so
    // that SYS starts where a jffs2 partition may.
    uboot: fc.integer({ min: 1, max: 6 }),
    sys: names(1, 8).chain((list) =>
      fc.tuple(...list.map((name) => fc.record({ name: fc.constant(name), blocks: fc.integer({ min: 1, max: 64 }), fs: fc.constantFrom<Filesystem | undefined>(undefined, 'squashfs', 'jffs2'), readonly: fc.boolean() }))),
    ),
    envMerge: fc.boolean(),
  })
  .map(({ uboot, sys, envMerge }): LayoutDocument => {
    const base = emptySstarDocument('sstar-nor');
    const boot: Partition[] = [
      ['IPL', 0x10000, 'bootloader'],
      ['IPL_CUST', 0x10000, 'boot-config'],
      ['MXPT', 0x10000, 'table'],
      ['UBOOT', uboot * 64 * KiB - 4 * KiB, 'bootloader'],
      ['UBOOT_ENV', 4 * KiB, 'env'],
    ].map(([name, size, kind]) => ({ id: String(name).toLowerCase().replace('_', '-'), name: String(name), area: 'boot', offset: 'auto', size: Number(size), kind: kind as Partition['kind'] }));
    const partitions: Partition[] = sys.map((p) => ({
      id: p.name,
      name: p.name,
      area: 'sys',
      offset: 'auto',
      size: p.blocks * 0x10000,
      kind: p.fs ? 'filesystem' : 'data',
      ...(p.fs ? { fs: p.fs } : {}),
      ...(p.readonly ? { flags: ['readonly'] } : {}),
    }));
    return { ...base, device: { ...base.device, size: 32 * MiB, ...(envMerge ? { sstar: { envMerge } } : {}) }, partitions: [...boot, ...partitions] };
  });

const copies = (maxCount: number, maxSlot: number) => fc.record({ count: fc.integer({ min: 1, max: maxCount }), slot: fc.integer({ min: 1, max: maxSlot }).map((n) => n * BLOCK), spareBlocks: fc.integer({ min: 0, max: 5 }) });

const nandLayout = fc
  .record({
    ipl: copies(3, 1),
    iplCust: copies(3, 1),
    uboot: copies(2, 4),
    env: fc.option(fc.record({ count: fc.integer({ min: 1, max: 2 }), slot: fc.constant(BLOCK), spareBlocks: fc.integer({ min: 1, max: 2 }) }), { nil: undefined }),
    sys: names(1, 5).chain((list) => fc.tuple(...list.map((name) => fc.record({ name: fc.constant(name), blocks: fc.integer({ min: 1, max: 40 }) })))),
    volumes: names(0, 4).chain((list) => fc.tuple(...list.map((name) => fc.record({ name: fc.constant(`v${name}`), leb: fc.integer({ min: 1, max: 100 }), readOnly: fc.option(fc.boolean(), { nil: undefined }) })))),
  })
  .map(({ ipl, iplCust, uboot, env, sys, volumes }): LayoutDocument => {
    const base = emptySstarDocument('sstar-nand');
    const boot: Partition[] = [
      { id: 'cis', name: 'CIS', area: 'boot', offset: 'auto', size: 10 * BLOCK, kind: 'table' },
      { id: 'ipl', name: 'IPL', area: 'boot', offset: 10 * BLOCK, size: ipl.slot, kind: 'bootloader', copies: ipl },
      { id: 'ipl-cust', name: 'IPL_CUST', area: 'boot', offset: 'auto', size: iplCust.slot, kind: 'boot-config', copies: iplCust },
      { id: 'uboot', name: 'UBOOT', area: 'boot', offset: 'auto', size: uboot.slot, kind: 'bootloader', copies: uboot },
      env ? { id: 'env', name: 'ENV', area: 'boot', offset: 'auto', size: env.slot, kind: 'env', copies: env } : { id: 'env', name: 'ENV', area: 'boot', offset: 'auto', size: 3 * BLOCK, kind: 'env' },
    ];
    const parts: Partition[] = sys.map((p) => ({ id: p.name, name: p.name, area: 'sys', offset: 'auto', size: p.blocks * BLOCK, kind: 'data' }));
    const vols: Volume[] = volumes.map((v) => ({ id: v.name, name: v.name, size: v.leb * 126976, fs: 'ubifs', ...(v.readOnly !== undefined ? { readOnly: v.readOnly } : {}) }));
    const ubi: Partition = { id: 'ubi', name: 'UBI', area: 'sys', offset: 'auto', size: 'rest', kind: 'ubi', ...(vols.length > 0 ? { volumes: vols } : {}) };
    return { ...base, device: { ...base.device, size: 256 * MiB, sstar: { cisCopies: 5 } }, partitions: [...boot, ...parts, ubi] };
  });

/**
 * What a format keeps of a layout: names, where they are placed, copies, filesystems, flags and
 * volumes (not the images it adds, nor whether an offset was written or followed: a table only
 * has the offsets).
 */
function layoutOf(document: LayoutDocument) {
  const placed = new Map(placementOf(document).partitions.map((p) => [p.partition.id, p]));
  return document.partitions.map((p) => ({
    name: p.name,
    area: p.area,
    start: placed.get(p.id)?.start,
    size: p.size,
    copies: p.copies,
    fs: p.fs,
    flags: p.flags,
    volumes: p.volumes?.map((v) => ({ name: v.name, size: v.size, fs: v.fs, readOnly: v.readOnly })),
  }));
}

describe('SPI-NOR formats read back what they write', () => {
  it.each(['mxp', 'partition-config', 'mtdparts'])('%s', (formatId) => {
    fc.assert(
      fc.property(norLayout, (document) => {
        const back = roundTrip(document, formatId);
        const kept = formatId === 'mtdparts' || formatId === 'mxp' ? (l: ReturnType<typeof layoutOf>) => l.map((p) => ({ ...p, kind: undefined })) : (l: ReturnType<typeof layoutOf>) => l;
        expect(kept(layoutOf(back))).toEqual(kept(layoutOf(document)));
        expect(back.device.size).toBe(document.device.size);
        if (formatId === 'mxp') expect(back.device.sstar?.envMerge === true).toBe(document.device.sstar?.envMerge === true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('SPI-NAND formats read back what they write', () => {
  it.each(['pni', 'partition-config', 'mtdparts'])('%s', (formatId) => {
    fc.assert(
      fc.property(nandLayout, (document) => {
        const back = roundTrip(document, formatId);
        expect(layoutOf(back)).toEqual(layoutOf(document));
        expect(back.device.geometry).toEqual(document.device.geometry);
      }),
      { numRuns: 60 },
    );
  });
});
