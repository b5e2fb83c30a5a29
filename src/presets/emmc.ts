/** eMMC and SD card layouts: an Allwinner SD card with MBR, and an eMMC with hardware boot partitions. */
import { GiB, KiB, MiB } from '../model/units';
import { layout, partitionsIn } from './build';

const SECTOR = 512;
const LINUX_FS_GUID = '0FC63DAF-8483-4772-8E79-3D69D8477DE4';
const BASIC_DATA_GUID = 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7';

/**
 * Allwinner SD card: U-Boot SPL written raw at 8 KiB, then the sfdisk table of a Yocto image
 * (start/size in 512-byte sectors), p4 running to the end of an 8 GB card.
 */
export function allwinnerSdCard() {
  const device = { family: 'emmc' as const, size: 15523840 * SECTOR, model: '8 GB SD card', geometry: { sectorSize: SECTOR }, hardwarePartitions: [], emmc: { soc: 'allwinner', bootFrom: 'user' as const } };
  const areas = [{ id: 'user', name: 'User area', space: 'main', start: 0, size: 'rest' as const, table: 'mbr' as const }];
  return layout('SD card for an Allwinner board (MBR, A/B rootfs)', device, areas, [
    ...partitionsIn('user', [
      { name: 'u-boot-spl', offset: 8 * KiB, size: 1016 * KiB, kind: 'bootloader', raw: true, description: 'u-boot-sunxi-with-spl.bin, read by the boot ROM at 8 KiB; not in the partition table' },
      { name: 'boot', offset: 4096 * SECTOR, size: 81920 * SECTOR, kind: 'filesystem', fs: 'vfat', mbr: { type: 0x0c, bootable: true }, description: 'Kernel, device tree and boot.scr' },
      { name: 'rootfs_a', offset: 86016 * SECTOR, size: 681574 * SECTOR, kind: 'rootfs', fs: 'ext4', mbr: { type: 0x83 } },
      { name: 'rootfs_b', offset: 770048 * SECTOR, size: 681574 * SECTOR, kind: 'rootfs', fs: 'ext4', mbr: { type: 0x83 } },
      { name: 'data', offset: 1454080 * SECTOR, size: 'rest', kind: 'filesystem', fs: 'ext4', mbr: { type: 0x83 } },
    ]),
  ]);
}

/**
 * 16 GB eMMC on an i.MX 6 board: boot firmware (u-boot.imx) in the hardware partition boot0 at
 * the ROM's 1 KiB offset (boot1 keeps the inactive copy for a safe update), a GPT user area with
 * partitions aligned to 8 MiB. Moved to the user area, the firmware's 1 KiB offset lands in the
 * GPT entry array: the rules then offer to move the array.
 */
export function emmcBootPartitions() {
  const device = {
    family: 'emmc' as const,
    size: 30535680 * SECTOR,
    model: '16 GB eMMC',
    geometry: { sectorSize: SECTOR },
    hardwarePartitions: [
      { name: 'boot0' as const, size: 4 * MiB },
      { name: 'boot1' as const, size: 4 * MiB },
    ],
    emmc: { soc: 'imx6', bootFrom: 'boot0' as const },
  };
  const areas = [
    { id: 'boot0', name: 'boot0', space: 'boot0', start: 0, size: 'rest' as const, table: 'none' as const },
    { id: 'boot1', name: 'boot1', space: 'boot1', start: 0, size: 'rest' as const, table: 'none' as const },
    { id: 'user', name: 'User area', space: 'main', start: 0, size: 'rest' as const, table: 'gpt' as const },
  ];
  const align = 8 * MiB;
  return layout('eMMC with boot0/boot1 firmware and a GPT user area', device, areas, [
    ...partitionsIn('boot0', [{ name: 'firmware_a', offset: 1 * KiB, size: 1023 * KiB, kind: 'firmware', raw: true, image: 'u-boot.imx', description: 'Active boot firmware, read by the i.MX ROM at 1 KiB' }]),
    ...partitionsIn('boot1', [{ name: 'firmware_b', offset: 1 * KiB, size: 1023 * KiB, kind: 'firmware', raw: true, image: 'u-boot.imx', description: 'Inactive copy, written first during an update' }]),
    ...partitionsIn('user', [
      { name: 'boot', size: 64 * MiB, align, kind: 'filesystem', fs: 'vfat', gpt: { type: BASIC_DATA_GUID } },
      { name: 'root', size: 1 * GiB, align, kind: 'rootfs', fs: 'ext4', gpt: { type: LINUX_FS_GUID } },
      { name: 'overlay', size: 500 * MiB, align, kind: 'filesystem', fs: 'ext4', gpt: { type: LINUX_FS_GUID } },
      { name: 'data', size: 10 * GiB, align, kind: 'filesystem', fs: 'ext4', gpt: { type: LINUX_FS_GUID } },
    ]),
  ]);
}
