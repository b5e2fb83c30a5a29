/**
 * Where `writecis` puts the CIS copies on SPI-NAND (U-Boot cmd_mstar.c `writeSpinandCIS`,
 * drvSPINAND_api.c `MDrv_SPINAND_WriteCIS_for_ROM`): copy k (k = 0 .. copies - 1, 1 to 5 copies,
 * CIS_COPIES) erases block 2k, writes the SNI in its page 0 and the 512-byte PNI, padded with
 * 0xFF to a page, in its page 1. Hence CIS copies in blocks 0, 2, 4, 6, 8 and the SDK's
 * 10-block (0x140000) CIS partition.
 */
import { FormatError } from '../errors';
import { PNI_BYTES } from './records';

export const CIS_MAX_COPIES = 5;

/** Byte offsets of the CIS copies (each at its block's page 0; the PNI page follows one page later). */
export function cisCopyOffsets(copies: number, blockSize: number): number[] {
  if (!Number.isInteger(copies) || copies < 1 || copies > CIS_MAX_COPIES) {
    throw new FormatError(`CIS copies must be 1 to ${CIS_MAX_COPIES} (writecis: "number of copies must be 1~5"), found ${String(copies)}`);
  }
  if (!Number.isSafeInteger(blockSize) || blockSize < 1) throw new FormatError(`the block size must be a positive whole number of bytes, found ${String(blockSize)}`);
  return Array.from({ length: copies }, (_, k) => 2 * k * blockSize);
}

/** The page writecis writes after the SNI: the PNI, then 0xFF to the end of the page. */
export function cisPniPage(pni: Uint8Array, pageBytes: number): Uint8Array {
  if (pni.length !== PNI_BYTES) throw new FormatError(`a PNI is ${PNI_BYTES} bytes, found ${pni.length}`);
  if (!Number.isSafeInteger(pageBytes) || pageBytes < PNI_BYTES) throw new FormatError(`a page must hold the ${PNI_BYTES}-byte PNI, found a page of ${String(pageBytes)} bytes`);
  const page = new Uint8Array(pageBytes).fill(0xff);
  page.set(pni);
  return page;
}
