/**
 * What a SigmaStar image holds beyond the user's files: MXP_SF.bin at the start of MXPT on
 * SPI-NOR; on SPI-NAND the 512-byte PARTINFO.pni in page 1 of each CIS copy (blocks 0, 2, 4…, as
 * U-Boot's writecis puts it; page 0, the flash-info SNI, stays erased: writecis takes it from the
 * board's SPINANDINFO.sni, and a file attached to CIS replaces these pages). Both boot images are the BOOT area, the
 * one-bin boot.bin the SDK's [[boot.es burns at 0.
 */
import type { BootImageRange, BytePiece } from '../../layout/family';
import { place } from '../../layout/place';
import { cisCopyOffsets } from '../../codecs/pni';
import type { LayoutDocument } from '../../model/document';
import { nandGeometry } from './geometry';
import { sstarNandBase } from './nand-base';
import { sstarNorBase } from './nor-base';
import { cisCopiesOf } from './options';
import { exportMxp, exportPni } from './table-files';

export const ERASED = 0xff;

export function norImagePieces(document: LayoutDocument, space: string): BytePiece[] {
  if (space !== 'main') return [];
  const mxpt = place(document, sstarNorBase).partitions.find((p) => p.partition.name === 'MXPT');
  return mxpt ? [{ offset: mxpt.start, bytes: exportMxp(document).bytes }] : [];
}

export function nandImagePieces(document: LayoutDocument, space: string): BytePiece[] {
  if (space !== 'main') return [];
  const cis = place(document, sstarNandBase).partitions.find((p) => p.partition.name === 'CIS');
  if (!cis) return [];
  const { pageBytes, blockBytes } = nandGeometry(document.device);
  const pni = exportPni(document).bytes;
  // writecis's copy places (blocks 0, 2, 4…); copies that would not fit the CIS partition are left out.
  return cisCopyOffsets(cisCopiesOf(document), blockBytes)
    .map((copy) => ({ offset: cis.start + copy + pageBytes, bytes: pni }))
    .filter((piece) => piece.offset + pni.length <= cis.start + cis.size);
}

export function sstarBootImage(document: LayoutDocument): BootImageRange | undefined {
  const family = document.device.family === 'sstar-nand' ? sstarNandBase : sstarNorBase;
  const boot = place(document, family).areas.find((a) => a.area.id === 'boot');
  if (!boot || boot.end <= boot.start) return undefined;
  return { space: boot.space, start: boot.start, end: boot.end, fileName: 'boot.bin', title: 'One-bin boot image: the BOOT area as [[boot.es burns it at 0' };
}
