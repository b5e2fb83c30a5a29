/**
 * The command lines image.mk runs for a layout (mxpgenerator or pnigenerator, as a shell line to
 * paste), and the fw_env.config lines (ENV_CFG, ENV_CFG1) that let Linux's fw_printenv find the
 * U-Boot environment: its MTD device, offset and size from the layout, the sector size and count
 * from the config it came from (the SDK's configs disagree on them), else the erase unit.
 */
import { makeWords } from '../../codecs/partition-config';
import { place } from '../../layout/place';
import type { LayoutDocument } from '../../model/document';
import { formatHex } from '../../model/units';
import { documentMxpLists } from './mxp-bridge';
import { nandGeometry } from './geometry';
import { sstarNandBase } from './nand-base';
import { sstarNorBase } from './nor-base';
import { sstarOptions } from './options';
import { documentPniArgv } from './pni-bridge';
import { documentMtdparts } from './mtdparts-bridge';
import { parseMtdparts, resolveMtdparts } from '../../codecs/mtdparts';

/** Double-quoted for sh when the word needs it (the lists hold parentheses), as image.mk quotes them. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `"${word}"`;
}

export function generatorCommand(document: LayoutDocument): string {
  if (document.device.family === 'sstar-nand') return `pnigenerator ${documentPniArgv(document).map(shellWord).join(' ')}\n`;
  const { bootList, sysList, envMerge } = documentMxpLists(document);
  const note = envMerge ? '# the env_merge variant of mxpgenerator (industio/PurPle-Pi-R1): UBOOT grows over UBOOT_ENV\n' : '';
  return `${note}mxpgenerator "${bootList}" "${sysList}" MXP_SF.bin\n`;
}

export interface EnvLocation {
  /** `/dev/mtd6`. */
  device: string;
  offset: number;
  /** The partition's size: the environment cannot be larger. */
  room: number;
  /** The partition (record) name. */
  name: string;
}

/** Where the environment copies are, as Linux numbers the MTD partitions. */
export function envLocations(document: LayoutDocument): EnvLocation[] {
  const [mtd] = parseMtdparts(documentMtdparts(document));
  const parts = resolveMtdparts(mtd, document.device.size).partitions;
  if (document.device.family === 'sstar-nor') {
    // The environment is inside mtd0, the BOOT record.
    const placement = place(document, sstarNorBase);
    const env = placement.partitions.find((placed) => placed.partition.kind === 'env' && placed.areaId === 'boot');
    const boot = parts[0];
    return env && boot ? [{ device: '/dev/mtd0', offset: env.start - boot.start, room: env.size, name: env.partition.name }] : [];
  }
  const placement = place(document, sstarNandBase);
  const envs = placement.partitions.filter((placed) => placed.partition.kind === 'env');
  const starts = new Set(envs.flatMap((placed) => (placed.copies.length > 0 ? placed.copies.map((c) => c.start) : [placed.start])));
  return parts.flatMap((part, index) => (starts.has(part.start) ? [{ device: `/dev/mtd${index}`, offset: 0, room: part.size, name: part.name }] : []));
}

const number = (text: string | undefined) => (text === undefined ? NaN : /^0[xX][0-9a-fA-F]+$/.test(text) ? parseInt(text, 16) : /^[0-9]+$/.test(text) ? Number(text) : NaN);

export function fwEnvLines(document: LayoutDocument): { text: string; warnings: string[] } {
  const globals = sstarOptions(document).config?.globals ?? {};
  const stored = [globals.ENV_CFG, globals.ENV_CFG1];
  const nand = document.device.family === 'sstar-nand';
  const unit = nand ? nandGeometry(document.device).blockBytes : undefined;
  const warnings: string[] = [];
  const lines = envLocations(document).map((location, i) => {
    const words = makeWords(stored[i] ?? stored[0] ?? '');
    const same = words[0] === location.device && number(words[1]) === location.offset;
    // A line the layout agrees with is written as the config wrote it.
    if (same && stored[i] !== undefined) return stored[i]!;
    const size = number(words[2]);
    const envSize = Number.isNaN(size) ? location.room : size;
    const sector = words[3] ?? formatHex(unit ?? location.room);
    return [location.device, formatHex(location.offset), formatHex(envSize), sector, ...words.slice(4)].join(' ');
  });
  if (lines.length === 0) warnings.push('the layout has no environment partition (UBOOT_ENV on SPI-NOR, ENV on SPI-NAND): fw_env.config stays empty');
  return { text: `# fw_env.config: device, offset, environment size, sector size${nand ? ', sectors' : ''}\n${lines.map((line) => `${line}\n`).join('')}`, warnings };
}
