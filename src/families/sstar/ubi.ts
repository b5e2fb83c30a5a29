/** What the volumes of a SigmaStar UBI partition can use (the SDK's `ubi create` inside mtd UBI). */
import type { UbiFlash } from '../../codecs/ubi';
import type { VolumeCapacity } from '../../layout/placement';
import { ubiCapacity } from '../../layout/ubi';
import type { LayoutDocument } from '../../model/document';
import { nandGeometry } from './geometry';

export function ubiVolumeCapacity(size: number, document: LayoutDocument): VolumeCapacity {
  const geometry = nandGeometry(document.device);
  const capacity = ubiCapacity({ partitionBytes: size, chipBytes: document.device.size, pebBytes: geometry.blockBytes, pageBytes: geometry.pageBytes });
  return {
    unit: capacity.lebBytes,
    unitSpan: geometry.blockBytes,
    units: capacity.usableLebs,
    basis: `${capacity.pebs} PEBs less ${capacity.reservedPebs} UBI keeps (4 of its own, ${capacity.reservedPebs - 4} for bad blocks: 20 per 1024 of the chip's ${geometry.blockCount}) leave ${capacity.usableLebs} LEBs of ${capacity.lebBytes} bytes (block − 2 pages)`,
  };
}

/** UBI on the SPI-NAND as the SDK attaches it (ubi.mtd=UBI,2048): no sub-pages, so the VID header is the second page. */
export function ubiFlash(document: LayoutDocument): UbiFlash {
  const geometry = nandGeometry(document.device);
  return { pebBytes: geometry.blockBytes, minIoBytes: geometry.pageBytes };
}
