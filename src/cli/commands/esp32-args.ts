/**
 * gen_esp32part.py v6.0.2's command line, declared as its argparse parser declares it (same
 * options, help texts and order), so that parsing, usage and errors come out as the tool's.
 */
import { FLASH_SIZES_MB, type Esp32Settings } from '../../codecs/esp32/table';
import { toolSettings } from '../../codecs/esp32/tool';
import { ArgumentTypeError, parseArgs, pyRepr, type ArgAction, type ArgParser } from '../argparse';

/** Ours, not the tool's: taken out of the words before argparse sees them (see LOCATE_FLAG). */
export const LOCATE_FLAG = '--locate';

const ACTIONS: ArgAction[] = [
  { flags: ['-h', '--help'], dest: 'help', kind: 'help', help: 'show this help message and exit' },
  {
    flags: ['--flash-size'],
    dest: 'flash_size',
    nargs: '?',
    choices: FLASH_SIZES_MB.map((n) => `${n}MB`),
    help: 'Optional flash size limit, checks partition table fits in flash',
  },
  { flags: ['--disable-md5sum'], dest: 'disable_md5sum', kind: 'store_true', help: 'Disable md5 checksum for the partition table' },
  { flags: ['--no-verify'], dest: 'no_verify', kind: 'store_true', help: "Don't verify partition table fields" },
  {
    flags: ['--verify', '-v'],
    dest: 'verify',
    kind: 'store_true',
    help: 'Verify partition table fields (deprecated, this behaviour is enabled by default and this flag does nothing.',
  },
  { flags: ['--quiet', '-q'], dest: 'quiet', kind: 'store_true', help: "Don't print non-critical status messages to stderr" },
  { flags: ['--offset', '-o'], dest: 'offset', default: '0x8000', help: 'Set offset partition table' },
  { flags: ['--primary-bootloader-offset'], dest: 'primary_bootloader_offset', help: 'Set primary bootloader offset' },
  { flags: ['--recovery-bootloader-offset'], dest: 'recovery_bootloader_offset', help: 'Set recovery bootloader offset' },
  { flags: ['--secure'], dest: 'secure', nargs: '?', const: 'v1', choices: ['v1', 'v2'], help: 'Require app partitions to be suitable for secure boot' },
  { flags: ['--extra-partition-subtypes'], dest: 'extra_partition_subtypes', nargs: '*', help: 'Extra partition subtype entries' },
  { dest: 'input', help: 'Path to CSV or binary file to parse.' },
  { dest: 'output', nargs: '?', default: '-', help: 'Path to output converted binary or CSV file. Will use stdout if omitted.' },
];

/** The prog name argparse prints: the script's file name, which scripts matching its output expect. */
const PARSER = { prog: 'gen_esp32part.py', description: 'ESP32 partition table utility' };

export interface Esp32Invocation {
  settings: Esp32Settings;
  input: string;
  /** The input's bytes, when the caller gave a way to open it (argparse opens it while parsing). */
  inputBytes?: Uint8Array;
  output: string;
  verify: boolean;
  quiet: boolean;
  /** --locate: messages say where the problem is (Flashmap's option). */
  locate: boolean;
}

export interface ParseOptions {
  /** Reads INPUT ("-" is standard input); a thrown error becomes argparse's "can't open" error. */
  open?: (path: string) => Uint8Array;
  /** Width argparse wraps its usage and help to (its terminal width minus 2). */
  width?: () => number;
}

/**
 * The command line as gen_esp32part.py reads it: argparse's parsing and errors (an ArgparseExit),
 * then the option values in the tool's order and with its errors (an Esp32Error).
 */
/** Whether the words ask for located messages (before any `--`, after which every word is a file). */
export function wantsLocate(argv: string[]): boolean {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  return argv.slice(0, end).includes(LOCATE_FLAG);
}

export function parseEsp32Args(argv: string[], options: ParseOptions = {}): Esp32Invocation {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const locate = wantsLocate(argv);
  const words = argv.filter((word, index) => index >= end || word !== LOCATE_FLAG);
  let inputBytes: Uint8Array | undefined;
  const input: ArgAction = {
    ...(ACTIONS.find((a) => a.dest === 'input') as ArgAction),
    type: (path) => {
      if (!options.open) return path;
      try {
        inputBytes = options.open(path);
      } catch (error) {
        throw new ArgumentTypeError(`can't open '${path}': ${pythonOsError(error, path)}`);
      }
      return path;
    },
  };
  const parser: ArgParser = { ...PARSER, actions: ACTIONS.map((a) => (a.dest === 'input' ? input : a)) };
  const values = parseArgs(parser, words, options.width);
  const text = (dest: string) => (typeof values[dest] === 'string' ? (values[dest] as string) : undefined);
  const extras = values.extra_partition_subtypes;
  const settings = toolSettings({
    offset: text('offset'),
    primaryBootloaderOffset: text('primary_bootloader_offset'),
    recoveryBootloaderOffset: text('recovery_bootloader_offset'),
    extraPartitionSubtypes: Array.isArray(extras) ? (extras as string[]) : undefined,
    disableMd5sum: values.disable_md5sum === true,
    secure: text('secure') as 'v1' | 'v2' | undefined,
    flashSize: text('flash_size'),
  });
  return { settings, input: text('input') ?? '-', inputBytes, output: text('output') ?? '-', verify: values.no_verify !== true, quiet: values.quiet === true, locate };
}

const OS_ERRORS: Record<string, [number, string]> = {
  EPERM: [1, 'Operation not permitted'],
  ENOENT: [2, 'No such file or directory'],
  EACCES: [13, 'Permission denied'],
  ENOTDIR: [20, 'Not a directory'],
  EISDIR: [21, 'Is a directory'],
  ENAMETOOLONG: [36, 'File name too long'],
  ELOOP: [40, 'Too many levels of symbolic links'],
};

/** str() of the OSError Python's open() raises: `[Errno 2] No such file or directory: 'x.csv'`. */
function pythonOsError(error: unknown, path: string): string {
  const code = (error as { code?: string }).code ?? '';
  const known = OS_ERRORS[code];
  return known ? `[Errno ${known[0]}] ${known[1]}: ${pyRepr(path)}` : (error as Error).message;
}
