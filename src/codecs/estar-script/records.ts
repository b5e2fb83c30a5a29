/**
 * The burn scripts SigmaStar's ALKAID SDK writes for U-Boot's `estar` command (`[[kernel.es`,
 * `[[cis.es`, `[[set_partition.es`, `set_config`, `auto_update.txt`...). estar (common/cmd_mstar.c,
 * get_script_next_line) tftp's the file into a 4096-byte buffer, skips line breaks (CR or LF) and
 * lines whose first character is `#`, runs every other line as a command, and stops at the first
 * line whose first character is `%`.
 */

/** Line 1 of every script the SDK's script_nor.mk / script_nand.mk write. */
export const ESTAR_HEADER = '# <- this is for comment / total file size must be less than 4KB';

/** The last line of every script the SDK writes: estar stops at a line starting with `%`. */
export const ESTAR_FOOTER = '% <- this is end of file symbol';

/** estar's script buffer; a script must be smaller ("less than 4KB"). */
export const ESTAR_BUFFER_SIZE = 4096;

/** A line between the header and the end-of-file line. */
export type EstarLine =
  | { kind: 'command'; text: string }
  /** A line starting with `#`; `text` is what follows the `#`. */
  | { kind: 'comment'; text: string }
  /** An empty line (estar skips it). */
  | { kind: 'blank' };

export type NumberedEstarLine = EstarLine & { line: number };

export interface EstarCommand {
  line: number;
  text: string;
}

export interface EstarScript {
  /** Whether line 1 is ESTAR_HEADER (older SDKs wrote auto_update.txt without it). */
  header: boolean;
  /** Every line after the header and before the end-of-file line, in file order. */
  lines: NumberedEstarLine[];
  /** The lines estar runs, with their 1-based line numbers. */
  commands: EstarCommand[];
  /** The `#` lines other than the header. */
  comments: EstarCommand[];
  /** The end-of-file line (normally ESTAR_FOOTER); false when the file has none. */
  footer: string | false;
  lineEnding: '\n' | '\r\n';
  /** Whether the last line ends with a line break (the SDK's `echo` always writes one). */
  trailingNewline: boolean;
}
