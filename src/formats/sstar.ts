/**
 * The SigmaStar families' registry entries: the partition tables the SDK's generators write
 * (MXP_SF.bin, PARTINFO.pni), the partition.config they are made from, the mtdparts Linux gets,
 * the burn scripts, the generator command line and fw_env.config. Each entry ties a codec
 * (src/codecs/{mxp,pni,partition-config,mtdparts,estar-script}) to the family's bridge.
 */
import {
  exportFwEnv,
  exportGeneratorCommand,
  exportMtdparts,
  exportMxp,
  exportPartitionConfig,
  exportPni,
  exportScripts,
  importMtdparts,
  importMxp,
  importPartitionConfig,
  importPni,
  isMtdparts,
  isMxpTable,
  isPartitionConfig,
  isPni,
} from '../families/sstar/table-files';
import type { Format } from './format';

export const sstarFormats: Format[] = [
  {
    id: 'mxp',
    title: 'MXP_SF.bin (SPI-NOR partition table, as mxpgenerator writes it)',
    extension: 'bin',
    fileName: () => 'MXP_SF.bin',
    kind: 'binary',
    families: ['sstar-nor'],
    detect: isMxpTable,
    import: importMxp,
    export: exportMxp,
  },
  {
    id: 'pni',
    title: 'PARTINFO.pni (SPI-NAND partition info, as pnigenerator writes it)',
    extension: 'pni',
    fileName: () => 'PARTINFO.pni',
    kind: 'binary',
    families: ['sstar-nand'],
    detect: isPni,
    import: importPni,
    export: exportPni,
  },
  {
    id: 'partition-config',
    title: 'partition.config (the SDK’s partition make fragment)',
    extension: 'partition.config',
    kind: 'table',
    families: ['sstar-nor', 'sstar-nand'],
    detect: isPartitionConfig,
    import: importPartitionConfig,
    export: exportPartitionConfig,
  },
  {
    id: 'mtdparts',
    title: 'mtdparts (the partitions Linux and U-Boot get)',
    extension: 'txt',
    kind: 'snippet',
    families: ['sstar-nor', 'sstar-nand'],
    detect: isMtdparts,
    import: importMtdparts,
    export: exportMtdparts,
  },
  {
    id: 'sstar-scripts',
    title: 'Burn scripts (images/: auto_update.txt, scripts/[[…, the partition table)',
    extension: 'zip',
    kind: 'binary',
    families: ['sstar-nor', 'sstar-nand'],
    export: exportScripts,
  },
  {
    id: 'sstar-generator',
    title: 'Generator command line (mxpgenerator or pnigenerator, as image.mk runs it)',
    extension: 'sh',
    kind: 'script',
    families: ['sstar-nor', 'sstar-nand'],
    export: exportGeneratorCommand,
  },
  {
    id: 'sstar-fw-env',
    title: 'fw_env.config (where Linux finds the U-Boot environment)',
    extension: 'config',
    fileName: () => 'fw_env.config',
    kind: 'snippet',
    families: ['sstar-nor', 'sstar-nand'],
    export: exportFwEnv,
  },
];
