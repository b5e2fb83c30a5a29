/**
 * What the SDK's names mean: the kind of a partition called IPL, MXPT or UBI, and which image of
 * partition.config writes it. The vendor configs name images after their partitions in lower
 * case (IPL_CUST → ipl_cust), except where one image writes several partitions: `kernel` writes
 * KERNEL and RECOVERY, `uboot` writes UBOOT0/1 and, on SPI-NAND, ENV; MXPT is the `mxp` image.
 * UBOOT_ENV (SPI-NOR) and the UBI partition have no image: the tables list them literally.
 */
import type { Filesystem, PartitionKind } from '../../model/document';

const KIND_BY_NAME: Record<string, PartitionKind> = {
  CIS: 'table',
  MXPT: 'table',
  IPL: 'bootloader',
  UBOOT: 'bootloader',
  IPL_CUST: 'boot-config',
  UBOOT_ENV: 'env',
  ENV: 'env',
  KERNEL: 'kernel',
  RECOVERY: 'recovery',
  rootfs: 'rootfs',
  UBI: 'ubi',
};

/** `IPL0` → `IPL`: copies and runs are numbered after the name. */
export function baseName(name: string): string {
  return name.replace(/[0-9]+$/, '');
}

export function kindOf(name: string, fs?: Filesystem): PartitionKind {
  const kind = KIND_BY_NAME[name] ?? KIND_BY_NAME[baseName(name)];
  if (kind) return kind;
  return fs ? 'filesystem' : 'data';
}

/** Names the SDK numbers per copy (IPL0, IPL1, ENV0...): their image does not depend on the number. */
export const NUMBERED: ReadonlySet<string> = new Set(['IPL', 'IPL_CUST', 'UBOOT', 'ENV']);

/**
 * Whether a run of `length` numbered names from `base`0 reads as copies of one partition: two or
 * more always (IPL0, IPL1; a table gives no other sign of copies), one only for the SDK's own
 * numbered names (the single IPL0 of tdautc19841202/IPC's i6b0 config), not for any name ending in 0.
 */
export function readsAsCopies(base: string, length: number): boolean {
  return length >= 2 || NUMBERED.has(base);
}

/** The image an SDK config gives a partition of this name, or undefined for those the tables list literally. */
export function imageOf(name: string, nand: boolean): string | undefined {
  const base = NUMBERED.has(baseName(name)) ? baseName(name) : name;
  if (base === 'MXPT') return 'mxp';
  if (base === 'RECOVERY') return 'kernel';
  if (base === 'ENV') return nand ? 'uboot' : undefined;
  if (base === 'UBOOT_ENV' || base === 'UBI') return undefined;
  return base.toLowerCase();
}

/** The BOOT area the SDK recommends keeping as it is, in order. */
export const NOR_BOOT_NAMES = ['IPL', 'IPL_CUST', 'MXPT', 'UBOOT', 'UBOOT_ENV'];
export const NAND_BOOT_NAMES = ['CIS', 'IPL', 'IPL_CUST', 'UBOOT', 'ENV'];
