/**
 * The records of an `mtdparts` string as Linux's cmdlinepart parser reads it
 * (drivers/mtd/parsers/cmdlinepart.c):
 *
 *   mtdparts=<mtd-id>:<size>[@<offset>][(<name>)][ro][lk][slc],...[;<mtd-id>:...]
 *
 * A size of `-` takes the rest of the device and must be the last partition of its device.
 */

/** `rest` is the `-` size: everything from the partition's start to the end of the device. */
export type MtdSize = number | 'rest';

export interface MtdPartition {
  size: MtdSize;
  /** Byte offset after `@`; undefined means "right after the previous partition" (0 for the first). */
  offset?: number;
  /** The text between the parentheses; undefined when the partition has none (Linux names it Partition_NNN). */
  name?: string;
  /** `ro`: Linux clears MTD_WRITEABLE. */
  readOnly: boolean;
  /** `lk`: Linux leaves the partition locked at power-up (MTD_POWERUP_LOCK). */
  lock: boolean;
  /** `slc`: SLC emulation on MLC NAND (newer kernels). */
  slc: boolean;
}

export interface MtdDevice {
  /** The mtd-id: Linux's mtd->name (`nand0`, `spi0.0`, `edb7312-nor`...). */
  id: string;
  partitions: MtdPartition[];
}

/** Our bound on partitions in one string (Linux has none; no real flash comes near it). */
export const MAX_MTD_PARTITIONS = 1024;

/** The parameter name Linux's command line and U-Boot's `mtdparts` variable put in front. */
export const MTDPARTS_PREFIX = 'mtdparts=';
