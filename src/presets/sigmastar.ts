/**
 * SigmaStar ALKAID layouts as the SDK's own partition.config files give them, one per config
 * generation: SPI-NOR 16 MiB (tdautc19841202/IPC project/image/configs/i6b0/nor.squashfs.partition.config,
 * its FLASH_SIZE 16M branch, which is also the vendor guide's mxpgenerator example) and SPI-NAND
 * 128 MiB and 256 MiB (industio/PurPle-Pi-R1 project/image/configs/i2m/
 * spinand.ubifs.p2.partition.config_128M and _256M: IPL and IPL_CUST two copies with 2 spare
 * blocks each, UBOOT two copies with 4, ENV0/ENV1 with 1, the ubifs images as UBI volumes).
 * Each partition carries its image and the fields the SDK's makefiles read, so the config, the
 * tables and the burn scripts come out as the SDK writes them.
 */
import { FAMILIES } from '../families';
import type { Device, LayoutDocument, Partition, SstarImage, Volume } from '../model/document';
import { KiB, MiB } from '../model/units';
import { layout, partitionsIn } from './build';

/** The SDK's paths, as its configs write them: `$(NAME)` is a variable of the SDK's own makefiles. */
const RESOURCE = {
  ipl: '$(PROJ_ROOT)/board/$(CHIP)/boot/ipl/IPL.bin',
  iplCust: '$(PROJ_ROOT)/board/$(CHIP)/boot/ipl/IPL_CUST.bin',
  kernel: (flash: string) => `$(PROJ_ROOT)/release/$(PRODUCT)/$(CHIP)/$(BOARD)/$(TOOLCHAIN)/$(TOOLCHAIN_VERSION)/bin/kernel/${flash}/uImage.xz`,
};

const image = (name: string, fields?: Record<string, string>, replicas?: number): SstarImage => ({
  image: name,
  ...(replicas !== undefined ? { replicas } : {}),
  ...(fields ? { fields } : {}),
});

/** 16 MiB SPI-NOR: BOOT (IPL..UBOOT_ENV, 0x50000) then SYS to the end of the flash. */
export function sigmastarNor(): LayoutDocument {
  const family = FAMILIES['sstar-nor'];
  const device: Device = {
    ...family.defaultDevice(),
    size: 16 * MiB,
    model: 'SPI-NOR 16 MiB',
    sstar: {
      config: {
        globals: {
          IMAGE_LIST: 'mxp ipl ipl_cust uboot kernel rootfs miservice customer',
          FLASH_TYPE: 'nor',
          BENCH: 'no',
          PHY_TEST: 'no',
          PAT_TABLE: 'spi',
          TFTPDOWNLOADADDR: '0x21000000',
          KERNELBOOTADDR: '0x22000000',
          USR_MOUNT_BLOCKS: 'miservice customer',
          // fw_env.config: the environment inside mtd0 (BOOT) at 0x4F000.
          ENV_CFG: '/dev/mtd0 0x4F000 0x1000 0x50000',
        },
        others: [],
        images: [],
      },
    },
  };
  return layout('SigmaStar SPI-NOR 16 MiB', device, family.defaultAreas(device), [
    ...partitionsIn('boot', [
      { name: 'IPL', size: 0x10000, kind: 'bootloader', description: 'Initial program loader, run by the ROM from 0', sstar: image('ipl', { RESOUCE: RESOURCE.ipl }) },
      { name: 'IPL_CUST', size: 0x10000, kind: 'boot-config', description: 'Customer IPL (board parameters)', sstar: image('ipl_cust', { RESOUCE: RESOURCE.iplCust }) },
      { name: 'MXPT', size: 0x10000, kind: 'table', description: 'MXP partition table (MXP_SF.bin, first 4 KiB used)', sstar: image('mxp', { RESOUCE: '$(IMAGEDIR)/boot/MXP_SF.bin' }) },
      { name: 'UBOOT', size: 0x1f000, kind: 'bootloader', sstar: image('uboot', { RESOUCE: '$(PROJ_ROOT)/board/$(CHIP)/boot/nor/uboot/u-boot.xz.img.bin' }) },
      { name: 'UBOOT_ENV', size: 0x1000, kind: 'env', description: 'U-Boot environment, inside the BOOT mtd' },
    ]),
    ...partitionsIn('sys', [
      {
        name: 'KERNEL',
        size: 0x200000,
        kind: 'kernel',
        sstar: image('kernel', { RESOUCE: RESOURCE.kernel('nor'), BOOTENV: '$(KERNEL_BOOT_ENV)', BOOTCMD: 'sf read 0x22000000 \\${sf_kernel_start} \\${sf_kernel_size}\\;' }),
      },
      { name: 'rootfs', size: 0x400000, kind: 'rootfs', fs: 'squashfs', sstar: image('rootfs', { RESOUCE: '$(OUTPUTDIR)/rootfs', BOOTENV: 'root=/dev/mtdblock2 rootfstype=squashfs ro init=/linuxrc' }) },
      {
        name: 'miservice',
        size: 0x300000,
        kind: 'filesystem',
        fs: 'squashfs',
        flags: ['readonly'],
        description: 'MI libraries and configs, mounted at /config',
        sstar: image('miservice', { RESOUCE: '$(OUTPUTDIR)/miservice/config', MOUNTTG: '/config', MOUNTPT: '/dev/mtdblock3' }),
      },
      {
        name: 'customer',
        size: 0x6b0000,
        kind: 'filesystem',
        fs: 'jffs2',
        flags: ['readonly'],
        description: 'Customer data, mounted at /customer',
        sstar: image('customer', { RESOUCE: '$(OUTPUTDIR)/customer', MOUNTTG: '/customer', MOUNTPT: 'mtd:customer' }),
      },
    ]),
  ]);
}

