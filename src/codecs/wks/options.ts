/**
 * The options of each wic command as ksparser.py declares them: the record field, how many
 * words it takes, and how its text becomes a value. One table serves the parser (argparse's
 * rules), the emitter (canonical order) and resolveWks (converting a resolved template).
 */
import { formatOffsetOption, formatSizeOption, gptDiskId, msdosDiskId, offsetBytes, overheadFactor, sizeBytes, systemId, wholeNumber, type Converted } from './numbers';
import { quote } from '../quote';
import { FSTYPES, PTABLES } from './records';

export type Arity = 'flag' | 'one' | 'many' | 'append-many';

/** What a variable in the option changes, for the importer's questions. */
export type Affects = 'placement' | 'file' | 'other';

export interface OptionSpec {
  /** `--name` as wic spells it (the first alias is the canonical one). */
  names: string[];
  key: string;
  arity: Arity;
  convert?: (text: string) => Converted<unknown>;
  /** The word the emitter writes for a converted value. */
  format?: (value: unknown) => string | undefined;
  affects: Affects;
}

const choice =
  (choices: readonly string[]) =>
  (text: string): Converted<unknown> =>
    choices.includes(text) ? { ok: true, value: text } : { ok: false, reason: `invalid choice: ${quote(text)} (choose from ${choices.map((c) => `'${c}'`).join(', ')})` };

const size = { convert: sizeBytes, format: (v: unknown) => formatSizeOption(v as number) };
const text = (name: string, key: string, affects: Affects = 'other'): OptionSpec => ({ names: [name], key, arity: 'one', affects });
const flag = (name: string, key: string): OptionSpec => ({ names: [name], key, arity: 'flag', affects: 'other' });

/** In the emitter's order. */
export const PART_OPTIONS: OptionSpec[] = [
  text('--source', 'source', 'placement'),
  text('--sourceparams', 'sourceparams', 'file'),
  { names: ['--ondisk', '--ondrive'], key: 'ondisk', arity: 'one', affects: 'other' },
  { names: ['--fstype'], key: 'fstype', arity: 'one', convert: choice(FSTYPES), affects: 'other' },
  { names: ['--fsoptions'], key: 'fsoptions', arity: 'one', affects: 'other' },
  text('--label', 'label'),
  flag('--use-label', 'useLabel'),
  text('--part-name', 'partName'),
  text('--part-type', 'partType'),
  text('--uuid', 'uuid'),
  flag('--use-uuid', 'useUuid'),
  text('--fsuuid', 'fsuuid'),
  { names: ['--system-id'], key: 'systemId', arity: 'one', convert: systemId, affects: 'other' },
  { names: ['--type'], key: 'type', arity: 'one', convert: choice(['primary', 'logical']), affects: 'placement' },
  flag('--active', 'active'),
  flag('--hidden', 'hidden'),
  flag('--mbr', 'mbr'),
  flag('--no-table', 'noTable'),
  flag('--no-fstab-update', 'noFstabUpdate'),
  { names: ['--align'], key: 'align', arity: 'one', convert: (t) => wholeNumber(t, 'align'), format: (v) => String(v), affects: 'placement' },
  { names: ['--offset'], key: 'offset', arity: 'one', convert: offsetBytes, format: (v) => formatOffsetOption(v as number), affects: 'placement' },
  { names: ['--size'], key: 'size', arity: 'one', ...size, affects: 'placement' },
  { names: ['--fixed-size'], key: 'fixedSize', arity: 'one', ...size, affects: 'placement' },
  { names: ['--extra-space', '--extra-filesystem-space'], key: 'extraSpace', arity: 'one', ...size, affects: 'placement' },
  { names: ['--extra-partition-space'], key: 'extraPartitionSpace', arity: 'one', ...size, affects: 'placement' },
  { names: ['--overhead-factor'], key: 'overheadFactor', arity: 'one', convert: overheadFactor, format: (v) => String(v), affects: 'placement' },
  text('--mkfs-extraopts', 'mkfsExtraopts'),
  text('--fspassno', 'fspassno'),
  text('--rootfs-dir', 'rootfsDir', 'file'),
  text('--change-directory', 'changeDirectory', 'file'),
  { names: ['--exclude-path'], key: 'excludePath', arity: 'many', affects: 'file' },
  { names: ['--include-path'], key: 'includePath', arity: 'append-many', affects: 'file' },
];

export const BOOTLOADER_OPTIONS: OptionSpec[] = [
  { names: ['--ptable'], key: 'ptable', arity: 'one', convert: choice(PTABLES), affects: 'placement' },
  { names: ['--timeout'], key: 'timeout', arity: 'one', convert: (t) => wholeNumber(t, 'timeout'), format: (v) => String(v), affects: 'other' },
  text('--append', 'append'),
  text('--configfile', 'configfile', 'file'),
  text('--diskid', 'diskid'),
  text('--source', 'source'),
];

/** --diskid depends on the table type; checked once both are known. */
export function checkDiskId(diskid: string, ptable: string): Converted<string> {
  return ptable === 'msdos' ? msdosDiskId(diskid) : gptDiskId(diskid);
}
