/** Generic SPI-NOR flash (for example a QEMU IS25WP128): one address space, erase-block rules. */
import { KiB, MiB } from '../../model/units';
import type { Family } from '../../layout/family';
import { eraseBlockAlignments, mainSpace, norUbiFlash } from '../../layout/geometry';

export const norFamily: Family = {
  id: 'nor',
  title: 'Generic SPI-NOR',
  defaultDevice: () => ({ family: 'nor', size: 16 * MiB, geometry: { eraseBlock: 4 * KiB, pageSize: 256 } }),
  defaultAreas: () => [{ id: 'flash', name: 'Flash', space: 'main', start: 0, size: 'rest', table: 'mtdparts' }],
  spaces: (device) => [mainSpace(device)],
  alignments: eraseBlockAlignments,
  ubiFlash: norUbiFlash,
  reservedRegions: () => [],
  rules: [],
  // Erased NOR reads 0xFF: an image leaves every unwritten byte so.
  imageFill: 0xff,
  deviceSettings: { geometry: ['eraseBlock', 'pageSize'], bootPartitions: false, esp32: false },
  // SPI-NOR chips come in powers of two, up to 256 MiB.
  largerDevice: (device, end) => {
    let size = 1 * MiB;
    while (size < end || size <= device.size) size *= 2;
    return size <= 256 * MiB ? { ...device, size } : undefined;
  },
  palette: [
    { label: 'Bootloader', make: () => ({ name: 'u-boot', size: 512 * KiB, kind: 'bootloader' }) },
    { label: 'U-Boot environment', make: () => ({ name: 'u-boot-env', size: 64 * KiB, kind: 'env' }) },
    { label: 'Kernel / FIT', make: () => ({ name: 'kernel', size: 4 * MiB, kind: 'kernel' }) },
    { label: 'Root filesystem', make: () => ({ name: 'rootfs', size: 4 * MiB, kind: 'rootfs', fs: 'squashfs' }) },
    { label: 'Data (JFFS2)', make: () => ({ name: 'data', size: 1 * MiB, kind: 'filesystem', fs: 'jffs2' }) },
  ],
};
