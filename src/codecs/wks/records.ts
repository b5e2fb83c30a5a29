/**
 * The records of a wic kickstart (.wks) file, one per line, named after the options wic reads
 * (scripts/lib/wic/ksparser.py). Sizes and offsets are bytes; `align` is KiB, as written. A value
 * that holds a bitbake variable (`${IMX_BOOT_SEEK}`) stays a template until resolveWks is given
 * the variable's value.
 */

/** Text with `${NAME}` bitbake variables in it, kept as written. */
export interface WksTemplate {
  template: string;
  /** The variables' names, in order of first appearance. */
  variables: string[];
  /** 1-based column of the word (set by the parser), for errors found once it is resolved. */
  column?: number;
}

export type WksText = string | WksTemplate;
export type WksNumber = number | WksTemplate;

export type WksFstype = 'ext2' | 'ext3' | 'ext4' | 'btrfs' | 'squashfs' | 'vfat' | 'msdos' | 'erofs' | 'swap' | 'none';
export type WksPtable = 'msdos' | 'gpt' | 'gpt-hybrid';

/** A `part` (or `partition`) line. */
export interface WksPartition {
  kind: 'part';
  /** How the line spells the command; `part` when absent. */
  command?: 'part' | 'partition';
  /** Mount point or name: `/`, `/boot`, `swap`, `u-boot`. */
  mountpoint?: WksText;
  source?: WksText;
  sourceparams?: WksText;
  fstype?: WksFstype | WksTemplate;
  fsoptions?: WksText;
  fspassno?: WksText;
  mkfsExtraopts?: WksText;
  label?: WksText;
  useLabel?: boolean;
  partName?: WksText;
  /** GPT type GUID. */
  partType?: WksText;
  uuid?: WksText;
  useUuid?: boolean;
  fsuuid?: WksText;
  /** MBR type byte in hex, as written (`0x83`, `c`). */
  systemId?: WksText;
  /** `--ondisk` / `--ondrive`. */
  ondisk?: WksText;
  /** `--type primary|logical` (msdos). */
  type?: 'primary' | 'logical' | WksTemplate;
  active?: boolean;
  hidden?: boolean;
  mbr?: boolean;
  noTable?: boolean;
  noFstabUpdate?: boolean;
  /** KiB. */
  align?: WksNumber;
  /** Bytes; always whole sectors. */
  offset?: WksNumber;
  /** Bytes; a minimum: content can make the partition larger. */
  size?: WksNumber;
  /** Bytes; exact. */
  fixedSize?: WksNumber;
  /** `--extra-space` / `--extra-filesystem-space`, bytes. */
  extraSpace?: WksNumber;
  /** Bytes. */
  extraPartitionSpace?: WksNumber;
  overheadFactor?: WksNumber;
  rootfsDir?: WksText;
  changeDirectory?: WksText;
  excludePath?: WksText[];
  /** Each `--include-path` option's words. */
  includePath?: WksText[][];
  line?: number;
}

export interface WksBootloader {
  kind: 'bootloader';
  ptable?: WksPtable | WksTemplate;
  timeout?: WksNumber;
  append?: WksText;
  configfile?: WksText;
  diskid?: WksText;
  source?: WksText;
  line?: number;
}

export interface WksInclude {
  kind: 'include';
  path: WksText;
  line?: number;
}

/** A whole-line comment, `#` included (wic has no comments after a command). */
export interface WksComment {
  kind: 'comment';
  text: string;
  line?: number;
}

export type WksRecord = WksPartition | WksBootloader | WksInclude | WksComment;

export const FSTYPES: readonly WksFstype[] = ['ext2', 'ext3', 'ext4', 'btrfs', 'squashfs', 'vfat', 'msdos', 'erofs', 'swap', 'none'];
export const PTABLES: readonly WksPtable[] = ['msdos', 'gpt', 'gpt-hybrid'];

/** bitbake variables as wic's expand_line finds them. */
export const VARIABLE = /\$\{([^{}@\n\t :]+)\}/g;

export function isTemplate(value: unknown): value is WksTemplate {
  return typeof value === 'object' && value !== null && 'template' in value;
}
