/**
 * The generic SPI-NOR family's registry entries: the Linux device-tree fixed-partitions node,
 * and booting a FIT from the flash in QEMU (the command line and U-Boot's script, as text and as
 * boot.scr). Each ties a codec to the family's bridge in src/families/nor.
 */
import { bootScript, bootScriptImage, qemuCommands } from '../families/nor/boot-script';
import { exportFixedPartitions, importFixedPartitions, looksLikeFixedPartitions } from '../families/nor/dts';
import type { Format } from './format';

export const norFormats: Format[] = [
  {
    id: 'nor-dts',
    title: 'Device tree fixed-partitions node (Linux MTD)',
    extension: 'dtsi',
    kind: 'table',
    families: ['nor'],
    detect: looksLikeFixedPartitions,
    import: importFixedPartitions,
    export: exportFixedPartitions,
  },
  {
    id: 'nor-uboot-script',
    title: 'U-Boot script: load the FIT by its header size and boot it (boot.cmd)',
    extension: 'cmd',
    kind: 'script',
    families: ['nor'],
    export: (document) => ({ text: bootScript(document) }),
  },
  {
    id: 'nor-uboot-scr',
    title: 'U-Boot script image (boot.scr, as mkimage -T script writes it)',
    extension: 'scr',
    kind: 'binary',
    families: ['nor'],
    export: (document) => ({ bytes: bootScriptImage(document) }),
  },
  {
    id: 'nor-qemu',
    title: 'QEMU command line with the flash on -drive if=mtd',
    extension: 'sh',
    kind: 'snippet',
    families: ['nor'],
    export: (document) => ({ text: qemuCommands(document) }),
  },
];
