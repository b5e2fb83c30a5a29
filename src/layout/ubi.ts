/**
 * What a UBI partition can hold, as Linux's UBI computes it (drivers/mtd/ubi): each PEB gives
 * one LEB of PEB − 2 pages (the EC and VID headers take one page each on NAND without
 * sub-pages: 126976 bytes for 128 KiB blocks of 2 KiB pages, SigmaStar's UBI_MLC_TYPE 0), and
 * UBI keeps PEBs of its own: 2 for the layout volume, 1 for wear-levelling, 1 for atomic LEB
 * changes, and a bad-block reserve of 20 PEBs per 1024 of the whole chip (CONFIG_MTD_UBI_BEB_LIMIT,
 * rounded up, get_bad_peb_limit in build.c).
 */

/** UBI_LAYOUT_VOLUME_EBS + WL_RESERVED_PEBS + EBA_RESERVED_PEBS. */
export const UBI_OWN_PEBS = 4;
/** The kernel's default CONFIG_MTD_UBI_BEB_LIMIT: PEBs per 1024 PEBs of the chip. */
export const UBI_BAD_BLOCK_LIMIT = 20;

export interface UbiGeometry {
  /** Bytes of the UBI partition. */
  partitionBytes: number;
  /** Bytes of the whole chip: the bad-block reserve scales with it, not with the partition. */
  chipBytes: number;
  /** The erase block (PEB). */
  pebBytes: number;
  /** The NAND page (minimal I/O unit). */
  pageBytes: number;
}

export interface UbiCapacity {
  lebBytes: number;
  pebs: number;
  /** PEBs UBI keeps for itself and for bad blocks. */
  reservedPebs: number;
  /** LEBs the volumes can have. */
  usableLebs: number;
}

/** ceil(chipPebs × limit / 1024), the way get_bad_peb_limit rounds. */
export function badBlockReserve(chipPebs: number, limit = UBI_BAD_BLOCK_LIMIT): number {
  return Math.ceil((chipPebs * limit) / 1024);
}

export function ubiCapacity(geometry: UbiGeometry): UbiCapacity {
  const { partitionBytes, chipBytes, pebBytes, pageBytes } = geometry;
  const lebBytes = Math.max(0, pebBytes - 2 * pageBytes);
  const pebs = Math.floor(partitionBytes / pebBytes);
  const reservedPebs = UBI_OWN_PEBS + badBlockReserve(Math.floor(chipBytes / pebBytes));
  return { lebBytes, pebs, reservedPebs, usableLebs: lebBytes === 0 ? 0 : Math.max(0, pebs - reservedPebs) };
}
