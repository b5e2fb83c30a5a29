/**
 * Round trip: for random geometries and volumes, the emitted image parses back to the same
 * geometry, volume table and data; the streamed image, fed its files in random chunk sizes, equals
 * the image built in memory.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noise } from '../../test-support/image-blobs';
import { emitUbi, streamUbi, ubiLayout } from './emit';
import { ubiGeometry, type UbiFlash } from './geometry';
import { parseUbi } from './parse';

const flash = fc.oneof(
  fc.record({ pebBytes: fc.constantFrom(16384, 65536, 131072), minIoBytes: fc.constant(1), imageSeq: fc.nat({ max: 0xffffffff }) }),
  fc.record({ pebBytes: fc.constantFrom(65536, 131072), minIoBytes: fc.constantFrom(512, 2048), subPageBytes: fc.constantFrom(256, 512), imageSeq: fc.nat({ max: 0xffffffff }) }),
) as fc.Arbitrary<UbiFlash>;

interface RandomVolume {
  id: number;
  static: boolean;
  dataBytes: number;
  slack: number;
  autoresize: boolean;
  seed: number;
  align: number;
}

const volumes: fc.Arbitrary<RandomVolume[]> = fc.uniqueArray(
  fc.record({ id: fc.nat({ max: 60 }), static: fc.boolean(), dataBytes: fc.nat({ max: 300_000 }), slack: fc.nat({ max: 200_000 }), autoresize: fc.boolean(), seed: fc.integer(), align: fc.constantFrom(1, 2, 4) }),
  { selector: (v) => v.id, maxLength: 5 },
);

function specs(flashSpec: UbiFlash, list: RandomVolume[]) {
  const geometry = ubiGeometry(flashSpec);
  let autoresize = false;
  return list.map((v) => {
    const dataBytes = v.static ? Math.max(1, v.dataBytes) : v.dataBytes;
    const first = v.autoresize && !autoresize;
    autoresize ||= first;
    const alignment = geometry.minIoBytes * v.align;
    const usable = geometry.lebBytes - (geometry.lebBytes % alignment);
    return {
      id: v.id,
      name: `vol-${v.id}`,
      type: v.static ? ('static' as const) : ('dynamic' as const),
      // At least the LEBs the data takes (ubinize reserves size / LEB, not size / usable LEB).
      size: Math.max(dataBytes + v.slack + 1, Math.ceil(dataBytes / usable) * geometry.lebBytes),
      autoresize: first,
      alignment,
      data: noise(dataBytes, v.seed),
    };
  });
}

describe('UBI round trip', () => {
  it('emit → parse gives back the geometry, the volume table and each file', () => {
    fc.assert(
      fc.property(flash, volumes, (flashSpec, list) => {
        const input = specs(flashSpec, list);
        const image = emitUbi(flashSpec, input);
        const geometry = ubiGeometry(flashSpec);
        const parsed = parseUbi(image);
        expect(parsed.geometry).toEqual({ pebBytes: geometry.pebBytes, vidHeaderOffset: geometry.vidHeaderOffset, dataOffset: geometry.dataOffset, lebBytes: geometry.lebBytes, imageSeq: geometry.imageSeq, version: 1 });
        expect(parsed.volumes.map((v) => v.id)).toEqual(input.map((v) => v.id).sort((a, b) => a - b));
        for (const volume of input) {
          const read = parsed.volumes.find((v) => v.id === volume.id)!;
          expect([read.name, read.type, read.autoresize, read.alignment, read.reservedPebs]).toEqual([volume.name, volume.type, volume.autoresize, volume.alignment, Math.ceil(volume.size / geometry.lebBytes)]);
          expect(read.dataPad).toBe(geometry.lebBytes % volume.alignment);
          expect(Buffer.from(read.data.subarray(0, volume.data.length)).equals(Buffer.from(volume.data))).toBe(true);
          expect(read.data.subarray(volume.data.length).every((b) => b === 0xff)).toBe(true);
          if (volume.type === 'static') expect(read.data.length).toBe(volume.data.length);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the streamed image equals the image built in memory, whatever the chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(flash, volumes, fc.integer({ min: 1, max: 70_000 }), async (flashSpec, list, chunk) => {
        const input = specs(flashSpec, list);
        const layout = ubiLayout(flashSpec, input.map((v) => ({ ...v, dataBytes: v.data.length })));
        const parts: Uint8Array[] = [];
        const open = function* (index: number) {
          const data = input[index].data;
          for (let at = 0; at < data.length; at += chunk) yield data.subarray(at, at + chunk);
        };
        for await (const peb of streamUbi(layout, open)) parts.push(peb);
        expect(Buffer.concat(parts).equals(Buffer.from(emitUbi(flashSpec, input)))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
