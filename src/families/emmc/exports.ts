/**
 * The commands that set where an eMMC boots from and write the boot firmware there:
 * EXT_CSD PARTITION_CONFIG through mmc-utils (`mmc bootpart enable`) from Linux and `mmc partconf`
 * from U-Boot (BOOT_PARTITION_ENABLE 1 boot0, 2 boot1, 7 user area; BOOT_ACK on), and the dd
 * lines for the firmware (the boot partitions are read-only until force_ro is cleared).
 */
import { place } from '../../layout/place';
import type { LayoutDocument } from '../../model/document';
import { activeFirmware } from './boot-firmware';
import { bootSource, hasBootPartitions, isBootFirmware, linuxDevice, sectorSize } from './disk';
import { emmcFamily } from './family';

const ENABLE = { boot0: 1, boot1: 2, user: 7 } as const;

export function bootCommands(document: LayoutDocument): string {
  const disk = linuxDevice(document);
  const base = disk.replace(/^\/dev\//, '');
  const source = bootSource(document);
  const placement = place(document, emmcFamily);
  const sector = sectorSize(document);
  const lines = ['#!/bin/sh', `# ${document.name.replace(/[\r\n]+/g, ' ')}: where the boot ROM reads the firmware, and how to write it.`];
  if (hasBootPartitions(document)) {
    const value = ENABLE[source];
    const where = source === 'user' ? 'the user area' : source;
    lines.push(
      '',
      `# Boot from ${where} (EXT_CSD[179] BOOT_PARTITION_ENABLE = ${value}, BOOT_ACK = 1).`,
      '# Linux, mmc-utils:',
      `mmc bootpart enable ${value} 1 ${disk}`,
      '# U-Boot (device 0 here; U-Boot numbers MMC devices its own way):',
      `#   mmc partconf 0 1 ${value} 0`,
    );
    if (source !== 'user') {
      const other = source === 'boot0' ? 'boot1' : 'boot0';
      lines.push('# A safe update writes the inactive copy first, then switches to it:', `#   mmc bootpart enable ${ENABLE[other]} 1 ${disk}`);
    }
  }
  const firmware = placement.partitions.filter((placed) => isBootFirmware(placed.partition) && placed.size > 0);
  if (firmware.length > 0) lines.push('', '# Write the firmware images (file names as the layout gives them):');
  const active = activeFirmware(document);
  for (const placed of firmware) {
    const target = placed.space === 'main' ? disk : `${disk}${placed.space}`;
    const file = placed.partition.image ?? `${placed.partition.name}.bin`;
    const dd = `dd if=${file} of=${target} bs=${sector} seek=${placed.start / sector} conv=fsync,notrunc`;
    lines.push(`# ${placed.partition.name}${placed.partition.id === active?.id ? ' (the copy the ROM boots)' : ''}`);
    if (placed.space === 'main') lines.push(dd);
    else lines.push(`echo 0 > /sys/block/${base}${placed.space}/force_ro`, dd, `echo 1 > /sys/block/${base}${placed.space}/force_ro`);
  }
  return lines.join('\n') + '\n';
}
