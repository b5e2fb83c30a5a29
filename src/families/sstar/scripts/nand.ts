/**
 * The SPI-NAND burn scripts, rule for rule as script_nand.mk writes them (Xuxiaojiao/ssd202 and
 * industio/PurPle-Pi-R1 project/image/configs/i2m/script_nand.mk): `[[cis.es` (writecis),
 * `[[set_partition.es` (mtdparts and the UBI volumes), one `[[<image>.es` per image, `set_config`
 * and `auto_update.txt`. Two departures, both on purpose: the SDK's ipl_cust rule overwrites its
 * header line (`>` for `>>`), written here; and each image writes the copies and partitions the
 * layout has (IPL0, IPL1... as many as there are), where the SDK spells out two.
 */
import { foreachLines, partitionNames, type ScriptContext } from './context';
import type { BurnScript } from './script';
import { shellEcho } from './shell';

/** TFTPDOWNLOADADDR_PART_PNI: where [[cis.es loads PARTINFO.pni beside the SNI list. */
const PNI_ADDRESS = '0x21800000';

function nandWrite(context: ScriptContext, file: string, partitions: string[]): string[] {
  return [`tftp ${context.download} ${file}`, ...partitions.flatMap((name) => [`nand erase.part ${name}`, `nand write.e ${context.download} ${name} \${filesize}`])];
}

function imageScript(context: ScriptContext, image: string): BurnScript | undefined {
  const writer = context.writers.get(image);
  const path = `scripts/[[${image}.es`;
  const fstype = context.field(image, 'FSTYPE');
  const names = partitionNames(writer);
  const ubi = context.ubiPartition;
  switch (image) {
    case 'cis':
      return {
        path,
        lines: [`tftp ${context.download} boot/SPINANDINFO.sni`, `tftp ${PNI_ADDRESS} boot/PARTINFO.pni`, shellEcho(`writecis ${context.download} ${PNI_ADDRESS} ${context.global('CIS_PBAs')} ${context.global('CIS_COPIES')}`)],
      };
    case 'ipl':
    case 'ipl_cust':
    case 'uboot': {
      // uboot's image writes UBOOT0/1; ENV, in the same MTDPART, is left to U-Boot.
      const copies = (writer?.partitions ?? []).filter((placed) => placed.copies.length > 0).slice(0, 1);
      const targets = copies.flatMap((placed) => placed.copies.map((copy) => copy.name));
      return { path, lines: nandWrite(context, `${image}_s.bin`, targets.length > 0 ? targets : names) };
    }
    case 'kernel':
      return { path, lines: nandWrite(context, 'kernel', names) };
    case 'logo':
      return { path, lines: nandWrite(context, 'logo', names) };
    case 'boot':
      return { path, lines: nandWrite(context, 'boot.bin', names.length > 0 ? names : ['BOOT']) };
  }
  const target = names[0] ?? image;
  if (fstype === 'squashfs') return { path, lines: nandWrite(context, `${image}.sqfs`, [target]) };
  if (fstype === 'ramfs') {
    return { path, lines: [...nandWrite(context, `${image}.ramfs`, [target]), shellEcho(`setenv initrd_high ${context.global('INITRAMFSLOADADDR')}`), 'setenv initrd_size ${filesize}'] };
  }
  if (fstype === 'ubifs') return { path, lines: [`ubi part ${ubi}`, `tftp ${context.download} ${image}.ubifs`, `ubi write ${context.download} ${image} \${filesize}`] };
  return undefined;
}

function ubifsImages(context: ScriptContext): string[] {
  return context.listed.filter((image) => context.field(image, 'FSTYPE') === 'ubifs');
}

function setPartition(context: ScriptContext): BurnScript {
  const mtdparts = context.global('MTDPARTS');
  const ubi = context.ubiPartition;
  return {
    path: 'scripts/[[set_partition.es',
    lines: [
      ...(mtdparts !== '' ? [shellEcho(`setenv mtdparts \\' ${mtdparts}`)] : ['mtdparts del CIS', `setenv mtdparts $(mtdparts),${context.field('cis', 'SYSTAB')}`]),
      'saveenv',
      `nand erase.part ${ubi}`,
      `ubi part ${ubi}`,
      ...foreachLines(ubifsImages(context).map((image) => `ubi create ${image} ${context.field(image, 'PATSIZE')}`)),
    ],
  };
}

function setConfig(context: ScriptContext): BurnScript {
  const patsize = context.field('kernel', 'PATSIZE');
  const kernels = partitionNames(context.writers.get('kernel'));
  const boot = kernels.map((name) => `nand read.e ${context.kernelBoot} ${name} ${patsize}\\; bootm ${context.kernelBoot}`).join('\\;');
  return {
    path: 'scripts/set_config',
    lines: [
      shellEcho(`setenv bootargs ${context.field('rootfs', 'BOOTENV')} ${context.field('kernel', 'BOOTENV')} ${context.bootArgs} \\$\\(mtdparts\\)`),
      ...(kernels.length > 0 ? [shellEcho(`setenv bootcmd \\' ${boot}`)] : []),
      'saveenv',
      'reset',
    ],
  };
}

function autoUpdate(context: ScriptContext, scripted: Set<string>): BurnScript {
  const images = context.listed.filter((image) => image !== 'cis' && scripted.has(image));
  return {
    path: 'auto_update.txt',
    lines: [
      ...(context.listed.includes('cis') ? ['estar scripts/[[cis.es'] : []),
      'estar scripts/[[set_partition.es',
      ...foreachLines(images.map((image) => `estar scripts/[[${image}.es`)),
      'estar scripts/set_config',
      'saveenv',
      'printenv',
      'reset',
    ],
  };
}

export function nandScripts(context: ScriptContext): BurnScript[] {
  const scripts: BurnScript[] = [];
  const scripted = new Set<string>();
  for (const image of context.listed) {
    const script = imageScript(context, image);
    if (!script) continue;
    scripted.add(image);
    scripts.push(script);
  }
  return [setPartition(context), ...scripts, setConfig(context), autoUpdate(context, scripted)];
}
