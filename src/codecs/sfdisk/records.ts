/**
 * The records of an sfdisk script (util-linux 2.38 sfdisk(8) "INPUT FORMATS"): headers, then one
 * line per partition. Values are kept as the script states them (a size in sectors or with its
 * unit, the partition's device name) so a script read and written again says the same thing;
 * where sfdisk would put an unstated value is resolveSfdiskScript's job.
 */

export type SfdiskLabel = 'dos' | 'gpt';

/** A start or size: a number of sectors (`suffix` empty), or of bytes with the unit as written. */
export interface SfdiskAmount {
  value: number;
  /** '' (sectors), or K, KiB, KB, M, MiB, MB, … as written. */
  suffix: string;
}

export interface SfdiskPartitionLine {
  /** The `dev : ` prefix as written; its trailing digits fix the partition number. */
  device?: string;
  /** Absent: sfdisk's default (the first free aligned sector, or for GPT the largest free area). */
  start?: SfdiskAmount;
  /** Absent: as large as possible. */
  size?: SfdiskAmount;
  /** dos: the system ID byte; gpt: the type GUID (upper case). Absent: Linux. */
  type?: number | string;
  /** dos only. */
  bootable?: boolean;
  /** gpt only. */
  name?: string;
  /** gpt only: the partition's unique GUID (upper case). */
  uuid?: string;
  /** gpt only: the attribute bits. */
  attributes?: bigint;
  /** 1-based line of the script (set by the parser, ignored by the writer). */
  line?: number;
}

export const HEADER_NAMES = ['label', 'label-id', 'device', 'unit', 'first-lba', 'last-lba', 'table-length', 'grain', 'sector-size'] as const;
export type SfdiskHeaderName = (typeof HEADER_NAMES)[number];

export interface SfdiskScript {
  /** Absent: sfdisk creates a dos label. */
  label?: SfdiskLabel;
  /** dos: the 32-bit disk signature; gpt: the disk GUID (upper case). */
  labelId?: number | string;
  /** Informational (written by --dump). */
  device?: string;
  unit?: 'sectors';
  firstLba?: number;
  lastLba?: number;
  tableLength?: number;
  /** Alignment in bytes. */
  grain?: number;
  /** Informational: sfdisk 2.38 uses the device's own sector size. */
  sectorSize?: number;
  partitions: SfdiskPartitionLine[];
  /** Line of each header (set by the parser, ignored by the writer). */
  headerLines?: Partial<Record<SfdiskHeaderName, number>>;
}

export interface SfdiskWarning {
  message: string;
  line?: number;
  column?: number;
}
