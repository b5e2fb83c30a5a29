/** Images as pieces: sorted, checked to fit and not to overlap; a layout's pieces from its family. */
import { describe, expect, it } from 'vitest';
import { FormatError } from '../codecs/errors';
import { normalizeDocument } from '../families';
import { findPreset } from '../presets';
import { composeImage, layoutImage } from './disk-image';

const piece = (offset: number, length: number) => ({ offset, bytes: new Uint8Array(length).fill(1) });

describe('composeImage', () => {
  it('sorts the pieces and drops empty ones', () => {
    expect(composeImage(100, [piece(50, 10), piece(0, 10), piece(20, 0)]).pieces.map((p) => p.offset)).toEqual([0, 50]);
  });

  it('names the pieces that overlap or do not fit', () => {
    expect(() => composeImage(100, [piece(0, 10), piece(5, 10)])).toThrow(new FormatError('the bytes at 0x5 overlap those at 0x0 (which end at 0xA)'));
    expect(() => composeImage(100, [piece(95, 10)])).toThrow(/10 bytes at 0x5F do not fit the 0x64-byte image/);
  });
});

describe('layoutImage', () => {
  it('an eMMC user area: the table pieces over the whole space', () => {
    const document = normalizeDocument(findPreset('emmc-boot')!.build());
    const image = layoutImage(document);
    expect(image.size).toBe(document.device.size);
    // Protective MBR, primary header, entries, backup entries, backup header (sector numbers).
    expect(image.pieces.map((p) => [p.offset / 512, p.bytes.length / 512])).toEqual([
      [0, 1],
      [1, 1],
      [2, 32],
      [document.device.size / 512 - 33, 32],
      [document.device.size / 512 - 1, 1],
    ]);
  });

  it('a space the family has no table in is all hole', () => {
    const document = normalizeDocument(findPreset('emmc-boot')!.build());
    expect(layoutImage(document, 'boot0')).toEqual({ size: 4 * 1024 * 1024, pieces: [] });
    expect(() => layoutImage(document, 'gp9')).toThrow(/has no address space "gp9"/);
  });
});
