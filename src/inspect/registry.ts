/**
 * The probes in the order they are tried at an offset: the first that recognises its structure
 * there wins (a GPT before the protective MBR it carries, a FAT boot sector before an MBR).
 */
import type { Probe } from './probe';
import { cisProbe } from './probes/cis';
import { esp32ImageProbe } from './probes/esp32-image';
import { esp32TableProbe } from './probes/esp32-table';
import { elfProbe, gzipProbe, lzmaProbe, sparseProbe, xzProbe, zstdProbe } from './probes/blobs';
import { extProbe, fatProbe, squashfsProbe, ubifsProbe } from './probes/filesystems';
import { fdtProbe, uimageProbe } from './probes/boot';
import { jffs2Probe, ubiProbe } from './probes/flash-fs';
import { gptProbe } from './probes/gpt';
import { mbrProbe } from './probes/mbr';
import { mxpProbe } from './probes/mxp';
import { ubootEnvProbe } from './probes/uboot-env';

export const PROBES: readonly Probe[] = [
  sparseProbe,
  gptProbe,
  fatProbe,
  mbrProbe,
  cisProbe,
  extProbe,
  squashfsProbe,
  ubiProbe,
  ubifsProbe,
  jffs2Probe,
  fdtProbe,
  uimageProbe,
  esp32TableProbe,
  esp32ImageProbe,
  mxpProbe,
  ubootEnvProbe,
  elfProbe,
  gzipProbe,
  xzProbe,
  lzmaProbe,
  zstdProbe,
];
