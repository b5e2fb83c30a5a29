/**
 * MBR system ID bytes the designer offers, with a friendly name (util-linux
 * include/pt-mbr-partnames.h lists the names the tools print).
 */

export interface MbrPartitionType {
  code: number;
  name: string;
}

export const MBR_PARTITION_TYPES: readonly MbrPartitionType[] = [
  { code: 0x01, name: 'FAT12' },
  { code: 0x04, name: 'FAT16 (< 32 MiB)' },
  { code: 0x05, name: 'Extended' },
  { code: 0x06, name: 'FAT16' },
  { code: 0x0b, name: 'FAT32 (CHS)' },
  { code: 0x0c, name: 'FAT32 (LBA)' },
  { code: 0x0e, name: 'FAT16 (LBA)' },
  { code: 0x0f, name: 'Extended (LBA)' },
  { code: 0x82, name: 'Linux swap' },
  { code: 0x83, name: 'Linux' },
  { code: 0x85, name: 'Linux extended' },
  { code: 0x8e, name: 'Linux LVM' },
  { code: 0xda, name: 'Non-FS data' },
  { code: 0xee, name: 'GPT protective' },
  { code: 0xef, name: 'EFI System' },
  { code: 0xfd, name: 'Linux RAID autodetect' },
];

const BY_CODE = new Map(MBR_PARTITION_TYPES.map((type) => [type.code, type]));

export function mbrTypeByCode(code: number): MbrPartitionType | undefined {
  return BY_CODE.get(code);
}
