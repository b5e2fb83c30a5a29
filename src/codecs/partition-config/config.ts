/**
 * The structured reading of a partition.config: the SDK's global variables, and for each image
 * of IMAGE_LIST the per-image values the SDK's makefiles read as `$(<image>$(SUFFIX))`.
 *
 * The suffix variables are not in the config: the SDK's project/image/makefile defines them
 * before including it (tdautc19841202/IPC and industio/PurPle-Pi-R1: `RESOUCE:=_resource`,
 * `PATSIZE:=_patsize`, ...). That makefile does not define BOOTCMD, so `kernel$(BOOTCMD) = ...`
 * really sets a variable named `kernel`, which is where the SDK's script_nor.mk reads it back.
 */
import { evaluateMake, type ConditionInput, type MakeEvaluation, type MakeVariable } from './evaluate';

/** The SDK makefile's suffix variables, exactly as it defines them (BOOTCMD is not among them). */
export const ALKAID_SUFFIXES: Readonly<Record<string, string>> = Object.freeze({
  RESOUCE: '_resource',
  FSTYPE: '_fstype',
  PATSIZE: '_patsize',
  MOUNTPT: '_mountpoint',
  MOUNTTG: '_mounttarget',
  OPTIONS: '_options',
  BOOTENV: '_bootenv',
  MTDPART: '_mtdpart',
  BOOTTAB: '_boottab',
  SYSTAB: '_systab',
  CISSIZE: '_cissize',
  BOOTADDR: '_bootaddr',
  COPIES: '_copies',
  DATASIZE: '_datasize',
  BKCOUNT: '_bkcount',
  BLKSIZE: '_blksize',
  PATCOUNT: '_patcount',
  PGSIZE: '_pgsize',
  OTABLK: '_otablk',
});

/** Per-image fields, in the order the SDK's configs usually write them. */
export const IMAGE_FIELDS = [
  'RESOUCE',
  'FSTYPE',
  'DATASIZE',
  'PGSIZE',
  'COPIES',
  'BKCOUNT',
  'PATSIZE',
  'PATCOUNT',
  'CISSIZE',
  'BLKSIZE',
  'BOOTADDR',
  'MTDPART',
  'BOOTTAB',
  'SYSTAB',
  'BOOTENV',
  'BOOTCMD',
  'MOUNTTG',
  'MOUNTPT',
  'OPTIONS',
  'OTABLK',
] as const;
export type ImageField = (typeof IMAGE_FIELDS)[number];

/** Global variables the SDK's image makefiles and scripts read, in the configs' usual order. */
export const CONFIG_GLOBALS = [
  'BOOT_IMAGE_LIST',
  'IMAGE_LIST',
  'OTA_IMAGE_LIST',
  'FLASH_TYPE',
  'UBI_MLC_TYPE',
  'BENCH',
  'PHY_TEST',
  'PAT_TABLE',
  'FLASH_WP_RANGE',
  'CIS_PBAs',
  'CIS_COPIES',
  'TFTPDOWNLOADADDR',
  'KERNELBOOTADDR',
  'INITRAMFSLOADADDR',
  'USR_MOUNT_BLOCKS',
  'ENV_CFG',
  'ENV_CFG1',
  'MTDPARTS',
] as const;
export type ConfigGlobal = (typeof CONFIG_GLOBALS)[number];

/** A value as make expands it, the text it was written as, and the line that set it last. */
export interface ConfigValue {
  value: string;
  /** As written (recursive variables): `$(PROJ_ROOT)/board/$(CHIP)/boot/ipl/IPL.bin`. */
  raw: string;
  line: number;
}

export interface ConfigImage {
  name: string;
  fields: Partial<Record<ImageField, ConfigValue>>;
}

export interface PartitionConfig {
  globals: Partial<Record<ConfigGlobal, ConfigValue>>;
  /** One per word of IMAGE_LIST, in its order (build and burn order). */
  images: ConfigImage[];
  /** Images with per-image variables that IMAGE_LIST does not name (key_cust in the SSD202 configs). */
  unlistedImages: ConfigImage[];
  /** The file's other variables (wifi24mclkcmd...), in the order they were first assigned. */
  others: Array<ConfigValue & { name: string }>;
  /** Undefined variables the conditions tested (FLASH_SIZE...), for the user to choose. */
  inputs: ConditionInput[];
  evaluation: MakeEvaluation;
}

/** Whitespace-separated words, as make's word functions split them. */
export function makeWords(text: string): string[] {
  return text.split(/[ \t\n\v\f\r]+/).filter((word) => word !== '');
}

/** The suffix each field's variable name ends with, as defined after the evaluation. */
function suffixes(evaluation: MakeEvaluation): Record<ImageField, string> {
  const result = {} as Record<ImageField, string>;
  for (const field of IMAGE_FIELDS) result[field] = evaluation.variables.get(field)?.value ?? '';
  return result;
}

export function readPartitionConfig(text: string | Uint8Array, defines: Readonly<Record<string, string>> = {}): PartitionConfig {
  const evaluation = evaluateMake(text, { defines: { ...ALKAID_SUFFIXES, ...defines } });
  const fileVariables = [...evaluation.variables.values()].filter((variable) => variable.origin === 'file');
  const byName = new Map(fileVariables.map((variable) => [variable.name, variable]));
  const claimed = new Set<string>();
  const take = (variable: MakeVariable | undefined): ConfigValue | undefined => {
    // The first claim wins: a name is one global or one field, never two.
    if (!variable || variable.line === undefined || claimed.has(variable.name)) return undefined;
    claimed.add(variable.name);
    return { value: variable.value, raw: variable.raw, line: variable.line };
  };

  const globals: PartitionConfig['globals'] = {};
  for (const name of CONFIG_GLOBALS) {
    const value = take(byName.get(name));
    if (value) globals[name] = value;
  }
  const suffix = suffixes(evaluation);
  const image = (name: string): ConfigImage => {
    const fields: ConfigImage['fields'] = {};
    for (const field of IMAGE_FIELDS) {
      const value = take(byName.get(name + suffix[field]));
      if (value) fields[field] = value;
    }
    return { name, fields };
  };
  const listed = [...new Set(makeWords(globals.IMAGE_LIST?.value ?? ''))];
  const images = listed.map(image);

  // Images not listed show themselves by a variable ending with a (non-empty) field suffix.
  const endings = IMAGE_FIELDS.map((field) => suffix[field]).filter((ending) => ending !== '').sort((a, b) => b.length - a.length);
  const unlisted: string[] = [];
  for (const variable of fileVariables) {
    if (claimed.has(variable.name)) continue;
    const ending = endings.find((candidate) => variable.name.length > candidate.length && variable.name.endsWith(candidate));
    const name = ending === undefined ? undefined : variable.name.slice(0, -ending.length);
    if (name !== undefined && !listed.includes(name) && !unlisted.includes(name)) unlisted.push(name);
  }
  const unlistedImages = unlisted.map(image);
  const others = fileVariables.filter((variable) => !claimed.has(variable.name));
  return {
    globals,
    images,
    unlistedImages,
    others: others.map((variable) => ({ name: variable.name, value: variable.value, raw: variable.raw, line: variable.line ?? 0 })),
    inputs: evaluation.inputs,
    evaluation,
  };
}
