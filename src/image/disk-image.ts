/**
 * A disk or flash image as pieces: the bytes to write at each offset of one address space, and
 * the image's size. Everything between pieces is a hole (it reads as zero), so a 16 GiB eMMC
 * image costs only its partition tables. Today the pieces are the family's own tables; images
 * placed into partitions are further pieces of the same list.
 */
import { FormatError } from '../codecs/errors';
import { familyOf } from '../families';
import type { BytePiece } from '../layout/family';
import type { LayoutDocument } from '../model/document';
import { formatHex } from '../model/units';

export type ImagePiece = BytePiece;

export interface DiskImage {
  /** Byte size of the image: the whole address space. */
  size: number;
  /** Sorted by offset, not overlapping, each inside the image. */
  pieces: ImagePiece[];
}

/** Sorts pieces and checks they fit the image without overlapping (a located message naming both). */
export function composeImage(size: number, pieces: readonly ImagePiece[]): DiskImage {
  if (!Number.isSafeInteger(size) || size < 0) throw new FormatError(`the image size must be a whole number of bytes, found ${String(size)}`);
  const sorted = pieces.filter((piece) => piece.bytes.length > 0).sort((a, b) => a.offset - b.offset);
  sorted.forEach((piece, index) => {
    const end = piece.offset + piece.bytes.length;
    if (piece.offset < 0 || end > size) throw new FormatError(`${piece.bytes.length} bytes at ${formatHex(piece.offset)} do not fit the ${formatHex(size)}-byte image`);
    const next = sorted[index + 1];
    if (next && next.offset < end) throw new FormatError(`the bytes at ${formatHex(next.offset)} overlap those at ${formatHex(piece.offset)} (which end at ${formatHex(end)})`);
  });
  return { size, pieces: sorted };
}

/** The image of one address space of a layout ("main": the flash, or the eMMC user area). */
export function layoutImage(document: LayoutDocument, space = 'main'): DiskImage {
  const family = familyOf(document);
  const target = family.spaces(document.device).find((s) => s.id === space);
  if (!target) throw new FormatError(`the ${family.title} layout has no address space "${space}"`);
  return composeImage(target.size, family.imagePieces?.(document, space) ?? []);
}
