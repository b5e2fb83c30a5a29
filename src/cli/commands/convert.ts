/**
 * `flashmap convert INPUT --to FORMAT [-o OUT]`: any table or text format the engine reads into
 * any it writes, on the same path the app uses (importFile, exportFile): the input recognised
 * by content unless --from says, the layout's own format as `flashmap-json`. A failure is one
 * line with where in the input it is, exit status 2.
 */
import { FAMILIES } from '../../families';
import { exportFile, failureText, importFile } from '../../formats/files';
import { detectFormat, findFormat, FORMATS } from '../../formats/registry';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, FAMILY_IDS, serializeDocument, type FamilyId, type LayoutDocument } from '../../model/document';
import { parseBytes } from '../../model/units';
import { UsageError, type Command } from '../io';
import { readInput } from '../input';
import { parseOptions } from '../options';

const LAYOUT = 'flashmap-json';

const readable = () => FORMATS.filter((f) => f.import).map((f) => f.id);
const writable = () => FORMATS.filter((f) => f.export).map((f) => f.id);

const USAGE = `flashmap convert INPUT --to FORMAT [-o OUT] [options]

Reads INPUT (any format below, recognised by its content; "-" is standard input) and writes it as
FORMAT to OUT (standard output when absent or "-").

  --to FORMAT            ${LAYOUT}, ${writable().join(', ')}
  --from FORMAT          read INPUT as ${LAYOUT}, ${readable().join(', ')}
  --family FAMILY        the family to read into when the input does not say: ${FAMILY_IDS.join(', ')}
  --device-size SIZE     the flash size, for inputs that do not give one (mtdparts, a SPI-NAND
  --flash-size SIZE      partition.config): 16M, 0x8000000...
  --define NAME=VALUE    a value for a variable a partition.config's conditions test (FLASH_SIZE=16M);
                         repeat for several; NAME= leaves it unset`;

const SPECS = {
  to: { value: 'required' as const },
  from: { value: 'required' as const },
  output: { value: 'required' as const, alias: 'o' },
  family: { value: 'required' as const },
  'device-size': { value: 'required' as const },
  'flash-size': { value: 'required' as const },
  define: { value: 'many' as const },
};

function emptyLayout(family: FamilyId): LayoutDocument {
  const definition = FAMILIES[family];
  const device = definition.defaultDevice();
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name: 'converted', device, areas: definition.defaultAreas(device), partitions: [] };
}

/** The family to read into: the one asked for, else the one the target or the source format serves alone. */
function familyFor(option: string | undefined, to: string, from: string | undefined, bytes: Uint8Array): FamilyId {
  if (option !== undefined) {
    if (!(FAMILY_IDS as readonly string[]).includes(option)) throw new UsageError(`--family must be one of ${FAMILY_IDS.join(', ')}, not "${option}"`);
    return option as FamilyId;
  }
  for (const format of [findFormat(to), from ? findFormat(from) : detectFormat(bytes)]) {
    if (format?.families.length === 1) return format.families[0];
  }
  return 'sstar-nor';
}

function defines(values: string | string[] | true | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of Array.isArray(values) ? values : []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--define takes NAME=VALUE, not "${pair}"`);
    result[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return result;
}

function size(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseBytes(text);
  if (!parsed.ok || parsed.value === 0) throw new UsageError(`--${option}: ${parsed.ok ? 'must be at least 1 byte' : parsed.error}`);
  return parsed.value;
}

export const convertCommand: Command = {
  name: 'convert',
  usage: USAGE,
  run(argv, io) {
    const { options, positionals } = parseOptions(argv, SPECS);
    const text = (name: string) => {
      const value = options.get(name);
      return typeof value === 'string' ? value : undefined;
    };
    if (positionals.length !== 1) throw new UsageError('expected one INPUT file');
    const to = text('to');
    if (to === undefined) throw new UsageError(`--to is needed: ${LAYOUT}, ${writable().join(', ')}`);
    if (to !== LAYOUT && !writable().includes(to)) throw new UsageError(`--to ${to}: not a format Flashmap writes (${LAYOUT}, ${writable().join(', ')})`);
    const from = text('from');
    if (from !== undefined && from !== LAYOUT && !readable().includes(from)) throw new UsageError(`--from ${from}: not a format Flashmap reads (${LAYOUT}, ${readable().join(', ')})`);
    const deviceSize = size(text('device-size'), 'device-size') ?? size(text('flash-size'), 'flash-size');
    const [input] = positionals;
    const bytes = readInput(input, io);
    const base = emptyLayout(familyFor(text('family'), to, from === LAYOUT ? undefined : from, bytes));
    const current = deviceSize === undefined ? base : { ...base, device: { ...base.device, size: deviceSize } };
    const read = importFile(bytes, current, {
      ...(from !== undefined && from !== LAYOUT ? { formatId: from } : {}),
      ...(input !== '-' ? { fileName: input } : {}),
      defines: defines(options.get('define')),
      ...(deviceSize !== undefined ? { deviceSize } : {}),
    });
    if (!read.ok) {
      io.stderr(`flashmap convert: ${input}: ${failureText(read)}\n`);
      return 2;
    }
    for (const warning of read.warnings) io.stderr(`warning: ${warning}\n`);
    let output: Uint8Array | string;
    if (to === LAYOUT) {
      output = serializeDocument(read.document);
    } else {
      const format = findFormat(to)!;
      if (!format.families.includes(read.document.device.family)) {
        io.stderr(`flashmap convert: ${to} is written for ${format.families.join(' or ')} layouts; ${input} is a ${read.document.device.family} layout\n`);
        return 2;
      }
      const written = exportFile(read.document, to);
      if (!written.ok) {
        io.stderr(`flashmap convert: ${to}: ${failureText(written)}\n`);
        return 2;
      }
      for (const warning of written.file.warnings) io.stderr(`warning: ${warning}\n`);
      output = written.file.text ?? written.file.bytes;
    }
    const target = text('output') ?? '-';
    if (target === '-') io.stdout(output);
    else io.writeFile(target, output);
    return 0;
  },
};
