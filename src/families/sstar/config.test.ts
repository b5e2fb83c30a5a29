/**
 * partition.config files of ../shared/corpus/sstar/configs read into layouts and written back:
 * the NOR config's 16M branch is the vendor guide's layout (the mxpgenerator listing of
 * mxp-doc-example gives the expected offsets), the NAND configs the blocks of spec §3, and each
 * written config reads back to the same layout.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportFile, importFile } from '../../formats/files';
import type { LayoutDocument } from '../../model/document';
import { placementOf } from '../../test-support/documents';
import { mxpListing } from '../../test-support/references';
import { readShared, sharedPath } from '../../test-support/shared';
import { emptySstarDocument } from '../../test-support/sstar-cases';
import { configToDocument } from './config-import';
import { documentToConfig } from './config-export';

const CONFIGS = readdirSync(sharedPath('corpus/sstar/configs')).sort();
const config = (name: string) => readShared('corpus/sstar/configs', name);
const I6B0_NOR = 'tdautc19841202-IPC_i6b0_nor.squashfs.partition.config';
const SSD202_NAND = 'xuxiaojiao-ssd202_i2m_spinand.ubifs.p2.partition.config';
const encode = (text: string) => new TextEncoder().encode(text);
const fresh = () => emptySstarDocument('sstar-nor');

const extents = (document: LayoutDocument) =>
  placementOf(document).partitions.flatMap((p) => (p.copies.length > 0 ? p.copies.map((c) => ({ name: c.name, start: c.start, size: c.slotEnd - c.start })) : [{ name: p.partition.name, start: p.start, size: p.size }]));

describe('the six corpus configs', () => {
  it.each(CONFIGS)('%s reads through the registry without error and writes back to the same layout', (name) => {
    const read = importFile(encode(config(name)), fresh(), { fileName: name });
    if (!read.ok) throw new Error(read.message);
    expect(read.formatId).toBe('partition-config');
    const written = exportFile(read.document, 'partition-config');
    if (!written.ok) throw new Error(written.message);
    const again = importFile(written.file.bytes, read.document, { fileName: name });
    if (!again.ok) throw new Error(again.message);
    expect(again.document).toEqual(read.document);
  });

  it('are all six', () => {
    expect(CONFIGS).toHaveLength(6);
  });
});

describe('the i6b0 SPI-NOR config', () => {
  it('lists FLASH_SIZE as its choice, takes 16M, and says so', () => {
    const read = configToDocument(config(I6B0_NOR), fresh());
    expect(read.choices).toEqual([{ name: 'FLASH_SIZE', lines: [27], values: ['16M'], chosen: '16M' }]);
    expect(read.warnings).toEqual(['FLASH_SIZE is not set in the file (line 27 compares it with "16M"); taking FLASH_SIZE = 16M']);
  });

  it('with FLASH_SIZE 16M is the vendor guide layout: KERNEL at 0x50000 ... customer ending at 16 MiB', () => {
    const { document } = configToDocument(config(I6B0_NOR), fresh());
    expect(document.device.size).toBe(16 * 1024 * 1024);
    expect(extents(document)).toEqual(mxpListing('mxp-doc-example').filter((entry) => entry.name !== 'BOOT'));
    const customer = extents(document).at(-1)!;
    expect(customer.start + customer.size).toBe(16 * 1024 * 1024);
    // rootfs squashfs, miservice squashfs ro, customer jffs2 ro (the config's FSTYPE and OPTIONS).
    expect(document.partitions.filter((p) => p.area === 'sys').map((p) => [p.name, p.fs, p.flags])).toEqual([
      ['KERNEL', undefined, undefined],
      ['rootfs', 'squashfs', undefined],
      ['miservice', 'squashfs', ['readonly']],
      ['customer', 'jffs2', ['readonly']],
    ]);
  });

  it('with the other choice takes the else branch (kernel 0x180000, rootfs 0x280000, miservice and customer 0x180000)', () => {
    const read = importFile(encode(config(I6B0_NOR)), fresh(), { defines: { FLASH_SIZE: '' } });
    if (!read.ok) throw new Error(read.message);
    expect(read.choices).toEqual([{ name: 'FLASH_SIZE', values: ['16M'], chosen: '', lines: [27] }]);
    expect(read.document.partitions.filter((p) => p.area === 'sys').map((p) => p.size)).toEqual([0x180000, 0x280000, 0x180000, 0x180000]);
  });

  it('keeps what the layout does not model, and the SDK variables as references', () => {
    const { document } = configToDocument(config(I6B0_NOR), fresh());
    const kernel = document.partitions.find((p) => p.name === 'KERNEL')!;
    expect(kernel.sstar).toEqual({
      image: 'kernel',
      fields: {
        RESOUCE: '$(PROJ_ROOT)/release/$(PRODUCT)/$(CHIP)/$(BOARD)/$(TOOLCHAIN)/$(TOOLCHAIN_VERSION)/bin/kernel/nor/uImage.xz',
        BOOTENV: '$(KERNEL_BOOT_ENV)',
        BOOTCMD: 'sf read 0x22000000 \\${sf_kernel_start} \\${sf_kernel_size}\\;',
      },
    });
    const text = documentToConfig(document).text;
    expect(text).toContain('kernel$(RESOUCE) = $(PROJ_ROOT)/release/$(PRODUCT)/$(CHIP)/$(BOARD)/$(TOOLCHAIN)/$(TOOLCHAIN_VERSION)/bin/kernel/nor/uImage.xz\n');
    expect(text).toContain('mxp$(BOOTTAB) = "$(ipl$(PATSIZE))(IPL),$(ipl_cust$(PATSIZE))(IPL_CUST),$(mxp$(PATSIZE))(MXPT),$(uboot$(PATSIZE))(UBOOT),0x1000(UBOOT_ENV)"\n');
    expect(text).toContain('ENV_CFG = /dev/mtd0 0x4F000 0x1000 0x50000\n');
  });
});

describe('the SPI-NAND configs', () => {
  it('SSD202: the blocks of spec §3 (CIS 0+10, IPL0 10+1(+2), ..., ENV 34+3, KEY_CUST 37, LOGO 38, KERNEL 41, RECOVERY 81, UBI from 121)', () => {
    const { document } = configToDocument(config(SSD202_NAND), emptySstarDocument('sstar-nand'), { deviceSize: 256 * 1024 * 1024 });
    const block = 0x20000;
    const placement = placementOf(document);
    expect(placement.partitions.flatMap((p) => (p.copies.length > 0 ? p.copies.map((c) => [c.name, c.start / block, (c.spareEnd - c.slotEnd) / block]) : [[p.partition.name, p.start / block, 0]]))).toEqual([
      ['CIS', 0, 0],
      ['IPL0', 10, 2],
      ['IPL1', 13, 2],
      ['IPL_CUST0', 16, 2],
      ['IPL_CUST1', 19, 2],
      ['UBOOT0', 22, 4],
      ['UBOOT1', 28, 4],
      ['ENV', 34, 0],
      ['KEY_CUST', 37, 0],
      ['LOGO', 38, 0],
      ['KERNEL', 41, 0],
      ['RECOVERY', 81, 0],
      ['UBI', 121, 0],
    ]);
    expect(placement.partitions.at(-1)!.end).toBe(2048 * block);
    const ubi = document.partitions.find((p) => p.name === 'UBI')!;
    expect(ubi.volumes?.map((v) => [v.name, v.size, v.fs])).toEqual([
      ['rootfs', 0xa00000, 'ubifs'],
      ['miservice', 0xa00000, 'ubifs'],
      ['customer', 0x5000000, 'ubifs'],
      ['appconfigs', 0x500000, 'ubifs'],
    ]);
    expect(document.device.sstar?.cisCopies).toBe(5);
    expect(document.partitions.find((p) => p.name === 'IPL')?.sstar?.replicas).toBe(3);
  });

  it('without a flash size, takes the smallest SPI-NAND the volumes fit in, and says so', () => {
    const purple = configToDocument(config('industio-PurPle-Pi-R1_i2m_spinand.ubifs.p2.partition.config_256M'), fresh());
    expect(purple.document.device.size).toBe(256 * 1024 * 1024);
    expect(purple.warnings.at(-1)).toMatch(/does not give the flash size: 256 MiB, the smallest SPI-NAND/);
  });

  it('i6b0: one IPL copy with 5 spare blocks, and the uboot PATSIZE that is not COPIES × DATASIZE kept', () => {
    const { document } = configToDocument(config('tdautc19841202-IPC_i6b0_spinand.ubifs.partition.config'), fresh());
    expect(document.partitions.find((p) => p.name === 'IPL')).toMatchObject({ copies: { count: 1, slot: 0x20000, spareBlocks: 5 }, sstar: { replicas: 6 } });
    expect(document.partitions.find((p) => p.name === 'UBOOT')?.sstar).toMatchObject({ replicas: 1, fields: { PATSIZE: '0x60000' } });
    expect(documentToConfig(document).text).toContain('uboot$(PATSIZE) = 0x60000\n');
  });
});

describe('hostile configs give located errors', () => {
  it.each([
    ['define x\nendef\n', 1],
    ['IMAGE_LIST = mxp\nFLASH_TYPE = nor\nmxp$(BOOTTAB) = "0x10000(IPL)"\nmxp$(SYSTAB) = "0x10000 (KERNEL)"\n', 4],
    ['IMAGE_LIST = cis\nFLASH_TYPE = spinand\ncis$(PATSIZE) = 0x140000\ncis$(BOOTTAB) = 0x20000(IPL0)x\n', 4],
    ['FLASH_TYPE = floppy\n', 1],
  ])('%j at line %i', (text, line) => {
    const read = importFile(encode(text), fresh(), { formatId: 'partition-config' });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.location?.line).toBe(line);
  });

  it('a config without its tables says which it needs', () => {
    const read = importFile(encode('IMAGE_LIST = mxp\nFLASH_TYPE = nor\n'), fresh(), { formatId: 'partition-config' });
    expect(!read.ok && read.message).toMatch(/mxp has no BOOTTAB: image.mk gives mxpgenerator/);
  });
});
