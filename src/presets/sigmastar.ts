/** SigmaStar ALKAID layouts from the vendor's partition guide (the mxpgenerator/pnigenerator examples). */
import { FAMILIES } from '../families';
import { KiB, MiB } from '../model/units';
import { layout, partitionsIn } from './build';

/** 16 MiB SPI-NOR: BOOT (IPL..UBOOT_ENV, 0x50000) then SYS to the end of the flash. */
export function sigmastarNor() {
  const family = FAMILIES['sstar-nor'];
  const device = { ...family.defaultDevice(), size: 16 * MiB, model: 'SPI-NOR 16 MiB' };
  return layout('SigmaStar SPI-NOR 16 MiB', device, family.defaultAreas(device), [
    ...partitionsIn('boot', [
      { name: 'IPL', size: 0x10000, kind: 'bootloader', description: 'Initial program loader, run by the ROM' },
      { name: 'IPL_CUST', size: 0x10000, kind: 'boot-config', description: 'Customer IPL (board parameters)' },
      { name: 'MXPT', size: 0x10000, kind: 'table', description: 'MXP partition table (MXP_SF.bin, first 4 KiB used)' },
      { name: 'UBOOT', size: 0x1f000, kind: 'bootloader' },
      { name: 'UBOOT_ENV', size: 0x1000, kind: 'env' },
    ]),
    ...partitionsIn('sys', [
      { name: 'KERNEL', size: 0x200000, kind: 'kernel' },
      { name: 'rootfs', size: 0x400000, kind: 'rootfs', fs: 'squashfs' },
      { name: 'miservice', size: 0x300000, kind: 'filesystem', fs: 'squashfs', description: 'MI libraries and configs, mounted at /config' },
      { name: 'customer', size: 0x6b0000, kind: 'filesystem', fs: 'jffs2', description: 'Writable customer data, mounted at /customer' },
    ]),
  ]);
}

/** 128 MiB SPI-NAND (2 KiB pages, 64 spare bytes, 64 pages per block, 1024 blocks). */
export function sigmastarNand() {
  const family = FAMILIES['sstar-nand'];
  const device = {
    ...family.defaultDevice(),
    size: 128 * MiB,
    model: 'SPI-NAND 128 MiB',
    geometry: { eraseBlock: 128 * KiB, pageSize: 2 * KiB, spareSize: 64 },
  };
  return layout('SigmaStar SPI-NAND 128 MiB', device, family.defaultAreas(device), [
    ...partitionsIn('boot', [
      { name: 'CIS', size: 0x60000, kind: 'table', description: 'SPI-NAND info (SNI) and PARTINFO.pni, read by the ROM' },
      { name: 'IPL', offset: 0x60000, size: 0x20000, kind: 'bootloader', copies: { count: 3, spareBlocks: 0 }, description: 'One copy per block' },
      { name: 'IPL_CUST', size: 0x20000, kind: 'boot-config', copies: { count: 3, spareBlocks: 0 } },
      { name: 'UBOOT', size: 0x60000, kind: 'bootloader', copies: { count: 2, spareBlocks: 0 } },
      { name: 'ENV', size: 0x20000, kind: 'env' },
    ]),
    ...partitionsIn('sys', [
      { name: 'KERNEL', size: 0x500000, kind: 'kernel' },
      { name: 'RECOVERY', size: 0x500000, kind: 'recovery' },
      { name: 'rootfs', size: 0x600000, kind: 'rootfs', fs: 'squashfs' },
      { name: 'UBI', size: 'rest', kind: 'ubi', fs: 'ubifs', description: 'UBI volumes (miservice, customer...)' },
    ]),
  ]);
}
