/**
 * Substitutes bitbake variables in parsed records: each template whose variables all have values
 * becomes the option's value (checked as wic checks the option), the others stay templates and
 * are listed with what they change — placement (align, offset, sizes, table type), a file name
 * (sourceparams, include) or neither — so an importer asks only for what matters. A value
 * replaces the variable inside its word; wic expands before splitting the line, which only
 * differs for values with blanks or quotes.
 */
import { checkPartition, failAt } from './checks';
import { BOOTLOADER_OPTIONS, PART_OPTIONS, type Affects, type OptionSpec } from './options';
import { checkBootloaderDiskId, templateOf } from './parse';
import { quote } from '../quote';
import { isTemplate, VARIABLE, type WksBootloader, type WksPartition, type WksRecord, type WksTemplate } from './records';

export interface WksVariableUse {
  variable: string;
  /** The option (`--align`), or `mount point` / `include path`. */
  option: string;
  affects: Affects;
  line?: number;
}

export interface WksResolution {
  records: WksRecord[];
  /** Variables still without a value, once per use. */
  unresolved: WksVariableUse[];
}

type Resolved = { done: true; value: unknown } | { done: false; template: WksTemplate };

function substitute(template: WksTemplate, values: Readonly<Record<string, string>>): Resolved {
  const text = template.template.replace(VARIABLE, (whole, name: string) => (Object.hasOwn(values, name) ? values[name] : whole));
  const result = templateOf(text, template.column);
  if (isTemplate(result)) return { done: false, template: result };
  return { done: true, value: result };
}

export function resolveWks(records: readonly WksRecord[], values: Readonly<Record<string, string>> = {}): WksResolution {
  const unresolved: WksVariableUse[] = [];
  const note = (template: WksTemplate, option: string, affects: Affects, line?: number) => {
    for (const variable of template.variables) unresolved.push({ variable, option, affects, ...(line === undefined ? {} : { line }) });
  };

  /** One value of an option: converted when fully resolved, else the remaining template. */
  const resolveValue = (value: unknown, spec: OptionSpec | undefined, option: string, affects: Affects, line?: number): unknown => {
    if (!isTemplate(value)) return value;
    const resolved = substitute(value, values);
    if (!resolved.done) {
      note(resolved.template, option, affects, line);
      return resolved.template;
    }
    if (!spec?.convert) return resolved.value;
    const converted = spec.convert(resolved.value as string);
    if (!converted.ok) failAt(`argument ${option}: ${converted.reason} (from ${quote(value.template)})`, { line, column: value.column });
    return converted.value;
  };

  const resolveOptions = <T extends WksPartition | WksBootloader>(record: T, specs: readonly OptionSpec[]): T => {
    const copy: Record<string, unknown> = { ...record };
    for (const spec of specs) {
      const value = copy[spec.key];
      const option = spec.names[0];
      if (value === undefined) continue;
      if (spec.arity === 'many') copy[spec.key] = (value as unknown[]).map((item) => resolveValue(item, undefined, option, spec.affects, record.line));
      else if (spec.arity === 'append-many') copy[spec.key] = (value as unknown[][]).map((group) => group.map((item) => resolveValue(item, undefined, option, spec.affects, record.line)));
      else copy[spec.key] = resolveValue(value, spec, option, spec.affects, record.line);
    }
    return copy as T;
  };

  const resolved = records.map((record): WksRecord => {
    switch (record.kind) {
      case 'comment':
        return record;
      case 'include':
        return { ...record, path: resolveValue(record.path, undefined, 'include path', 'file', record.line) as typeof record.path };
      case 'bootloader': {
        const bootloader = resolveOptions(record, BOOTLOADER_OPTIONS);
        checkBootloaderDiskId(bootloader);
        return bootloader;
      }
      case 'part': {
        const part = resolveOptions(record, PART_OPTIONS);
        if (part.mountpoint !== undefined) part.mountpoint = resolveValue(part.mountpoint, undefined, 'mount point', 'other', part.line) as typeof part.mountpoint;
        checkPartition(part);
        return part;
      }
    }
  });
  return { records: resolved, unresolved };
}