interface NandSizes {
  title: string;
  size: number;
  rootfs: number;
  customer: number;
}

function volume(name: string, size: number, fields: Record<string, string>, readOnly?: boolean): Volume {
  return { id: name, name, size, fs: 'ubifs', ...(readOnly !== undefined ? { readOnly } : {}), sstar: image(name, fields) };
}

function mounted(name: string, target: string, source: string, index: number, size: number): Volume {
  return volume(name, size, { RESOUCE: source, MOUNTTG: target, MOUNTPT: `ubi0:${name}`, OTABLK: `/dev/ubi0_${index}` }, false);
}

/** PurPle-Pi R1 SPI-NAND (2 KiB pages, 64 spare bytes, 64 pages per block). */
function purplePiNand({ title, size, rootfs, customer }: NandSizes): LayoutDocument {
  const family = FAMILIES['sstar-nand'];
  const block = 128 * KiB;
  const device: Device = {
    ...family.defaultDevice(),
    size,
    model: title.replace('SigmaStar ', ''),
    geometry: { eraseBlock: block, pageSize: 2 * KiB, spareSize: 64 },
    sstar: {
      cisCopies: 5,
      config: {
        globals: {
          IMAGE_LIST: 'cis ipl ipl_cust uboot logo kernel rootfs miservice customer appconfigs',
          OTA_IMAGE_LIST: 'ipl ipl_cust uboot logo kernel miservice customer appconfigs',
          FLASH_TYPE: 'spinand',
          UBI_MLC_TYPE: '0',
          PHY_TEST: 'no',
          PAT_TABLE: 'ubi',
          // writecis puts the PBAs of IPL (block 10) into the CIS copies.
          CIS_PBAs: '10 0 0',
          USR_MOUNT_BLOCKS: 'miservice customer appconfigs',
          ENV_CFG: '/dev/mtd6 0x00000 0x1000 0x20000 2',
          ENV_CFG1: '/dev/mtd7 0x00000 0x1000 0x20000 2',
        },
        others: [
          { name: 'wifi24mclkcmd', value: 'mw 1f001cc0 11' },
          { name: 'wifirstoffcmd', value: 'gpio out 8 0' },
          { name: 'wifirstoncmd', value: 'gpio out 8 1' },
        ],
        images: [],
      },
    },
  };
  const copies = (count: number, slot: number, spareBlocks: number): Partition['copies'] => ({ count, slot, spareBlocks });
  const boot = partitionsIn('boot', [
    { name: 'CIS', size: 0x140000, kind: 'table', description: 'SPI-NAND info and PARTINFO.pni: a copy in blocks 0, 2, 4, 6 and 8', sstar: image('cis', { RESOUCE: '$(IMAGEDIR)/cis.bin', DATASIZE: '0x40000', PGSIZE: '2k' }) },
    {
      name: 'IPL',
      offset: 0x140000,
      size: 0x20000,
      kind: 'bootloader',
      copies: copies(2, 0x20000, 2),
      description: 'IPL0 and IPL1, each a block and 2 spare blocks for bad-block skipping',
      sstar: image('ipl', { RESOUCE: RESOURCE.ipl, OTABLK: '/dev/mtd0 /dev/mtd1' }, 3),
    },
    { name: 'IPL_CUST', size: 0x20000, kind: 'boot-config', copies: copies(2, 0x20000, 2), sstar: image('ipl_cust', { RESOUCE: RESOURCE.iplCust, OTABLK: '/dev/mtd2 /dev/mtd3' }, 3) },
    {
      name: 'UBOOT',
      size: 0x40000,
      kind: 'bootloader',
      copies: copies(2, 0x40000, 4),
      sstar: image('uboot', { RESOUCE: '$(PROJ_ROOT)/board/$(CHIP)/boot/spinand/uboot/u-boot_spinand.xz.img.bin', OTABLK: '/dev/mtd4 /dev/mtd5' }, 3),
    },
    { name: 'ENV', size: 0x20000, kind: 'env', copies: copies(2, 0x20000, 1), description: 'ENV0 and ENV1 (fw_env.config: /dev/mtd6 and /dev/mtd7)', sstar: image('uboot') },
  ]);
  const sys = partitionsIn('sys', [
    { name: 'KEY_CUST', size: 0x20000, kind: 'data', sstar: image('key_cust') },
    { name: 'LOGO', size: 0x60000, kind: 'data', sstar: image('logo', { RESOUCE: '$(IMAGEDIR)/logo', OTABLK: '/dev/mtd9' }) },
    { name: 'KERNEL', size: 0x500000, kind: 'kernel', sstar: image('kernel', { RESOUCE: RESOURCE.kernel('spinand'), BOOTENV: '$(KERNEL_BOOT_ENV)', OTABLK: '/dev/mtd10' }) },
    { name: 'RECOVERY', size: 0x500000, kind: 'recovery', description: 'A second kernel, booted when KERNEL fails', sstar: image('kernel') },
    {
      name: 'UBI',
      size: 'rest',
      kind: 'ubi',
      description: 'UBI volumes (ubi.mtd=UBI,2048)',
      volumes: [
        volume('rootfs', rootfs, { RESOUCE: '$(OUTPUTDIR)/rootfs', BOOTENV: `console=ttyS0,115200 ubi.mtd=UBI,2048 root=ubi:rootfs rw rootfstype=ubifs init=/linuxrc rootwait=1` }),
        mounted('miservice', '/config', '$(OUTPUTDIR)/miservice/config', 1, 0xa00000),
        mounted('customer', '/customer', '$(OUTPUTDIR)/customer', 2, customer),
        mounted('appconfigs', '/appconfigs', '$(OUTPUTDIR)/appconfigs', 3, 0x400000),
      ],
    },
  ]);
  return layout(title, device, family.defaultAreas(device), [...boot, ...sys]);
}

/** 128 MiB SPI-NAND (1024 blocks of 128 KiB). */
export function sigmastarNand(): LayoutDocument {
  return purplePiNand({ title: 'SigmaStar SPI-NAND 128 MiB', size: 128 * MiB, rootfs: 0x5200000, customer: 0x500000});
}

/** 256 MiB SPI-NAND (2048 blocks of 128 KiB): the same BOOT area, larger rootfs and customer volumes. */
export function sigmastarNand256(): LayoutDocument {
  const document = purplePiNand({ title: 'SigmaStar SPI-NAND 256 MiB', size: 256 * MiB, rootfs: 0x6200000, customer: 0x6500000});
  // The 256M config's wifi reset pin is GPIO 71.
  const config = document.device.sstar!.config!;
  config.others = config.others.map((other) => (other.name.startsWith('wifirst') ? { ...other, value: other.value.replace(' 8 ', ' 71 ') } : other));
  return document;
}
