/** Stable colours per partition kind (never by position), readable with dark text. */
import type { PartitionKind } from '../../src/index';

export const KIND_COLORS: Record<PartitionKind, string> = {
  bootloader: '#f0b44c',
  'boot-config': '#e3cf6e',
  table: '#a9afc2',
  env: '#c49be3',
  kernel: '#6aa6ea',
  recovery: '#8fc0de',
  rootfs: '#63c48f',
  filesystem: '#8fd6c0',
  app: '#5b9ae6',
  'ota-data': '#d99ad0',
  nvs: '#eea273',
  phy: '#c8c97a',
  coredump: '#e48686',
  data: '#9fb1c8',
  ubi: '#7cc8c8',
  firmware: '#f0b44c',
  reserved: '#c4c7cc',
};

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
