/**
 * SPI-NAND geometry as pnigenerator takes it (-s spare bytes, -p page bytes, -b pages per
 * block, -k block count, -l block size): the document keeps the page, the spare bytes and the
 * block (its erase block) and the device size; pages per block and block count follow.
 */
import type { Device } from '../../model/document';
import { KiB } from '../../model/units';

export interface NandGeometry {
  pageBytes: number;
  spareBytes: number;
  blockBytes: number;
  pagesPerBlock: number;
  blockCount: number;
}

/** pnigenerator's defaults: 2 KiB pages, 64 spare bytes, 64 pages per block (128 KiB), 1024 blocks. */
export const DEFAULT_PAGE = 2 * KiB;
export const DEFAULT_SPARE = 64;
export const DEFAULT_BLOCK = 128 * KiB;

export function nandGeometry(device: Device): NandGeometry {
  const pageBytes = device.geometry.pageSize ?? DEFAULT_PAGE;
  const blockBytes = device.geometry.eraseBlock ?? DEFAULT_BLOCK;
  return {
    pageBytes,
    spareBytes: device.geometry.spareSize ?? DEFAULT_SPARE,
    blockBytes,
    pagesPerBlock: Math.floor(blockBytes / pageBytes),
    blockCount: Math.floor(device.size / blockBytes),
  };
}
