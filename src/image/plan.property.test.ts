/**
 * Properties of image plans: for random NOR layouts with random files attached, the raw image
 * holds each file at its partition's offset and the fill everywhere else; every partition image
 * is its slice of the raw image; and on SPI-NAND each backup copy gets the file at its slot's start.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAMILIES, validate } from '../families';
import { place } from '../layout/place';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type LayoutDocument, type Partition } from '../model/document';
import { exportFile } from '../formats/files';
import { findPreset } from '../presets';
import { collect, MemoryBlobs, noise } from '../test-support/image-blobs';
import { imageFiles } from './outputs';

const BLOCK = 4096;

function norLayout(sizes: number[]): LayoutDocument {
  const family = FAMILIES.nor;
  const device = { ...family.defaultDevice(), size: 256 * BLOCK };
  const partitions: Partition[] = sizes.map((blocks, i) => ({ id: `p${i}`, name: `p${i}`, area: 'flash', offset: 'auto', size: blocks * BLOCK, kind: 'data' }));
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name: 'random', device, areas: family.defaultAreas(device), partitions };
}

describe('image plans', () => {
  it('put each file at its partition and the fill everywhere else', async () => {
    await fc.assert(
      fc.asyncProperty(
        // A file of any length up to its slot, uniform over the bytes (a fraction drawn by fc.double clusters near 0).
        fc.array(
          fc.integer({ min: 1, max: 30 }).chain((blocks) => fc.record({ blocks: fc.constant(blocks), length: fc.nat(blocks * BLOCK), attached: fc.boolean(), seed: fc.integer() })),
          { minLength: 1, maxLength: 8 },
        ),
        fc.integer({ min: 1, max: 9000 }),
        async (parts, chunk) => {
          const blobs = new MemoryBlobs(chunk);
          let document = norLayout(parts.map((p) => p.blocks));
          const files = new Map<string, Uint8Array>();
          for (const [i, part] of parts.entries()) {
            if (!part.attached) continue;
            const bytes = noise(part.length, part.seed);
            files.set(`p${i}`, bytes);
            document = await blobs.attach(document, `p${i}`, `f${i}.bin`, bytes);
          }
          expect(validate(document).problems.filter((p) => p.severity === 'error')).toEqual([]);
          const outputs = imageFiles(document, blobs.source).files;
          const raw = await collect(outputs.find((f) => f.kind === 'raw')!.stream());
          const expected = new Uint8Array(document.device.size).fill(0xff);
          for (const placed of place(document, FAMILIES.nor).partitions) {
            const bytes = files.get(placed.partition.name);
            if (bytes) expected.set(bytes, placed.start);
            const image = outputs.find((f) => f.name === `${placed.partition.name}.part.bin`);
            if (bytes && bytes.length > 0) expect(Buffer.compare(Buffer.from(await collect(image!.stream())), Buffer.from(expected.subarray(placed.start, placed.end)))).toBe(0);
          }
          expect(Buffer.compare(Buffer.from(raw), Buffer.from(expected))).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('SPI-NAND: the file at the start of every copy slot, PARTINFO.pni in page 1 of CIS blocks 0, 2, 4', async () => {
    const blobs = new MemoryBlobs();
    const ipl = noise(0x5000, 11);
    const document = await blobs.attach(findPreset('sstar-nand')!.build(), 'IPL', 'IPL.bin', ipl);
    const raw = await collect(imageFiles(document, blobs.source).files.find((f) => f.kind === 'raw')!.stream());
    const placed = place(document, FAMILIES['sstar-nand']).partitions.find((p) => p.partition.name === 'IPL')!;
    expect(placed.copies.length).toBe(2);
    for (const copy of placed.copies) {
      expect(Buffer.compare(Buffer.from(raw.subarray(copy.start, copy.start + ipl.length)), Buffer.from(ipl))).toBe(0);
      expect(raw.subarray(copy.start + ipl.length, copy.spareEnd).every((b) => b === 0xff)).toBe(true);
    }
    const block = 0x20000;
    const page = 2048;
    const pni = exportFile(document, 'pni');
    if (!pni.ok) throw new Error(pni.message);
    for (const copy of [0, 2, 4]) {
      const at = copy * block + page;
      const record = raw.subarray(at, at + 512);
      expect(Buffer.compare(Buffer.from(record), Buffer.from(pni.file.bytes))).toBe(0);
      // The PNI's own check: a 32-bit sum of bytes 4..511 at 0; 64 spare and 2048 page bytes after it.
      expect(record.subarray(4).reduce((sum, b) => sum + b, 0)).toBe(new DataView(record.buffer, record.byteOffset).getUint32(0, true));
      expect([record[4] | (record[5] << 8), record[6] | (record[7] << 8)]).toEqual([64, 2048]);
      expect(raw.subarray(at - page, at).every((b) => b === 0xff)).toBe(true);
    }
    expect(raw.subarray(block, 2 * block).every((b) => b === 0xff)).toBe(true);
  });
});
