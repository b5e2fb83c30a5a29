/** How the map names and colours partition kinds (the colours are the engine's, shared with the SVG picture). */
import type { PartitionKind } from '../../src/index';

export { KIND_COLORS } from '../../src/picture/kind-colors';

export const KIND_LABELS: Record<PartitionKind, string> = {
  bootloader: 'bootloader',
  'boot-config': 'boot config',
  table: 'partition table',
  env: 'environment',
  kernel: 'kernel',
  recovery: 'recovery',
  rootfs: 'root filesystem',
  filesystem: 'filesystem',
  app: 'app',
  'ota-data': 'OTA data',
  nvs: 'NVS',
  phy: 'PHY data',
  coredump: 'core dump',
  data: 'data',
  ubi: 'UBI',
  firmware: 'firmware',
  reserved: 'reserved',
};
