/** The QEMU SPI-NOR flash of the SWUpdate recovery example: a FIT image at offset 0, the rest free. */
import { FAMILIES } from '../families';
import { KiB, MiB } from '../model/units';
import { layout, partitionsIn } from './build';

/** The example's fitImage is 10,676,900 bytes; its partition is that, rounded up to the 4 KiB erase block. */
export function qemuNor() {
  const family = FAMILIES.nor;
  const device = { family: 'nor' as const, size: 16 * MiB, model: 'IS25WP128', geometry: { eraseBlock: 4 * KiB, pageSize: 256 } };
  return layout('QEMU SPI-NOR 16 MiB with a recovery FIT image', device, family.defaultAreas(device), [
    ...partitionsIn('flash', [
      {
        name: 'recovery',
        offset: 0,
        size: 0xa2f000,
        kind: 'recovery',
        imageSize: 10676900,
        description: 'FIT image (kernel, device tree, SWUpdate initramfs); U-Boot reads its size from the FDT header',
      },
    ]),
  ]);
}
