/**
 * SigmaStar ALKAID on SPI-NOR: a BOOT area (IPL, IPL_CUST, MXPT, UBOOT, UBOOT_ENV) whose size is the
 * sum of its parts, followed by a SYS area to the end of the flash; both listed in MXP_SF.bin.
 */
import { KiB, MiB } from '../../model/units';
import type { Family } from '../../layout/family';
import { eraseBlockAlignments, mainSpace, norUbiFlash } from '../../layout/geometry';

/** The family as placement and the bridges see it; `./nor` adds the rules, which use the bridges. */
export const sstarNorBase: Family = {
  id: 'sstar-nor',
  title: 'SigmaStar SPI-NOR',
  defaultDevice: () => ({ family: 'sstar-nor', size: 16 * MiB, geometry: { eraseBlock: 4 * KiB, pageSize: 256 } }),
  defaultAreas: () => [
    { id: 'boot', name: 'BOOT', space: 'main', start: 0, size: 'fit', table: 'mxp' },
    { id: 'sys', name: 'SYS', space: 'main', start: 'auto', size: 'rest', table: 'mxp' },
  ],
  spaces: (device) => [mainSpace(device, 'SPI-NOR')],
  alignments: eraseBlockAlignments,
  ubiFlash: norUbiFlash,
  reservedRegions: () => [],
  rules: [],
  deviceSettings: { geometry: ['eraseBlock', 'pageSize'], bootPartitions: false, esp32: false, sstar: 'nor' },
  palette: [
    { label: 'Kernel', make: () => ({ name: 'KERNEL', size: 2 * MiB, kind: 'kernel' }) },
    { label: 'Root filesystem (squashfs)', make: () => ({ name: 'rootfs', size: 4 * MiB, kind: 'rootfs', fs: 'squashfs' }) },
    { label: 'Read-only data (squashfs)', make: () => ({ name: 'miservice', size: 3 * MiB, kind: 'filesystem', fs: 'squashfs' }) },
    { label: 'Writable data (jffs2)', make: () => ({ name: 'customer', size: 1 * MiB, kind: 'filesystem', fs: 'jffs2' }) },
    { label: 'Logo', make: () => ({ name: 'LOGO', size: 192 * KiB, kind: 'data' }) },
  ],
};
