/** The table type a partition gets when the layout does not say: from its filesystem and kind. */
import { GPT_TYPE_EFI_SYSTEM, GPT_TYPE_LINUX_DATA, GPT_TYPE_UBOOT_ENV } from '../../codecs/gpt';
import type { Partition } from '../../model/document';

const GPT_SWAP = '0657FD6D-A4AB-43C4-84E5-0933C84B4F4F';
const GPT_BASIC_DATA = 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7';

export const MBR_LINUX = 0x83;
export const MBR_FAT32_LBA = 0x0c;
export const MBR_SWAP = 0x82;

const isFat = (partition: Partition) => partition.fs === 'vfat' || partition.fs === 'fat';

export function mbrTypeOf(partition: Partition): number {
  if (partition.mbr) return partition.mbr.type;
  if (isFat(partition)) return MBR_FAT32_LBA;
  if (partition.fs === 'swap') return MBR_SWAP;
  return MBR_LINUX;
}

export function gptTypeOf(partition: Partition): string {
  if (partition.gpt) return partition.gpt.type.toUpperCase();
  if (partition.kind === 'env') return GPT_TYPE_UBOOT_ENV;
  if (isFat(partition)) return GPT_BASIC_DATA;
  if (partition.fs === 'swap') return GPT_SWAP;
  return GPT_TYPE_LINUX_DATA;
}

/** What a table entry's type says about the partition, for a layout read from a table. */
export function kindOfType(type: number | string): Pick<Partition, 'kind' | 'fs'> {
  const code = typeof type === 'string' ? type.toUpperCase() : type;
  if (code === GPT_TYPE_UBOOT_ENV) return { kind: 'env' };
  if (code === GPT_SWAP || code === MBR_SWAP) return { kind: 'data', fs: 'swap' };
  if (code === GPT_TYPE_EFI_SYSTEM || code === GPT_BASIC_DATA || [0x01, 0x04, 0x06, 0x0b, 0x0c, 0x0e, 0xef].includes(code as number)) return { kind: 'filesystem', fs: 'vfat' };
  return { kind: 'filesystem' };
}
