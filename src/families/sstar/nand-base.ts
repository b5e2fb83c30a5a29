/**
 * SigmaStar ALKAID on SPI-NAND: a BOOT area (CIS, IPL/IPL_CUST/UBOOT with backup copies and spare
 * blocks, ENV) described by PARTINFO.pni, then a SYS area (KERNEL, RECOVERY, rootfs, UBI) that
 * reaches U-Boot and Linux through mtdparts.
 */
import { KiB, MiB } from '../../model/units';
import type { Family } from '../../layout/family';
import { eraseBlockAlignments, mainSpace } from '../../layout/geometry';
import { ubiFlash, ubiVolumeCapacity } from './ubi';

/** The family as placement and the bridges see it; `./nand` adds the rules, which use the bridges. */
export const sstarNandBase: Family = {
  id: 'sstar-nand',
  title: 'SigmaStar SPI-NAND',
  defaultDevice: () => ({
    family: 'sstar-nand',
    size: 128 * MiB,
    geometry: { eraseBlock: 128 * KiB, pageSize: 2 * KiB, spareSize: 64 },
  }),
  defaultAreas: () => [
    { id: 'boot', name: 'BOOT', space: 'main', start: 0, size: 'fit', table: 'pni' },
    { id: 'sys', name: 'SYS', space: 'main', start: 'auto', size: 'rest', table: 'mtdparts' },
  ],
  spaces: (device) => [mainSpace(device, 'SPI-NAND')],
  alignments: eraseBlockAlignments,
  reservedRegions: () => [],
  rules: [],
  deviceSettings: { geometry: [], bootPartitions: false, esp32: false, sstar: 'nand' },
  volumeCapacity: (_partition, size, document) => ubiVolumeCapacity(size, document),
  ubiFlash,
  volumeTemplate: (partition) => (partition.kind === 'ubi' || partition.fs === 'ubifs' ? { name: 'data', size: 4 * MiB, fs: 'ubifs' } : undefined),
  palette: [
    { label: 'Kernel', make: () => ({ name: 'KERNEL', size: 5 * MiB, kind: 'kernel' }) },
    { label: 'Recovery kernel', make: () => ({ name: 'RECOVERY', size: 5 * MiB, kind: 'recovery' }) },
    { label: 'Root filesystem', make: () => ({ name: 'rootfs', size: 6 * MiB, kind: 'rootfs', fs: 'squashfs' }) },
    { label: 'UBI (rest of flash)', make: () => ({ name: 'UBI', size: 'rest', kind: 'ubi', volumes: [] }) },
    { label: 'Logo', make: () => ({ name: 'LOGO', size: 384 * KiB, kind: 'data' }) },
  ],
};
