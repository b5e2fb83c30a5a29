/**
 * Where SoC boot ROMs look for the boot firmware on an SD card or eMMC: a raw offset in the user
 * area (behind the MBR, often inside the space a GPT uses) and, for ROMs that boot from the eMMC
 * hardware boot partitions, the offset there. Sources: U-Boot doc/board (sunxi, imx8m*,
 * rockchip), NXP imx-mkimage (IMX_BOOT_SEEK 33 on i.MX 8M Quad/Mini, 32 on Nano/Plus, 1 on i.MX 6/7),
 * the sunxi wiki (SPL at sector 16), TI AM335x TRM (raw mode at 0x20000).
 */
import { KiB } from '../../model/units';

export interface Soc {
  id: string;
  name: string;
  /** Byte offset of the boot image in the user area (SD card or eMMC user area). */
  userOffset: number;
  /** Byte offset in boot0/boot1, when the ROM boots from the eMMC hardware boot partitions. */
  bootPartitionOffset?: number;
}

export const SOCS: readonly Soc[] = [
  { id: 'allwinner', name: 'Allwinner (sunxi): SPL at 8 KiB', userOffset: 8 * KiB },
  { id: 'imx6', name: 'NXP i.MX 6 / i.MX 7: 1 KiB', userOffset: 1 * KiB, bootPartitionOffset: 1 * KiB },
  { id: 'imx8mq', name: 'NXP i.MX 8M Quad / Mini: 33 KiB', userOffset: 33 * KiB, bootPartitionOffset: 33 * KiB },
  { id: 'imx8mn', name: 'NXP i.MX 8M Nano / Plus, i.MX 93: 32 KiB (0 in boot0/boot1)', userOffset: 32 * KiB, bootPartitionOffset: 0 },
  { id: 'rockchip', name: 'Rockchip: idbloader at 32 KiB (sector 64)', userOffset: 32 * KiB },
  { id: 'am335x', name: 'TI AM335x raw mode: 128 KiB', userOffset: 128 * KiB },
];

export function socById(id: string | undefined): Soc | undefined {
  return SOCS.find((soc) => soc.id === id);
}
