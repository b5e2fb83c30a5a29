/**
 * One colour per partition kind (never by position), readable with dark text: the map on the page
 * and the SVG picture draw with the same ones.
 */
import type { PartitionKind } from '../model/document';

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
