/** The preset registry: real layouts a user can start from (each validates clean). */
import type { LayoutDocument } from '../model/document';
import { allwinnerSdCard, emmcBootPartitions } from './emmc';
import { esp32SingleApp, esp32TwoOta } from './esp32';
import { qemuNor } from './qemu';
import { sigmastarNand, sigmastarNand256, sigmastarNor } from './sigmastar';

export interface Preset {
  id: string;
  title: string;
  build(): LayoutDocument;
}

export const PRESETS: Preset[] = [
  { id: 'sstar-nor', title: 'SigmaStar SPI-NOR 16 MiB (IPL, UBOOT, KERNEL, rootfs, miservice, customer)', build: sigmastarNor },
  { id: 'sstar-nand', title: 'SigmaStar SPI-NAND 128 MiB (CIS, IPL/UBOOT copies with spare blocks, KERNEL, RECOVERY, UBI volumes)', build: sigmastarNand },
  { id: 'sstar-nand-256', title: 'SigmaStar SPI-NAND 256 MiB (the same BOOT area, larger rootfs and customer volumes)', build: sigmastarNand256 },
  { id: 'esp32-single', title: 'ESP32: Single factory app, no OTA', build: esp32SingleApp },
  { id: 'esp32-ota', title: 'ESP32: Factory app, two OTA definitions', build: esp32TwoOta },
  { id: 'sd-allwinner', title: 'SD card for an Allwinner board (MBR, A/B rootfs), its SPL at 8 KiB', build: allwinnerSdCard },
  { id: 'emmc-boot', title: 'eMMC with boot0/boot1 firmware and a GPT user area', build: emmcBootPartitions },
  { id: 'qemu-nor', title: 'QEMU SPI-NOR 16 MiB with a recovery FIT image at 0', build: qemuNor },
];

export const DEFAULT_PRESET_ID = 'sstar-nor';

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
