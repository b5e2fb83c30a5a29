/**
 * A small argument parser: options may come before or after positionals, `--` ends the options,
 * `--name=value` and `--name value` both work. Unknown options are usage errors.
 */
import { UsageError } from './io';

export interface OptionSpec {
  /** Takes a value (`--offset 0x8000`); "optional" takes one only when the next word fits `accepts`. */
  value?: 'required' | 'optional' | 'many';
  alias?: string;
  accepts?: (word: string) => boolean;
}

export interface ParsedArgs {
  options: Map<string, string | string[] | true>;
  positionals: string[];
}

export function parseOptions(args: string[], specs: Record<string, OptionSpec>): ParsedArgs {
  const options = new Map<string, string | string[] | true>();
  const positionals: string[] = [];
  const byAlias = new Map(Object.entries(specs).flatMap(([name, spec]) => (spec.alias ? [[spec.alias, name] as const] : [])));
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      positionals.push(word);
      continue;
    }
    const [flag, inline] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const name = flag.startsWith('--') ? flag.slice(2) : byAlias.get(flag.slice(1));
    const spec = name === undefined ? undefined : specs[name];
    if (name === undefined || !spec) throw new UsageError(`unknown option ${flag}`);
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`option ${flag} takes no value`);
      options.set(name, true);
    } else if (spec.value === 'required') {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`option ${flag} needs a value`);
      options.set(name, value);
    } else if (spec.value === 'optional') {
      const next = args[i + 1];
      if (inline !== undefined) options.set(name, inline);
      else if (next !== undefined && spec.accepts?.(next)) options.set(name, args[++i]);
      else options.set(name, true);
    } else {
      // Like argparse's nargs='+': takes every following word up to the next option or `--`.
      const values: string[] = inline !== undefined ? [inline] : [];
      while (i + 1 < args.length && !args[i + 1].startsWith('-')) values.push(args[++i]);
      if (values.length === 0) throw new UsageError(`option ${flag} needs at least one value`);
      options.set(name, [...((options.get(name) as string[] | undefined) ?? []), ...values]);
    }
  }
  return { options, positionals };
}
