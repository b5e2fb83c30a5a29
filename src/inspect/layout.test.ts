/**
 * Images made from each preset's own exports (the table where the family puts it) inspect back
 * into the same layout: the same partitions at the same offsets with the same sizes.
 */
import { describe, expect, it } from 'vitest';
import { exportFile, importFile } from '../formats/files';
import { validate } from '../families';
import { layoutImage } from '../image/disk-image';
import type { LayoutDocument } from '../model/document';
import { findPreset } from '../presets';
import type { RandomAccessFile } from '../codecs/read-at';
import { inspectFile } from '.';
import { inspectionToLayout } from './layout';

interface Piece {
  offset: number;
  bytes: Uint8Array;
}

/** A file of `size` bytes: the pieces, `fill` elsewhere (never allocated whole). */
function piecesFile(size: number, pieces: Piece[], fill: number): RandomAccessFile {
  return {
    size,
    read(offset, length) {
      const out = new Uint8Array(Math.max(0, Math.min(length, size - offset))).fill(fill);
      for (const p of pieces) {
        const from = Math.max(offset, p.offset);
        const to = Math.min(offset + out.length, p.offset + p.bytes.length);
        if (from < to) out.set(p.bytes.subarray(from - p.offset, to - p.offset), from - offset);
      }
      return out;
    },
  };
}

function exported(document: LayoutDocument, formatId: string): Uint8Array {
  const outcome = exportFile(document, formatId);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.file.bytes;
}

const placed = (document: LayoutDocument, space = 'main') =>
  validate(document)
    .placement.partitions.filter((p) => p.space === space)
    .map((p) => ({ name: p.partition.name, start: p.start, size: p.size }));

const preset = (id: string) => findPreset(id)!.build();
/** Some other family's layout as the one open when the image is turned into a layout. */
const unrelated = preset('qemu-nor');

async function roundTrip(file: RandomAccessFile) {
  const outcome = await inspectionToLayout(file, await inspectFile(file), unrelated);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.document;
}

describe('presets inspect back into their layouts', () => {
  it.each(['sd-allwinner', 'emmc-boot'])('%s: the disk image with its MBR or GPT', async (id) => {
    const document = preset(id);
    const image = layoutImage(document);
    const back = await roundTrip(piecesFile(image.size, image.pieces, 0));
    expect(back.device.family).toBe('emmc');
    // An MBR holds no names and no raw bootloader region: compare what the table holds.
    const inTable = (doc: LayoutDocument) => (doc.areas.some((a) => a.table === 'mbr') ? placed(doc).filter((p) => p.name !== 'u-boot-spl').map(({ start, size }) => ({ start, size })) : placed(doc));
    expect(inTable(back)).toEqual(inTable(document));
  });

  it.each(['esp32-single', 'esp32-ota'])('%s: the ESP-IDF table at 0x8000 of a blank flash', async (id) => {
    const document = preset(id);
    const back = await roundTrip(piecesFile(document.device.size, [{ offset: 0x8000, bytes: exported(document, 'esp32-bin') }], 0xff));
    expect(back.device.family).toBe('esp32');
    expect(placed(back)).toEqual(placed(document));
  });

  it('sstar-nor: MXP_SF.bin in its MXPT partition', async () => {
    const document = preset('sstar-nor');
    const mxpt = placed(document).find((p) => p.name === 'MXPT')!;
    const back = await roundTrip(piecesFile(document.device.size, [{ offset: mxpt.start, bytes: exported(document, 'mxp') }], 0xff));
    expect(back.device.family).toBe('sstar-nor');
    expect(placed(back)).toEqual(placed(document));
  });

  it.each(['sstar-nand', 'sstar-nand-256'])('%s: the PNI in page 1 of the CIS blocks', async (id) => {
    const document = preset(id);
    const { eraseBlock, pageSize } = document.device.geometry as { eraseBlock: number; pageSize: number };
    const pni = exported(document, 'pni');
    const pieces = [0, 2, 4, 6, 8].map((block) => ({ offset: block * eraseBlock + pageSize, bytes: pni }));
    const back = await roundTrip(piecesFile(document.device.size, pieces, 0xff));
    expect(back.device.family).toBe('sstar-nand');
    // The PNI holds the BOOT area (the rest is in mtdparts): the same layout as importing the PNI itself.
    const direct = importFile(pni, unrelated, { formatId: 'pni' });
    expect(direct.ok && placed(back)).toEqual(direct.ok && placed(direct.document));
    expect(placed(back)).toEqual(placed(document).filter((p) => ['CIS', 'IPL', 'IPL_CUST', 'UBOOT', 'ENV'].includes(p.name)));
  });

  it('a NOR dump with no table becomes a generic SPI-NOR layout of what it holds', async () => {
    const flash = new Uint8Array(0x400000).fill(0xff);
    // A squashfs superblock at 1 MiB claiming 200 KiB.
    flash.set([0x68, 0x73, 0x71, 0x73], 0x100000);
    flash.set([0, 0, 2, 0], 0x100000 + 12);
    flash.set([0, 0x20, 3, 0, 0, 0, 0, 0], 0x100000 + 40);
    const back = await roundTrip(piecesFile(flash.length, [{ offset: 0, bytes: flash }], 0xff));
    expect(back.device).toMatchObject({ family: 'nor', size: 0x400000, geometry: { eraseBlock: 0x10000 } });
    expect(back.partitions.map((p) => [p.name, p.offset, p.size, p.kind, p.fs])).toEqual([['rootfs', 0x100000, 0x40000, 'rootfs', 'squashfs']]);
  });
});
