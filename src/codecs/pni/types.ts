/**
 * Partition type codes (spec §2; UNFD_PART_* in pnigenerator.c and U-Boot spinand.h). Names map to
 * codes exactly as pnigenerator's FindPartTypeByName does (exact, case-sensitive; the union of the
 * three published copies: rootfs_bak is missing from one, ota and media are only in Xuxiaojiao/ssd202,
 * KEY_CUST only in industio/PurPle-Pi-R1); anything else is UNKNOWN (0xF000).
 */

/** Flag bit: the partition is wear-levelled (UNFD_LOGI_PART). */
export const PNI_LOGICAL = 0x8000;
/** Flag bit: the partition is hidden from mtdparts (UNFD_HIDDEN_PART). */
export const PNI_HIDDEN = 0x4000;
export const PNI_TYPE_UNKNOWN = 0xf000;

const CODE_BY_NAME = new Map<string, number>([
  ['CIS', 0x20],
  ['MISC', 0x0e],
  ['IPL_CUST0', 0x01],
  ['IPL_CUST1', 0x01],
  ['IPL_CUST2', 0x01],
  ['KERNEL', 0x12],
  ['IPL0', 0x03],
  ['IPL1', 0x03],
  ['IPL2', 0x03],
  ['UBOOT0', 0x06],
  ['UBOOT1', 0x06],
  ['RECOVERY', 0x09],
  ['ENV', 0x0d],
  ['ENV0', 0x0d],
  ['ENV1', 0x0d],
  ['RTOS', 0x10],
  ['RTOS_BACKUP', 0x11],
  ['rootfs', 0x0f],
  ['rootfs_bak', 0x1f],
  ['ota', 0x1e],
  ['media', 0x1d],
  ['CUST0', 0x30],
  ['CUST1', 0x31],
  ['CUST2', 0x32],
  ['CUST3', 0x33],
  ['CUSTf', 0x3f],
  ['UBI', 0x21],
  ['PART_END', 0xc000],
  ['LOGO', 0x02],
  ['KEY_CUST', 0x40],
]);

/** The names pnigenerator's listing shows for a code when it has no entry name (FindNameByType). */
const NAME_BY_CODE = new Map<number, string>([
  [0x20, 'CIS'],
  [0x03, 'IPL'],
  [0x0e, 'MISC'],
  [0x01, 'IPL_CUST'],
  [0x12, 'KERNEL'],
  [0x06, 'UBOOT'],
  [0x09, 'RECOVERY'],
  [0x0d, 'ENV'],
  [0x10, 'RTOS'],
  [0x11, 'RTOS_BAK'],
  [0x30, 'CUST0'],
  [0x31, 'CUST1'],
  [0x32, 'CUST2'],
  [0x33, 'CUST3'],
  [0x0f, 'ROOTFS'],
  [0x1f, 'ROOTFS_BAK'],
  [0x1e, 'OTA'],
  [0x1d, 'MEDIA'],
  [0xc000, 'PART_END'],
  [0x02, 'LOGO'],
  [0x21, 'UBI'],
  [0x40, 'KEY_CUST'],
]);

/** The code pnigenerator stores for an entry name. */
export function pniTypeCode(name: string): number {
  return CODE_BY_NAME.get(name) ?? PNI_TYPE_UNKNOWN;
}

/** The generator's name for a code, or undefined for a code it does not know (kept as a number). */
export function pniTypeName(code: number): string | undefined {
  return NAME_BY_CODE.get(code);
}
