/**
 * The SPI-NOR burn scripts, rule for rule as script_nor.mk writes them (tdautc19841202/IPC
 * project/image/configs/i6b0/script_nor.mk): one `[[<image>` per image (no extension, as this
 * SDK names them), `set_config` and `auto_update.txt` (without header or end-of-file line in this
 * SDK). `[[boot.es` burns the whole BOOT area from one boot.bin, as the board's mscript does
 * (tdautc19841202/IPC project/board/i6b0/boot/nor/partition/mscript/sf/[[boot.es): it erases
 * the BOOT partition the MXP table gives, reloads the table and points the kernel variables at
 * the KERNEL record again.
 */
import { blank, type BurnScript } from './script';
import { foreachLines, notdir, partitionNames, type ScriptContext } from './context';
import { shellEcho } from './shell';

/** `mxp r.info`, erase, tftp, write: every NOR image but the table itself. */
function sfWrite(context: ScriptContext, name: string, file: string): string[] {
  return [`mxp r.info ${name}`, 'sf probe 0', 'sf erase ${sf_part_start} ${sf_part_size}', `tftp ${context.download} ${file}`, `sf write ${context.download} \${sf_part_start} \${filesize}`];
}

/** The files the SDK's boot images are copied under images/boot/ as, when a config gives no RESOUCE. */
const BOOT_FILES: Record<string, string> = { ipl: 'IPL.bin', ipl_cust: 'IPL_CUST.bin', uboot: 'u-boot.xz.img.bin' };

function imageScript(context: ScriptContext, image: string): BurnScript | undefined {
  const path = `scripts/[[${image}`;
  const names = partitionNames(context.writers.get(image));
  const name = names[0] ?? image.toUpperCase();
  const fstype = context.field(image, 'FSTYPE');
  switch (image) {
    case 'mxp':
      return { path, lines: ['mxp t.init', `tftp ${context.download} boot/MXP_SF.bin`, `mxp t.update ${context.download}`, 'mxp t.load'] };
    case 'ipl':
    case 'ipl_cust':
    case 'uboot':
      return { path, lines: sfWrite(context, name, `boot/${notdir(context.field(image, 'RESOUCE')) || BOOT_FILES[image]}`) };
    case 'kernel':
      return {
        path,
        lines: [
          ...sfWrite(context, name, 'kernel'),
          'setenv sf_kernel_start ${sf_part_start}',
          'setenv sf_kernel_size ${sf_part_size}',
          shellEcho(`setenv bootcmd \\' sf probe 0\\;${context.field('kernel', 'BOOTCMD')} ${context.field('rootfs', 'BOOTCMD')} bootm ${context.kernelBoot}`),
        ],
      };
    case 'logo':
      return { path, lines: sfWrite(context, name, 'logo') };
  }
  if (fstype === 'squashfs') return { path, lines: sfWrite(context, name, `${image}.sqfs`) };
  if (fstype === 'jffs2') return { path, lines: sfWrite(context, name, `${image}.jffs2`) };
  if (fstype === 'ramfs') return { path, lines: [...sfWrite(context, name, `${image}.ramfs`), shellEcho(`setenv initrd_high ${context.global('INITRAMFSLOADADDR')}`), 'setenv initrd_size ${sf_part_size}'] };
  return undefined;
}

/** The one-bin script for the whole BOOT area (boot.bin: IPL, IPL_CUST, MXP_SF.bin and UBOOT, each padded to its partition). */
function oneBin(context: ScriptContext): BurnScript {
  const kernel = partitionNames(context.writers.get('kernel'))[0] ?? 'KERNEL';
  return {
    path: 'scripts/[[boot.es',
    lines: [
      blank,
      'mxp r.info BOOT',
      `tftp ${context.download} BOOT.bin`,
      'sf probe 0',
      'sf erase 0x0 $(sf_part_size)',
      `sf write ${context.download} 0x000000 $(filesize)`,
      blank,
      { kind: 'comment', text: ' update kernel start address' },
      'mxp t.load',
      `mxp r.info ${kernel}`,
      'setenv sf_kernel_start $(sf_part_start)',
      'setenv sf_kernel_size $(sf_part_size)',
      `setenv bootcmd ' sf probe 0;sf read ${context.download} $(sf_kernel_start) $(sf_kernel_size);bootm ${context.download}`,
      'saveenv',
      blank,
    ],
  };
}

export function norScripts(context: ScriptContext): BurnScript[] {
  const scripts: BurnScript[] = [];
  const listed: string[] = [];
  for (const image of context.listed) {
    const script = imageScript(context, image);
    if (!script) continue;
    listed.push(image);
    scripts.push(script);
  }
  const setConfig: BurnScript = {
    path: 'scripts/set_config',
    lines: [shellEcho(`setenv bootargs console=ttyS0,115200 ${context.field('rootfs', 'BOOTENV')} ${context.field('kernel', 'BOOTENV')} ${context.bootArgs}`), 'saveenv', 'reset'],
  };
  const autoUpdate: BurnScript = {
    path: 'auto_update.txt',
    bare: true,
    lines: [...foreachLines(listed.map((image) => `estar scripts/[[${image}`)), 'estar scripts/set_config', 'saveenv', 'printenv', 'reset'],
  };
  return [...scripts, oneBin(context), setConfig, autoUpdate];
}
