/**
 * `flashmap esp32`: a drop-in for ESP-IDF's gen_esp32part.py. CSV in → binary table out, binary in
 * → normalised CSV out (told apart by content), same options, same messages on stderr, exit 2 for
 * an invalid table.
 */
import { Esp32Error } from '../../codecs/esp32/errors';
import { parsePyInt } from '../../codecs/esp32/numbers';
import { esp32Settings, FLASH_SIZES_MB, type Esp32Settings } from '../../codecs/esp32/table';
import { TYPE_NAMES, type ExtraSubtype } from '../../codecs/esp32/types';
import { runTool } from '../../codecs/esp32/tool';
import { MiB } from '../../model/units';
import { UsageError, type Command } from '../io';
import { readInput } from '../input';
import { parseOptions, type OptionSpec, type ParsedArgs } from '../options';

const SPECS: Record<string, OptionSpec> = {
  'flash-size': { value: 'required' },
  offset: { value: 'required', alias: 'o' },
  'disable-md5sum': {},
  secure: { value: 'optional', accepts: (word) => word === 'v1' || word === 'v2' },
  'primary-bootloader-offset': { value: 'required' },
  'recovery-bootloader-offset': { value: 'required' },
  'extra-partition-subtypes': { value: 'many' },
  'no-verify': {},
  // Kept by the reference tool for compatibility; verification is on unless --no-verify.
  verify: { alias: 'v' },
  quiet: { alias: 'q' },
};

const USAGE = `flashmap esp32 [options] INPUT [OUTPUT]

A drop-in for ESP-IDF's gen_esp32part.py. A CSV INPUT is written as the binary partition table
(0xC00 bytes); a binary INPUT (starting with AA 50) as the normalised CSV. OUTPUT "-" or absent
means standard output; INPUT "-" reads standard input. Exit status 2 for an invalid table.

  --flash-size SIZE                 check that the table fits: ${FLASH_SIZES_MB.map((n) => `${n}MB`).join(', ')}
  --offset, -o OFFSET               partition table offset (default 0x8000)
  --disable-md5sum                  no MD5 row (and none expected when reading)
  --secure [v1|v2]                  secure boot app size rule (bare --secure means v1: 64 KiB)
  --primary-bootloader-offset N     offset of the primary bootloader (bootloader entries)
  --recovery-bootloader-offset N    offset of the recovery bootloader
  --extra-partition-subtypes T,NAME,VALUE ...
                                    extra subtype names (T: app, data, bootloader, partition_table;
                                    VALUE in hex); takes every following word, so end with --
  --no-verify                       skip the table checks (not the flash-size check)
  --quiet, -q                       no progress messages (warnings and errors still print)`;

function numberOption(args: ParsedArgs, name: string): number | undefined {
  const value = args.options.get(name);
  if (typeof value !== 'string') return undefined;
  const parsed = parsePyInt(value);
  if (parsed === undefined || parsed < 0n || parsed > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new UsageError(`argument --${name}: invalid number '${value}'`);
  }
  return Number(parsed);
}

/** `app,my_app,0x40`: the value is hexadecimal with or without 0x, as the tool reads it. */
function extraSubtype(word: string): ExtraSubtype {
  const fields = word.split(',').map((field) => field.trim());
  const type = TYPE_NAMES.find(([name]) => name === fields[0])?.[0];
  const value = fields.length >= 3 ? parsePyInt(fields[2], 16) : undefined;
  if (fields.length < 3 || !type || fields[1] === '' || value === undefined || value < 0n || value > 255n) {
    throw new UsageError(`argument --extra-partition-subtypes: expected TYPE,NAME,HEX with TYPE one of ${TYPE_NAMES.map(([n]) => n).join(', ')} and HEX from 0 to ff, got '${word}'`);
  }
  return { type, name: fields[1], value: Number(value) };
}

function settingsFrom(args: ParsedArgs): Esp32Settings {
  const { options } = args;
  const flashSize = options.get('flash-size');
  if (flashSize !== undefined && !FLASH_SIZES_MB.some((n) => `${n}MB` === flashSize)) {
    throw new UsageError(`argument --flash-size: invalid choice: '${flashSize}' (choose from ${FLASH_SIZES_MB.map((n) => `'${n}MB'`).join(', ')})`);
  }
  const secure = options.get('secure');
  const extras = options.get('extra-partition-subtypes');
  return esp32Settings({
    tableOffset: numberOption(args, 'offset'),
    md5: !options.has('disable-md5sum'),
    secure: secure === undefined ? 'none' : secure === 'v2' ? 'v2' : 'v1',
    primaryBootloaderOffset: numberOption(args, 'primary-bootloader-offset'),
    recoveryBootloaderOffset: numberOption(args, 'recovery-bootloader-offset'),
    extraSubtypes: Array.isArray(extras) ? extras.map(extraSubtype) : [],
    flashSize: typeof flashSize === 'string' ? Number.parseInt(flashSize, 10) * MiB : undefined,
  });
}

export interface Esp32Invocation {
  args: ParsedArgs;
  settings: Esp32Settings;
  input: string;
  output: string;
}

/** The command line as gen_esp32part.py reads it; a bad option or value is a UsageError. */
export function parseEsp32Args(argv: string[]): Esp32Invocation {
  const args = parseOptions(argv, SPECS);
  // Options first: a file name swallowed by --extra-partition-subtypes is reported as such.
  const settings = settingsFrom(args);
  if (args.positionals.length < 1 || args.positionals.length > 2) throw new UsageError('expected INPUT and optionally OUTPUT');
  const [input, output = '-'] = args.positionals;
  return { args, settings, input, output };
}

export const esp32Command: Command = {
  name: 'esp32',
  usage: USAGE,
  run(argv, io) {
    const { args, settings, input: inputPath, output: outputPath } = parseEsp32Args(argv);
    const quiet = args.options.has('quiet');
    try {
      const { output } = runTool(readInput(inputPath, io), settings, {
        verify: !args.options.has('no-verify'),
        warn: (line) => io.stderr(`${line}\n`),
        status: (line) => quiet || io.stderr(`${line}\n`),
      });
      if (outputPath === '-') io.stdout(output);
      else io.writeFile(outputPath, output);
      return 0;
    } catch (error) {
      if (!(error instanceof Esp32Error)) throw error;
      for (const line of error.details) io.stderr(`${line}\n`);
      io.stderr(`${error.message}\n`);
      return 2;
    }
  },
};
