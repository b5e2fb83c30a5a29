/**
 * pnigenerator's command line (getopt "s:p:b:k:u:l:t:y:r:o:"): `-s -p -b -k -u` fill the header,
 * `-l` is the block size every conversion uses (not stored), `-t` is the BOOT list (stored), `-y`
 * the SYS list (listed only), `-o` the output file. Values may follow the option (`-t LIST`) or be
 * attached (`-tLIST`). Numbers are decimal or 0x-hex as the tool's easy_atoi reads them. Where the
 * tool silently truncates or ignores (a value above 16 bits, a repeated option, a stray argument,
 * `-r` read mode mixed in), this is an error with the argument and column.
 */
import { PniArgumentError } from './errors';
import { quote } from '../quote';
import { PNI_DEFAULT_HEADER } from './records';

export type PniOption = '-s' | '-p' | '-b' | '-k' | '-u' | '-l' | '-t' | '-y' | '-o';

export interface PniArgs {
  /** -s: u16_SpareByteCnt (64). */
  spareByteCount: number;
  /** -p: u16_PageByteCnt (2048). */
  pageByteCount: number;
  /** -b: u16_BlkPageCnt (64). */
  blockPageCount: number;
  /** -k: u16_BlkCnt (1024). */
  blockCount: number;
  /** -u: u16_UnitByteCnt (8). */
  unitByteCount: number;
  /** -l: the block size in bytes used for every conversion (0x20000). */
  blockSize: number;
  /** -t: the BOOT list, stored in the PNI (absent or empty: none). */
  bootList?: string;
  /** -y: the SYS list, only listed (absent or empty: none). */
  sysList?: string;
  /** -o: the output file; without it the tool writes nothing and lists an empty PNI. */
  output?: string;
  /** Where each option's value is in the argument list, for error locations. */
  sources?: Partial<Record<PniOption, { argument: number; column: number }>>;
}

export const PNI_DEFAULT_BLOCK_SIZE = 0x20000;

const NUMERIC: Record<string, { key: 'spareByteCount' | 'pageByteCount' | 'blockPageCount' | 'blockCount' | 'unitByteCount' | 'blockSize'; max: number; min: number }> = {
  '-s': { key: 'spareByteCount', max: 0xffff, min: 0 },
  '-p': { key: 'pageByteCount', max: 0xffff, min: 0 },
  '-b': { key: 'blockPageCount', max: 0xffff, min: 0 },
  '-k': { key: 'blockCount', max: 0xffff, min: 0 },
  '-u': { key: 'unitByteCount', max: 0xffff, min: 0 },
  // 0 would make the tool divide by zero.
  '-l': { key: 'blockSize', max: 0xffffffff, min: 1 },
};

/** easy_atoi's two forms: `0x`/`0X` and hex digits, or decimal digits. */
function readNumber(text: string, option: string, argument: number, column: number, range: { min: number; max: number }): number {
  const fail = (reason: string) => new PniArgumentError(reason, { argument, option, column });
  const hex = /^0[xX]([0-9a-fA-F]+)$/.exec(text);
  if (!hex && !/^[0-9]+$/.test(text)) throw fail(`expected a decimal or 0x-hex number for ${option}, found ${text === '' ? 'nothing' : quote(text)}`);
  const value = hex ? parseInt(hex[1], 16) : Number(text);
  if (value < range.min || value > range.max) {
    throw fail(`${option} ${quote(text)} is out of range: ${range.min} to ${range.max === 0xffff ? '65535 (a 16-bit field)' : '0xFFFFFFFF'}`);
  }
  return value;
}

/** The arguments after the program name, e.g. `['-s', '64', ..., '-o', 'PARTINFO.pni']`. */
export function parsePniArgs(argv: readonly string[]): PniArgs {
  const args: PniArgs = { ...PNI_DEFAULT_HEADER, blockSize: PNI_DEFAULT_BLOCK_SIZE };
  const sources: NonNullable<PniArgs['sources']> = {};
  const seen = new Map<string, number>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const option = arg.slice(0, 2);
    if (!/^-[spbkulyto]$/.test(option)) {
      if (option === '-r') throw new PniArgumentError('-r reads a PNI and is not a generator option: read the file with parsePni', { argument: i, column: 1 });
      throw new PniArgumentError(`expected one of the options -s -p -b -k -u -l -t -y -o, found ${quote(arg)}`, { argument: i, column: 1 });
    }
    const previous = seen.get(option);
    if (previous !== undefined) throw new PniArgumentError(`${option} is given twice (also argument ${previous + 1}); pnigenerator would silently use the last`, { argument: i, option, column: 1 });
    seen.set(option, i);
    let value: string;
    let where: { argument: number; column: number };
    if (arg.length > 2) {
      value = arg.slice(2);
      where = { argument: i, column: 3 };
    } else {
      if (i + 1 >= argv.length) throw new PniArgumentError(`${option} needs a value`, { argument: i, option, column: 3 });
      i++;
      value = argv[i];
      where = { argument: i, column: 1 };
    }
    sources[option as PniOption] = where;
    const numeric = NUMERIC[option];
    if (numeric) args[numeric.key] = readNumber(value, option, where.argument, where.column, numeric);
    // The tool treats an empty list as no list.
    else if (option === '-t') args.bootList = value === '' ? undefined : value;
    else if (option === '-y') args.sysList = value === '' ? undefined : value;
    else if (value === '') throw new PniArgumentError('-o needs a file name', { ...where, option });
    else args.output = value;
  }
  args.sources = sources;
  return args;
}
