/**
 * Writes canonical .wks lines that parseWks (and wic) read back as the same records: the
 * command, the mount point, then the options in one fixed order, each as `--opt value` (or
 * `--opt=value` when the value starts with `-`), words quoted for shlex, sizes in their shortest
 * exact unit (`16M`, `4K`, `8s`). Flags are written when true.
 */
import { FormatError } from '../errors';
import { BOOTLOADER_OPTIONS, PART_OPTIONS, type OptionSpec } from './options';
import { quote } from '../quote';
import { isTemplate, type WksRecord, type WksText } from './records';
import { shlexQuote } from './shlex';

function textOf(value: WksText): string {
  return isTemplate(value) ? value.template : value;
}

function word(value: unknown, spec: OptionSpec, where: string): string {
  if (isTemplate(value)) return value.template;
  if (spec.format) {
    const formatted = spec.format(value);
    if (formatted === undefined) throw new FormatError(`${where}: ${spec.names[0]} ${String(value)} cannot be written (sizes are whole KiB, offsets whole 512-byte sectors)`);
    return formatted;
  }
  if (typeof value !== 'string') throw new FormatError(`${where}: ${spec.names[0]} must be text, found ${typeof value}`);
  return value;
}

function optionWords(record: Record<string, unknown>, specs: readonly OptionSpec[], where: string): string[] {
  const out: string[] = [];
  for (const spec of specs) {
    const value = record[spec.key];
    const name = spec.names[0];
    if (value === undefined) continue;
    if (spec.arity === 'flag') {
      if (value === true) out.push(name);
      else if (value !== false) throw new FormatError(`${where}: ${name} is a flag (true or absent)`);
      continue;
    }
    if (spec.arity === 'one') {
      const text = word(value, spec, where);
      // A value that looks like an option only survives argparse as --opt=value.
      out.push(text.startsWith('-') ? `${name}=${shlexQuote(text)}` : `${name} ${shlexQuote(text)}`);
      continue;
    }
    const groups = spec.arity === 'many' ? [value as WksText[]] : (value as WksText[][]);
    for (const group of groups) {
      if (group.length === 0) throw new FormatError(`${where}: ${name} needs at least one path`);
      const texts = group.map(textOf);
      const dashed = texts.find((text) => text.startsWith('-') || text === '');
      if (dashed !== undefined) throw new FormatError(`${where}: ${name} ${quote(dashed)} cannot be written: argparse would read it as an option`);
      out.push(`${name} ${texts.map(shlexQuote).join(' ')}`);
    }
  }
  return out;
}

function recordLine(record: WksRecord, index: number): string {
  const where = `line ${index + 1} (${record.kind})`;
  switch (record.kind) {
    case 'comment':
      if (!record.text.startsWith('#') || /[\r\n]/.test(record.text) || record.text.trim() !== record.text) throw new FormatError(`${where}: a comment is one line starting with "#", without blanks at its end`);
      return record.text;
    case 'include': {
      const path = textOf(record.path);
      if (path.startsWith('-') || path === '') throw new FormatError(`${where}: the include path ${quote(path)} cannot be written`);
      return `include ${shlexQuote(path)}`;
    }
    case 'bootloader':
      return ['bootloader', ...optionWords(record as unknown as Record<string, unknown>, BOOTLOADER_OPTIONS, where)].join(' ');
    case 'part': {
      const words: string[] = [record.command ?? 'part'];
      if (record.mountpoint !== undefined) {
        const mountpoint = textOf(record.mountpoint);
        if (mountpoint.startsWith('-')) throw new FormatError(`${where}: the mount point ${quote(mountpoint)} would read as an option`);
        words.push(shlexQuote(mountpoint));
      }
      return [...words, ...optionWords(record as unknown as Record<string, unknown>, PART_OPTIONS, where)].join(' ');
    }
  }
}

/** The .wks text: one line per record. */
export function emitWks(records: readonly WksRecord[]): string {
  if (records.filter((record) => record.kind === 'bootloader').length > 1) throw new FormatError('more than one bootloader: wic takes one bootloader line');
  return records.map((record, index) => recordLine(record, index) + '\n').join('');
}
