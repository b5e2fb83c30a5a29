import { describe, expect, it } from 'vitest';
import { readShared } from '../../test-support/shared';
import { readPartitionConfig, type ConfigImage, type PartitionConfig } from './config';

const config = (name: string) => readShared('corpus/sstar/configs', name);
const I6B0_NOR = config('tdautc19841202-IPC_i6b0_nor.squashfs.partition.config');
const SSD202_NAND = config('xuxiaojiao-ssd202_i2m_spinand.ubifs.p2.partition.config');

function values(image: ConfigImage | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(image?.fields ?? {}).map(([field, value]) => [field, value.value]));
}

const imageOf = (view: PartitionConfig, name: string) => view.images.find((image) => image.name === name) ?? view.unlistedImages.find((image) => image.name === name);

describe('readPartitionConfig: the i6b0 SPI-NOR config (spec §3, annotated example)', () => {
  const view = readPartitionConfig(I6B0_NOR, { FLASH_SIZE: '16M' });

  it('reads the globals', () => {
    expect(view.globals.IMAGE_LIST).toEqual({ value: 'mxp ipl ipl_cust uboot kernel rootfs miservice customer', raw: 'mxp ipl ipl_cust uboot kernel rootfs miservice customer', line: 1 });
    expect(view.globals.FLASH_TYPE?.value).toBe('nor');
    expect(view.globals.PAT_TABLE?.value).toBe('spi');
    expect(view.globals.ENV_CFG).toEqual({ value: '/dev/mtd0 0x4F000 0x1000 0x50000', raw: '/dev/mtd0 0x4F000 0x1000 0x50000', line: 11 });
    expect(view.globals.TFTPDOWNLOADADDR?.value).toBe('0x21000000');
    expect(view.globals.KERNELBOOTADDR?.value).toBe('0x22000000');
    expect(view.globals.USR_MOUNT_BLOCKS?.value).toBe('miservice customer');
    expect(view.images.map((image) => image.name)).toEqual(['mxp', 'ipl', 'ipl_cust', 'uboot', 'kernel', 'rootfs', 'miservice', 'customer']);
  });

  it('expands the mxp tables to the vendor-doc mxpgenerator lists, quotes included', () => {
    const mxp = imageOf(view, 'mxp');
    expect(mxp?.fields.BOOTTAB).toEqual({
      value: '"0x10000(IPL),0x10000(IPL_CUST),0x10000(MXPT),0x1F000(UBOOT),0x1000(UBOOT_ENV)"',
      raw: '"$(ipl$(PATSIZE))(IPL),$(ipl_cust$(PATSIZE))(IPL_CUST),$(mxp$(PATSIZE))(MXPT),$(uboot$(PATSIZE))(UBOOT),0x1000(UBOOT_ENV)"',
      line: 21,
    });
    expect(mxp?.fields.SYSTAB?.value).toBe('"0x200000(KERNEL),0x400000(rootfs),0x300000(miservice),0x6B0000(customer)"');
    // image.mk runs `mxpgenerator $(mxp$(BOOTTAB)) $(mxp$(SYSTAB)) $(mxp$(RESOUCE))`; the vendor
    // doc's command line (conformance/sstar/cases/mxp-doc-example/cmd.txt) is that line.
    const command = `mxpgenerator ${mxp?.fields.BOOTTAB?.value} ${mxp?.fields.SYSTAB?.value} MXP_SF.bin`;
    expect(command).toBe(readShared('conformance/sstar/cases/mxp-doc-example/cmd.txt').trim());
  });

  it('reads the per-image values of the 16M branch', () => {
    expect(values(imageOf(view, 'ipl'))).toEqual({ RESOUCE: '/board//boot/ipl/IPL.bin', PATSIZE: '0x10000' });
    expect(imageOf(view, 'ipl')?.fields.RESOUCE?.raw).toBe('$(PROJ_ROOT)/board/$(CHIP)/boot/ipl/IPL.bin');
    expect(imageOf(view, 'uboot')?.fields.PATSIZE?.value).toBe('0x1F000');
    // The shell's echo in script_nor.mk drops the backslashes; make's value keeps them ($$ is make's $).
    expect(imageOf(view, 'kernel')?.fields.BOOTCMD).toEqual({
      value: 'sf read 0x22000000 \\${sf_kernel_start} \\${sf_kernel_size}\\;',
      raw: 'sf read $(KERNELBOOTADDR) \\$${sf_kernel_start} \\$${sf_kernel_size}\\;',
      line: 32,
    });
    expect(values(imageOf(view, 'rootfs'))).toMatchObject({ FSTYPE: 'squashfs', PATSIZE: '0x400000', BOOTENV: 'root=/dev/mtdblock2 rootfstype=squashfs ro init=/linuxrc' });
    expect(values(imageOf(view, 'miservice'))).toMatchObject({ FSTYPE: 'squashfs', PATSIZE: '0x300000', MOUNTPT: '/dev/mtdblock3', MOUNTTG: '/config', OPTIONS: 'ro' });
    expect(values(imageOf(view, 'customer'))).toMatchObject({ FSTYPE: 'jffs2', PATSIZE: '0x6B0000', MOUNTPT: 'mtd:customer', MOUNTTG: '/customer' });
    expect(view.inputs).toEqual([]);
  });

  it('reports FLASH_SIZE as the input its condition tested, and takes the else branch without it', () => {
    const plain = readPartitionConfig(I6B0_NOR);
    expect(plain.inputs).toEqual([{ name: 'FLASH_SIZE', lines: [27], values: ['16M'] }]);
    // The else branch of the same file: kernel 0x180000, rootfs 0x280000, miservice and customer 0x180000.
    expect(['kernel', 'rootfs', 'miservice', 'customer'].map((name) => imageOf(plain, name)?.fields.PATSIZE?.value)).toEqual(['0x180000', '0x280000', '0x180000', '0x180000']);
    expect(imageOf(plain, 'kernel')?.fields.BOOTCMD).toBeUndefined();
    expect(imageOf(plain, 'mxp')?.fields.SYSTAB?.value).toBe('"0x180000(KERNEL),0x280000(rootfs),0x180000(miservice),0x180000(customer)"');
    expect(readPartitionConfig(I6B0_NOR, { FLASH_SIZE: '8M' }).inputs).toEqual([]);
  });
});

