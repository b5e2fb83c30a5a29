/**
 * The flashing scripts that go with an eMMC image: a uuu script (NXP's Universal Update Utility,
 * fastboot over USB) that writes the image as sparse chunks guided by its .bmap, so the factory
 * line skips the empty blocks, plus the boot partition write when the firmware lives there; and
 * the `bmaptool copy` command line for a card reader.
 */
import { familyOf } from '../families';
import { place } from '../layout/place';
import type { LayoutDocument, Partition } from '../model/document';
import { fileStem } from '../model/file-stem';
import type { ImagePlan } from './plan';

/** What the script boots when the layout attaches no bootloader file: the user puts that file there. */
const PLACEHOLDER_LOADER = 'u-boot-fastboot.bin';

/** U-Boot's mmc device number: the N of /dev/mmcblkN when the layout names the Linux device, else 0. */
function mmcDevice(document: LayoutDocument): number {
  const match = /mmcblk(\d+)/.exec(document.device.emmc?.linuxDevice ?? '');
  return match ? Number(match[1]) : 0;
}

/** The hardware boot partition the ROM boots from, when it is boot0 or boot1 (not the user area). */
function romBootSpace(document: LayoutDocument): 'boot0' | 'boot1' | undefined {
  const from = document.device.emmc?.bootFrom;
  return from === 'boot0' || from === 'boot1' ? from : undefined;
}

/** That partition as `mmc dev N part` numbers it: 1 for boot0, 2 for boot1. */
function bootPartition(document: LayoutDocument): 1 | 2 | undefined {
  const space = romBootSpace(document);
  return space === undefined ? undefined : space === 'boot0' ? 1 : 2;
}

/**
 * The partition holding what the ROM boots: the first bootloader or firmware partition of the
 * space it boots from (boot0/boot1, else the user area). The same U-Boot is what uuu sends over
 * serial download to run fastboot.
 */
function romBootloader(document: LayoutDocument): Partition | undefined {
  const space = romBootSpace(document) ?? 'main';
  return place(document, familyOf(document))
    .partitions.filter((p) => p.space === space && (p.partition.kind === 'bootloader' || p.partition.kind === 'firmware'))
    .sort((a, b) => a.start - b.start)[0]?.partition;
}

/** The SDPS line, naming the attached bootloader; else the placeholder and a comment saying what goes there. */
function serialDownloadLines(document: LayoutDocument): string[] {
  const loader = romBootloader(document);
  if (loader?.attachment) return [`SDPS: boot -f ${loader.attachment.fileName}`];
  const wanted = loader
    ? `No bootloader file is attached: put the fastboot-capable U-Boot of "${loader.name}"${loader.image ? ` (${loader.image})` : ''}`
    : "No bootloader file is attached and the layout has no bootloader partition: put this board's fastboot-capable U-Boot";
  return [`# ${wanted} next to this script as ${PLACEHOLDER_LOADER}.`, `SDPS: boot -f ${PLACEHOLDER_LOADER}`];
}

export function uuuScript(document: LayoutDocument, plan: ImagePlan, bootImage?: { name: string; size: number }): string {
  const image = `${fileStem(document)}.img`;
  const hardware = bootPartition(document);
  const lines = [
    'uuu_version 1.2.39',
    '',
    `# ${document.name}: ${image} to the eMMC user area (${plan.size} bytes), empty blocks skipped as the bmap allows.`,
    '# The bootloader that runs fastboot over USB (the board in serial download mode):',
    ...serialDownloadLines(document),
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
