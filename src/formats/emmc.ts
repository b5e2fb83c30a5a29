/**
 * The eMMC/SD family's registry entries: the user area's table as sfdisk scripts and binaries,
 * the Yocto .wks and genimage configurations, the SWUpdate description and the eMMC boot
 * partition commands. Each ties a codec to the family's bridge in src/families/emmc.
 */
import { exportRecoveryScript, exportSfdiskScript, exportTableBackup, exportTableHead, importDiskTable, importSfdiskScript, looksLikeDiskTable, looksLikeSfdiskScript } from '../families/emmc/table-files';
import { exportWks, importWks, looksLikeWks } from '../families/emmc/wks';
import { emitSwDescription } from '../codecs/sw-description';
import { bootCommands } from '../families/emmc/exports';
import { exportGenimage } from '../families/emmc/genimage';
import { documentToSwDescription } from '../families/emmc/swupdate';
import type { Format } from './format';

export const emmcFormats: Format[] = [
  {
    id: 'emmc-disk-table',
    title: 'Partition table sectors (MBR, or protective MBR + GPT header + entries; dd to offset 0)',
    extension: 'bin',
    kind: 'binary',
    families: ['emmc'],
    detect: looksLikeDiskTable,
    import: importDiskTable,
    export: exportTableHead,
  },
  {
    id: 'emmc-gpt-backup',
    title: 'Backup GPT (entries + header for the last sectors)',
    extension: 'bin',
    kind: 'binary',
    families: ['emmc'],
    export: exportTableBackup,
  },
  {
    id: 'emmc-sfdisk',
    title: 'sfdisk script (sfdisk --dump form)',
    extension: 'sfdisk',
    kind: 'table',
    families: ['emmc'],
    detect: looksLikeSfdiskScript,
    import: importSfdiskScript,
    export: exportSfdiskScript,
  },
  {
    id: 'emmc-sfdisk-recovery',
    title: 'Recovery initramfs script (sfdisk here-document)',
    extension: 'sh',
    kind: 'script',
    families: ['emmc'],
    import: importSfdiskScript,
    export: exportRecoveryScript,
  },
  {
    id: 'emmc-wks',
    title: 'Yocto wic kickstart (.wks)',
    extension: 'wks',
    kind: 'table',
    families: ['emmc'],
    detect: looksLikeWks,
    import: (bytes, document, options) => importWks(bytes, document, options?.answers),
    export: exportWks,
  },
  {
    id: 'emmc-genimage',
    title: 'genimage configuration (Buildroot, PTXdist)',
    extension: 'cfg',
    kind: 'table',
    families: ['emmc'],
    export: exportGenimage,
  },
  {
    id: 'emmc-sw-description',
    title: 'SWUpdate sw-description (updatable partitions, A/B copies)',
    extension: 'sw-description',
    kind: 'table',
    families: ['emmc'],
    export: (document) => ({ text: emitSwDescription(documentToSwDescription(document)) }),
  },
  {
    id: 'emmc-boot-commands',
    title: 'eMMC boot partition commands (mmc bootpart enable, mmc partconf, dd)',
    extension: 'sh',
    kind: 'snippet',
    families: ['emmc'],
    export: (document) => ({ text: bootCommands(document) }),
  },
];