describe('readPartitionConfig: the SSD202 SPI-NAND config (spec §3, annotated example)', () => {
  const view = readPartitionConfig(SSD202_NAND);

  it('computes the CIS and boot-copy values', () => {
    expect(values(imageOf(view, 'cis'))).toMatchObject({ PATSIZE: '0x140000', DATASIZE: '0x40000', PGSIZE: '2k', COPIES: '5' });
    expect(values(imageOf(view, 'ipl'))).toMatchObject({ DATASIZE: '0x20000', COPIES: '3', BKCOUNT: '2', PATCOUNT: '2', PATSIZE: '0x60000' });
    // bash's printf "0x%x" writes lower-case hex: 3 * 0x40000.
    expect(imageOf(view, 'uboot')?.fields.PATSIZE).toEqual({ value: '0xc0000', raw: '$(call multiplyhex, $(uboot$(COPIES)), $(uboot$(DATASIZE)))', line: 43 });
    expect(imageOf(view, 'ipl')?.fields.MTDPART?.value).toBe('0x20000@0x140000(IPL0)2,0x20000(IPL1)2');
    expect(imageOf(view, 'ipl_cust')?.fields.MTDPART?.value).toBe('0x20000(IPL_CUST0)2,0x20000(IPL_CUST1)2');
    expect(imageOf(view, 'uboot')?.fields.MTDPART?.value).toBe('0x40000(UBOOT0)4,0x40000(UBOOT1)4,0x60000(ENV)');
  });

  it('expands the cis tables to the pnigenerator -t and -y lists', () => {
    const cis = imageOf(view, 'cis');
    expect(cis?.fields.BOOTTAB?.value).toBe('0x20000@0x140000(IPL0)2,0x20000(IPL1)2,0x20000(IPL_CUST0)2,0x20000(IPL_CUST1)2,0x40000(UBOOT0)4,0x40000(UBOOT1)4,0x60000(ENV)');
    expect(cis?.fields.SYSTAB?.value).toBe('0x20000(KEY_CUST),0x60000(LOGO),0x500000(KERNEL),0x500000(RECOVERY),-(UBI)');
  });

  it('finds key_cust, which IMAGE_LIST does not name, and keeps the other variables', () => {
    expect(view.unlistedImages.map((image) => [image.name, values(image)])).toEqual([['key_cust', { PATSIZE: '0x20000', MTDPART: '0x20000(KEY_CUST)' }]]);
    expect(view.others.map((other) => [other.name, other.value, other.line])).toEqual([
      ['wifi24mclkcmd', 'mw 1f001cc0 11', 48],
      ['wifirstoffcmd', 'gpio out 8 0', 49],
      ['wifirstoncmd', 'gpio out 8 1', 50],
    ]);
    expect(view.globals.CIS_PBAs?.value).toBe('10 0 0');
    expect(view.globals.CIS_COPIES?.value).toBe('5');
    expect(view.globals.ENV_CFG?.value).toBe('/dev/mtd6 0 0x20000 0x60000');
    expect(view.globals.OTA_IMAGE_LIST?.value).toBe('ipl ipl_cust uboot logo kernel miservice customer appconfigs');
    expect(view.images.map((image) => image.name)).toEqual(['cis', 'ipl', 'ipl_cust', 'uboot', 'logo', 'kernel', 'rootfs', 'miservice', 'customer', 'appconfigs']);
    expect(values(imageOf(view, 'miservice'))).toMatchObject({ FSTYPE: 'ubifs', PATSIZE: '0xA00000', MOUNTPT: 'ubi0:miservice', MOUNTTG: '/config', OPTIONS: 'rw', OTABLK: '/dev/ubi0_1' });
  });

  it('lists the variables the SDK would have supplied as undefined references', () => {
    expect(view.evaluation.undefinedReferences.map((reference) => reference.name)).toEqual(
      expect.arrayContaining(['IMAGEDIR', 'PROJ_ROOT', 'CHIP', 'KERNEL_BOOT_ENV', 'OUTPUTDIR']),
    );
  });
});

