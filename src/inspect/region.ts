/**
 * The inspector's answer: a tree of regions with absolute offsets, each with the words of the
 * issue's JSON shape (`type`), its table's or header's name, the fields its structure holds, and
 * warnings that name the offset they are about.
 */

export type RegionType =
  | 'mbr' | 'gpt' | 'mbr-partition' | 'gpt-partition' | 'esp32-partition-table' | 'esp32-partition' | 'esp32-bootloader' | 'esp32-app'
  | 'mxp-table' | 'mxp-partition' | 'cis' | 'pni-partition' | 'uboot-env' | 'mtd-partition' | 'squashfs' | 'jffs2' | 'ubi' | 'ubi-volume'
  | 'ubifs' | 'ext2' | 'ext3' | 'ext4' | 'vfat' | 'fit' | 'fdt' | 'uimage' | 'android-sparse' | 'gzip' | 'xz' | 'lzma' | 'zstd' | 'elf'
  | 'erased' | 'zero' | 'unknown';

/** Types that are entries of a partition table: containers, never skipped over by the scan. */
const PARTITION_TYPES: ReadonlySet<RegionType> = new Set(['mbr-partition', 'gpt-partition', 'esp32-partition', 'mxp-partition', 'pni-partition', 'mtd-partition', 'ubi-volume']);

export const isPartition = (type: RegionType): boolean => PARTITION_TYPES.has(type);

export interface InspectWarning {
  offset: number;
  message: string;
}

export type Details = Record<string, unknown>;

export interface Region {
  offset: number;
  size: number;
  type: RegionType;
  name: string | null;
  details: Details;
  children: Region[];
  warnings: InspectWarning[];
}

export interface Inspection {
  size: number;
  regions: Region[];
}

export function region(type: RegionType, offset: number, size: number, name: string | null = null, details: Details = {}, children: Region[] = []): Region {
  return { offset, size, type, name, details, children, warnings: [] };
}

export const regionEnd = (r: Pick<Region, 'offset' | 'size'>): number => r.offset + r.size;

/** Every region of the tree, depth first. */
export function* allRegions(regions: readonly Region[]): Generator<Region> {
  for (const r of regions) {
    yield r;
    yield* allRegions(r.children);
  }
}
