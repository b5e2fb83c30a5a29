/**
 * The flashing scripts that go with an eMMC image: a uuu script (NXP's Universal Update Utility,
 * fastboot over USB) that writes the image as sparse chunks guided by its .bmap, so the factory
 * line skips the empty blocks, plus the boot partition write when the firmware lives there; and
 * the `bmaptool copy` command line for a card reader.
 */
import type { LayoutDocument } from '../model/document';
import { fileStem } from '../model/file-stem';
import type { ImagePlan } from './plan';

/** U-Boot's mmc device number: the N of /dev/mmcblkN when the layout names the Linux device, else 0. */
function mmcDevice(document: LayoutDocument): number {
  const match = /mmcblk(\d+)/.exec(document.device.emmc?.linuxDevice ?? '');
  return match ? Number(match[1]) : 0;
}

/** The hardware boot partition the ROM boots from, when it is boot0 or boot1. */
function bootPartition(document: LayoutDocument): 1 | 2 | undefined {
  const from = document.device.emmc?.bootFrom;
  return from === 'boot0' ? 1 : from === 'boot1' ? 2 : undefined;
}

export function uuuScript(document: LayoutDocument, plan: ImagePlan, bootImage?: { name: string; size: number }): string {
  const image = `${fileStem(document)}.img`;
  const hardware = bootPartition(document);
  const lines = [
    'uuu_version 1.2.39',
    '',
    `# ${document.name}: ${image} to the eMMC user area (${plan.size} bytes), empty blocks skipped as the bmap allows.`,
    '# The bootloader that runs fastboot over USB (the board in serial download mode):',
    'SDPS: boot -f u-boot-fastboot.bin',
    '',
    `FB: ucmd setenv emmc_dev ${mmcDevice(document)}`,
    'FB: ucmd mmc dev ${emmc_dev}',
    `FB: flash -raw2sparse -bmap ${image}.bmap all ${image}`,
  ];
  if (hardware !== undefined && bootImage) {
    lines.push(
      '',
      `# The boot firmware into boot${hardware - 1}, and the ROM told to boot from it (mmc partconf: ack, boot partition, access).`,
      `FB: ucmd mmc dev \${emmc_dev} ${hardware}`,
      `FB: download -f ${bootImage.name}`,
      `FB: ucmd mmc write \${fastboot_buffer} 0 0x${Math.ceil(bootImage.size / 512).toString(16)}`,
      `FB: ucmd mmc partconf \${emmc_dev} 1 ${hardware} 0`,
      'FB: ucmd mmc dev ${emmc_dev} 0',
    );
  }
  lines.push('FB: done', '');
  return lines.join('\n');
}

/** The card-reader line: bmaptool writes only the mapped blocks and checks their sha256. */
export function bmaptoolCommand(document: LayoutDocument): string {
  const image = `${fileStem(document)}.img`;
  return `#!/bin/sh\n# Write ${image} to a card or eMMC in a reader (replace /dev/sdX with the device; everything on it is lost).\nset -e\nbmaptool copy --bmap ${image}.bmap ${image} "\${1:-/dev/sdX}"\n`;
}
