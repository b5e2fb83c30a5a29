/**
 * CHS triples as libfdisk writes them (include/pt-mbr.h, dos_partition_sync_chs): a geometry of
 * 255 heads × 63 sectors per track, and any address past cylinder 1023 clamped to the last
 * addressable sector (C1023 H254 S63, stored FE FF FF). Linux ignores CHS; they are computed only
 * so our tables match sfdisk's byte for byte.
 */

export const HEADS = 255;
export const SECTORS_PER_TRACK = 63;
const PER_CYLINDER = HEADS * SECTORS_PER_TRACK;
const LAST_ADDRESSABLE = PER_CYLINDER * 1024 - 1;

/** The three CHS bytes (head, sector | cylinder bits 8–9 << 6, cylinder bits 0–7) of an absolute LBA. */
export function chsBytes(lba: number): [number, number, number] {
  const clamped = Math.floor(lba / PER_CYLINDER) > 1023 ? LAST_ADDRESSABLE : lba;
  const cylinder = Math.floor(clamped / PER_CYLINDER);
  const head = Math.floor(clamped / SECTORS_PER_TRACK) % HEADS;
  const sector = (clamped % SECTORS_PER_TRACK) + 1;
  return [head, sector + Math.floor(cylinder / 256) * 64, cylinder % 256];
}