describe('readPartitionConfig: the other corpus configs', () => {
  it('PurPle-Pi NAND (256M): two ENV copies in the uboot MTDPART and ENV_CFG1', () => {
    const view = readPartitionConfig(config('industio-PurPle-Pi-R1_i2m_spinand.ubifs.p2.partition.config_256M'));
    expect(imageOf(view, 'uboot')?.fields.MTDPART?.value).toBe('0x40000(UBOOT0)4,0x40000(UBOOT1)4,0x20000(ENV0)1,0x20000(ENV1)1');
    expect(view.globals.ENV_CFG1?.value).toBe('/dev/mtd7 0x00000 0x1000 0x20000 2');
    expect(imageOf(view, 'rootfs')?.fields.PATSIZE?.value).toBe('0x6200000');
  });

  it('i6b0 NAND: one IPL copy with 5 spare blocks; PATSIZE 6 x 0x20000', () => {
    const view = readPartitionConfig(config('tdautc19841202-IPC_i6b0_spinand.ubifs.partition.config'));
    expect(values(imageOf(view, 'ipl'))).toMatchObject({ PATSIZE: '0xc0000', MTDPART: '0x20000@0x140000(IPL0)5' });
    expect(imageOf(view, 'cis')?.fields.SYSTAB?.value).toBe('0x500000(KERNEL),0x500000(RECOVERY),-(UBI)');
    expect(view.unlistedImages).toEqual([]);
  });

  it('SSD202 and PurPle-Pi NOR: LOGO and KEY_CUST in the mxp SYSTAB', () => {
    const ssd202 = readPartitionConfig(config('xuxiaojiao-ssd202_i2m_nor.squashfs.partition.config'));
    expect(imageOf(ssd202, 'mxp')?.fields.SYSTAB?.value).toBe('"0x200000(KERNEL),0x20000(LOGO),0x200000(rootfs),0x00380000(miservice),0x00800000(customer)"');
    const purple = readPartitionConfig(config('industio-PurPle-Pi-R1_i2m_nor.squashfs.p2.partition.config'));
    expect(imageOf(purple, 'mxp')?.fields.BOOTTAB?.value).toBe('"0x10000(IPL),0x10000(IPL_CUST),0x10000(MXPT),0x2F000(UBOOT),0x1000(UBOOT_ENV)"');
    expect(imageOf(purple, 'key_cust')?.fields.PATSIZE?.value).toBe('0x10000');
  });
});
