/**
 * Reads a .wks file as wic does (ksparser.py): each line stripped, `#` lines skipped, the rest
 * split with shlex and read with argparse's rules — `--opt value` and `--opt=value`, unique
 * prefixes of long options, `--` ending the options, one mount point, the last of a repeated
 * option winning, --size and --fixed-size exclusive. `partition` is read like `part` (the wic
 * documentation names both; ksparser itself only knows `part`). `${VAR}` words stay templates.
 */
import { FormatError } from '../errors';
import { decodeText } from '../text';
import { checkPartition, failAt } from './checks';
import { BOOTLOADER_OPTIONS, checkDiskId, PART_OPTIONS, type OptionSpec } from './options';
import { quote } from '../quote';
import { VARIABLE, isTemplate, type WksBootloader, type WksInclude, type WksPartition, type WksRecord, type WksText } from './records';
import { shlexSplit, type Word } from './shlex';

export interface WksParseOptions {
  /**
   * Values substituted in the text of each line before it is split, as wic's expand_line does;
   * needed when a variable stands for options (`part / ${ROOT_OPTIONS}`).
   */
  variables?: Readonly<Record<string, string>>;
}

/** Python's str.strip() blanks: JavaScript's \s plus U+001C..U+001F and U+0085. */
// eslint-disable-next-line no-control-regex -- U+001C..U+001F are whitespace for Python
const PY_BLANK = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/gu;
// eslint-disable-next-line no-control-regex -- as above
const PY_LEADING_BLANK = /^[\s\x1c-\x1f\x85]+/u;
const LINE_BREAK = /\r\n|\r|\n/;

export function templateOf(text: string, column?: number): WksText {
  const variables = [...new Set([...text.matchAll(VARIABLE)].map((match) => match[1]))];
  if (variables.length === 0) return text;
  return { template: text, variables, ...(column === undefined ? {} : { column }) };
}

interface Classified {
  kind: 'argument' | 'option' | 'unknown' | 'help' | 'separator';
  spec?: OptionSpec;
  explicit?: string;
}

function classify(word: string, specs: readonly OptionSpec[], lineNumber: number, column: number): Classified {
  if (word === '--') return { kind: 'separator' };
  if (!word.startsWith('-') || word === '-') return { kind: 'argument' };
  if (word === '-h' || word === '--help') return { kind: 'help' };
  const equals = word.indexOf('=');
  const name = word.startsWith('--') && equals !== -1 ? word.slice(0, equals) : word;
  const explicit = name === word ? undefined : word.slice(equals + 1);
  const exact = specs.find((spec) => spec.names.includes(name));
  if (exact) return { kind: 'option', spec: exact, ...(explicit === undefined ? {} : { explicit }) };
  if (word.startsWith('--')) {
    // argparse's allow_abbrev: a unique prefix of a long option.
    const matches = [...specs.flatMap((spec) => spec.names.map((option) => ({ option, spec }))), { option: '--help', spec: undefined }].filter(({ option }) => option.startsWith(name));
    if (matches.length > 1) {
      failAt(`ambiguous option: ${quote(name)} could match ${matches.map((m) => m.option).join(', ')}`, { line: lineNumber, column });
    }
    if (matches.length === 1) return matches[0].spec ? { kind: 'option', spec: matches[0].spec, ...(explicit === undefined ? {} : { explicit }) } : { kind: 'help' };
  }
  if (/^-\d+$|^-\d*\.\d+$/.test(word) || word.includes(' ')) return { kind: 'argument' };
  return { kind: 'unknown' };
}

interface Parsed {
  values: Record<string, unknown>;
  positionals: Word[];
  columns: Record<string, number>;
}

