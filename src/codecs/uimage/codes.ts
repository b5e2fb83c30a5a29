/**
 * The one-byte codes of the legacy uImage header (U-Boot include/image.h) with the short names
 * mkimage takes (-A, -O, -T, -C; also the strings of FIT properties) and the long names
 * dumpimage prints (boot/image.c tables, U-Boot 2023.01; types 42 and 43 are from later U-Boot).
 * A code without an entry (e.g. IH_ARCH_NIOS) exists in the enum but has no name in U-Boot.
 */

export interface UimageCode {
  id: number;
  short: string;
  long: string;
  /** Other short names mkimage accepts for the same code. */
  aliases?: string[];
}

const entries = (rows: Array<[number, string, string, string[]?]>): UimageCode[] => rows.map(([id, short, long, aliases]) => (aliases ? { id, short, long, aliases } : { id, short, long }));

export const UIMAGE_ARCH = entries([
  [0, 'invalid', 'Invalid ARCH'],
  [1, 'alpha', 'Alpha'],
  [2, 'arm', 'ARM'],
  [3, 'x86', 'Intel x86'],
  [4, 'ia64', 'IA64'],
  [5, 'mips', 'MIPS'],
  [6, 'mips64', 'MIPS 64 Bit'],
  [7, 'powerpc', 'PowerPC', ['ppc']],
  [8, 's390', 'IBM S390'],
  [9, 'sh', 'SuperH'],
  [10, 'sparc', 'SPARC'],
  [11, 'sparc64', 'SPARC 64 Bit'],
  [12, 'm68k', 'M68K'],
  [14, 'microblaze', 'MicroBlaze'],
  [15, 'nios2', 'NIOS II'],
  [16, 'blackfin', 'Blackfin'],
  [17, 'avr32', 'AVR32'],
  [19, 'sandbox', 'Sandbox'],
  [20, 'nds32', 'NDS32'],
  [21, 'or1k', 'OpenRISC 1000'],
  [22, 'arm64', 'AArch64'],
  [23, 'arc', 'ARC'],
  [24, 'x86_64', 'AMD x86_64'],
  [25, 'xtensa', 'Xtensa'],
  [26, 'riscv', 'RISC-V'],
]);

export const UIMAGE_OS = entries([
  [0, 'invalid', 'Invalid OS'],
  [1, 'openbsd', 'OpenBSD'],
  [2, 'netbsd', 'NetBSD'],
  [3, 'freebsd', 'FreeBSD'],
  [4, '4_4bsd', '4_4BSD'],
  [5, 'linux', 'Linux'],
  [6, 'svr4', 'SVR4'],
  [7, 'esix', 'Esix'],
  [8, 'solaris', 'Solaris'],
  [9, 'irix', 'Irix'],
  [10, 'sco', 'SCO'],
  [11, 'dell', 'Dell'],
  [12, 'ncr', 'NCR'],
  [14, 'vxworks', 'VxWorks'],
  [15, 'psos', 'pSOS'],
  [16, 'qnx', 'QNX'],
  [17, 'u-boot', 'U-Boot'],
  [18, 'rtems', 'RTEMS'],
  [21, 'integrity', 'INTEGRITY'],
  [22, 'ose', 'Enea OSE'],
  [23, 'plan9', 'Plan 9'],
  [24, 'openrtos', 'OpenRTOS'],
  [25, 'arm-trusted-firmware', 'ARM Trusted Firmware'],
  [26, 'tee', 'Trusted Execution Environment'],
  [27, 'opensbi', 'RISC-V OpenSBI'],
  [28, 'efi', 'EFI Firmware'],
]);

export const UIMAGE_TYPE = entries([
  [0, 'invalid', 'Invalid Image'],
  [1, 'standalone', 'Standalone Program'],
  [2, 'kernel', 'Kernel Image'],
  [3, 'ramdisk', 'RAMDisk Image'],
  [4, 'multi', 'Multi-File Image'],
  [5, 'firmware', 'Firmware'],
  [6, 'script', 'Script'],
  [7, 'filesystem', 'Filesystem Image'],
  [8, 'flat_dt', 'Flat Device Tree'],
  [9, 'kwbimage', 'Kirkwood Boot Image'],
  [10, 'imximage', 'Freescale i.MX Boot Image'],
  [11, 'ublimage', 'Davinci UBL image'],
  [12, 'omapimage', 'TI OMAP SPL With GP CH'],
  [13, 'aisimage', 'Davinci AIS image'],
  [14, 'kernel_noload', 'Kernel Image (no loading done)'],
  [15, 'pblimage', 'Freescale PBL Boot Image'],
  [16, 'mxsimage', 'Freescale MXS Boot Image'],
  [17, 'gpimage', 'TI Keystone SPL Image'],
  [18, 'atmelimage', 'ATMEL ROM-Boot Image'],
  [19, 'socfpgaimage', 'Altera SoCFPGA CV/AV preloader'],
  [20, 'x86_setup', 'x86 setup.bin'],
  [21, 'lpc32xximage', 'LPC32XX Boot Image'],
  [23, 'rkimage', 'Rockchip Boot Image'],
  [24, 'rksd', 'Rockchip SD Boot Image'],
  [25, 'rkspi', 'Rockchip SPI Boot Image'],
  [26, 'zynqimage', 'Xilinx Zynq Boot Image'],
  [27, 'zynqmpimage', 'Xilinx ZynqMP Boot Image'],
  [28, 'zynqmpbif', 'Xilinx ZynqMP Boot Image (bif)'],
  [29, 'fpga', 'FPGA Image'],
  [30, 'vybridimage', 'Vybrid Boot Image'],
  [31, 'tee', 'Trusted Execution Environment Image'],
  [32, 'firmware_ivt', 'Firmware with HABv4 IVT'],
  [33, 'pmmc', 'TI Power Management Micro-Controller Firmware'],
  [34, 'stm32image', 'STMicroelectronics STM32 Image'],
  [35, 'socfpgaimage_v1', 'Altera SoCFPGA A10 preloader'],
  [36, 'mtk_image', 'MediaTek BootROM loadable Image'],
  [37, 'imx8mimage', 'NXP i.MX8M Boot Image'],
  [38, 'imx8image', 'NXP i.MX8 Boot Image'],
  [39, 'copro', 'Coprocessor Image'],
  [40, 'sunxi_egon', 'Allwinner eGON Boot Image'],
  [41, 'sunxi_toc0', 'Allwinner TOC0 Boot Image'],
  [42, 'fdt_legacy', 'legacy Image with Flat Device Tree '],
  [43, 'spkgimage', 'Renesas SPKG Image'],
]);

export const UIMAGE_COMP = entries([
  [0, 'none', 'uncompressed'],
  [1, 'gzip', 'gzip compressed'],
  [2, 'bzip2', 'bzip2 compressed'],
  [3, 'lzma', 'lzma compressed'],
  [4, 'lzo', 'lzo compressed'],
  [5, 'lz4', 'lz4 compressed'],
  [6, 'zstd', 'zstd compressed'],
]);

/** The entry for a code, or undefined when U-Boot has no name for it. */
export function uimageCode(table: readonly UimageCode[], id: number): UimageCode | undefined {
  return table.find((entry) => entry.id === id);
}

/** The code for a short name (or alias), as mkimage looks it up: ignoring ASCII case. */
export function uimageCodeId(table: readonly UimageCode[], short: string): number | undefined {
  const name = short.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return table.find((entry) => entry.short === name || entry.aliases?.includes(name))?.id;
}