/** argparse over one command's words (the command word excluded). */
function readOptions(words: Word[], specs: readonly OptionSpec[], lineNumber: number, maxPositionals: number): Parsed {
  const values: Record<string, unknown> = {};
  const columns: Record<string, number> = {};
  const positionals: Word[] = [];
  const extras: Word[] = [];
  let onlyPositionals = false;
  const kindOf = (word: Word) => (onlyPositionals ? { kind: 'argument' as const } : classify(word.text, specs, lineNumber, word.column));
  const where = (word: Word) => ({ line: lineNumber, column: word.column });
  const value = (spec: OptionSpec, text: string, word: Word): unknown => {
    const column = word.column;
    const template = templateOf(text, column);
    if (isTemplate(template) || !spec.convert) return template;
    const converted = spec.convert(text);
    if (!converted.ok) failAt(`argument ${spec.names[0]}: ${converted.reason}`, where(word));
    return converted.value;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const classified = kindOf(word);
    if (classified.kind === 'separator') {
      onlyPositionals = true;
      continue;
    }
    if (classified.kind === 'argument') {
      (positionals.length < maxPositionals ? positionals : extras).push(word);
      continue;
    }
    if (classified.kind === 'unknown') {
      extras.push(word);
      continue;
    }
    if (classified.kind === 'help') failAt(`${word.text}: wic would print its help here instead of reading the file`, where(word));
    const spec = classified.spec!;
    const name = spec.names[0];
    columns[spec.key] = word.column;
    if (spec.arity === 'flag') {
      if (classified.explicit !== undefined) failAt(`argument ${name}: ignored explicit argument ${quote(classified.explicit)}`, where(word));
      values[spec.key] = true;
      continue;
    }
    if (spec.arity === 'one') {
      let text = classified.explicit;
      if (text === undefined) {
        const next = words[i + 1];
        if (!next || kindOf(next).kind !== 'argument') failAt(`argument ${name}: expected one argument`, where(word));
        text = next.text;
        i++;
      }
      values[spec.key] = value(spec, text, classified.explicit === undefined ? words[i] : word);
      checkExclusive(spec, values, lineNumber, word);
      continue;
    }
    const items: WksText[] = [];
    if (classified.explicit !== undefined) items.push(templateOf(classified.explicit, word.column));
    else {
      while (i + 1 < words.length && kindOf(words[i + 1]).kind === 'argument') items.push(templateOf(words[++i].text, words[i].column));
      if (items.length === 0) failAt(`argument ${name}: expected at least one argument`, where(word));
    }
    if (spec.arity === 'many') values[spec.key] = items;
    else values[spec.key] = [...((values[spec.key] as WksText[][] | undefined) ?? []), items];
  }
  if (extras.length > 0) {
    const variable = extras.find((extra) => /\$\{/.test(extra.text));
    if (variable && variable.text.startsWith('${')) {
      failAt(`${quote(variable.text)} stands where an option is expected: wic expands variables before splitting the line, so give its value (parseWks(text, { variables }))`, where(variable));
    }
    failAt(`unrecognized arguments: ${extras.map((extra) => extra.text).join(' ').slice(0, 60)}`, where(extras[0]));
  }
  return { values, positionals, columns };
}

/** --size and --fixed-size are one mutually exclusive group; 0 counts as not given, as in argparse. */
function checkExclusive(spec: OptionSpec, values: Record<string, unknown>, lineNumber: number, word: Word): void {
  if (spec.key !== 'size' && spec.key !== 'fixedSize') return;
  const other = spec.key === 'size' ? 'fixedSize' : 'size';
  const given = (v: unknown) => v !== undefined && v !== 0;
  if (given(values[spec.key]) && given(values[other])) {
    failAt(`argument ${spec.names[0]}: not allowed with argument ${other === 'size' ? '--size' : '--fixed-size'}`, { line: lineNumber, column: word.column });
  }
}

function readPart(command: Word, words: Word[], lineNumber: number): WksPartition {
  const { values, positionals, columns } = readOptions(words, PART_OPTIONS, lineNumber, 1);
  const part: WksPartition = { kind: 'part', ...(command.text === 'partition' ? { command: 'partition' as const } : {}) };
  if (positionals.length) part.mountpoint = templateOf(positionals[0].text, positionals[0].column);
  Object.assign(part, values, { line: lineNumber });
  checkPartition(part, columns);
  return part;
}

function readBootloader(words: Word[], lineNumber: number): WksBootloader {
  const { values, columns } = readOptions(words, BOOTLOADER_OPTIONS, lineNumber, 0);
  const bootloader: WksBootloader = { kind: 'bootloader', ...values, line: lineNumber };
  checkBootloaderDiskId(bootloader, columns.diskid);
  return bootloader;
}

export function checkBootloaderDiskId(bootloader: WksBootloader, column?: number): void {
  const { diskid } = bootloader;
  const ptable = bootloader.ptable ?? 'msdos';
  if (typeof diskid !== 'string' || isTemplate(ptable)) return;
  const checked = checkDiskId(diskid, ptable);
  if (!checked.ok) failAt(ptable === 'msdos' ? checked.reason : `with --ptable ${ptable} ${checked.reason}`, { line: bootloader.line, column });
}

function readInclude(command: Word, words: Word[], lineNumber: number): WksInclude {
  const { positionals } = readOptions(words, [], lineNumber, 1);
  if (positionals.length === 0) failAt('the following arguments are required: path', { line: lineNumber, column: command.column });
  return { kind: 'include', path: templateOf(positionals[0].text, positionals[0].column), line: lineNumber };
}

function expand(line: string, variables: Readonly<Record<string, string>>): string {
  return line.replace(VARIABLE, (whole, name: string) => (Object.hasOwn(variables, name) ? variables[name] : whole));
}

/** Reads a .wks file (text, or the bytes of the file). */
export function parseWks(input: string | Uint8Array, options: WksParseOptions = {}): WksRecord[] {
  let text: string;
  if (typeof input === 'string') text = input.replace(/^\ufeff/, '');
  else {
    const decoded = decodeText(input);
    if (!decoded.ok) throw new FormatError(`the .wks file is not valid ${decoded.encoding.toUpperCase()} text (byte offset ${decoded.offset})`, { offset: decoded.offset });
    text = decoded.text;
  }
  const records: WksRecord[] = [];
  let bootloaderLine: number | undefined;
  text.split(LINE_BREAK).forEach((raw, index) => {
    const lineNumber = index + 1;
    const stripped = raw.replace(PY_BLANK, '');
    if (stripped === '') return;
    if (stripped.startsWith('#')) {
      records.push({ kind: 'comment', text: stripped, line: lineNumber });
      return;
    }
    const lead = raw.length - raw.replace(PY_LEADING_BLANK, '').length;
    const line = options.variables ? expand(stripped, options.variables) : stripped;
    const [command, ...words] = shlexSplit(line, lineNumber, lead);
    if (command.text === 'part' || command.text === 'partition') records.push(readPart(command, words, lineNumber));
    else if (command.text === 'bootloader') {
      if (bootloaderLine !== undefined) failAt(`more than one bootloader specified (the first is at line ${bootloaderLine})`, { line: lineNumber, column: command.column });
      bootloaderLine = lineNumber;
      records.push(readBootloader(words, lineNumber));
    } else if (command.text === 'include') records.push(readInclude(command, words, lineNumber));
    else if (command.text.includes('${')) failAt(`${quote(command.text)} stands where a command is expected: give the variable's value (parseWks(text, { variables }))`, { line: lineNumber, column: command.column });
    else failAt(`invalid choice: ${quote(command.text)} (choose from 'part', 'bootloader', 'include')`, { line: lineNumber, column: command.column });
  });
  return records;
}

