/**
 * Python's argparse (as in CPython 3.11), as far as a drop-in for a Python tool needs it: its way
 * of telling options from values (unambiguous prefixes of long options, `-qv`, `-o0x9000`,
 * `--offset=…`, negative numbers as values, `--`), its matching of positionals between options
 * (including its quirk that `in.csv -q out.bin` leaves `out.bin` unrecognised), and its words:
 * the usage block wrapped to the terminal, `prog: error: …` and exit status 2, and -h's help.
 * Only store, store_true and help actions, with nargs of one, '?' and '*', are modelled.
 */

export interface ArgAction {
  /** Option strings (`['--offset', '-o']`); none for a positional. */
  flags?: string[];
  dest: string;
  kind?: 'store' | 'store_true' | 'help';
  /** undefined: exactly one value. */
  nargs?: '?' | '*';
  choices?: string[];
  /** The value of an option given without its optional value. */
  const?: string;
  default?: string;
  help: string;
  /** Converts (and may refuse, with argparse's words) a value as it is taken, like `type=`. */
  type?: (value: string) => unknown;
}

export interface ArgParser {
  prog: string;
  description: string;
  actions: ArgAction[];
}

export type ParsedValues = Record<string, unknown>;

/** argparse stopped: the text for standard error (or output, for -h) and the exit status. */
export class ArgparseExit extends Error {
  constructor(
    readonly status: number,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(stderr || stdout);
  }
}

/** What a `type=` function raises to refuse a value: printed as `argument NAME: message`. */
export class ArgumentTypeError extends Error {}

const isOptional = (action: ArgAction) => (action.flags?.length ?? 0) > 0;
const takesNoValue = (action: ArgAction) => action.kind === 'store_true' || action.kind === 'help';

/** Python's repr() of a str, as argparse quotes values in its messages. */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') out += '\\\\';
    else if (char === quote) out += `\\${quote}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return quote + out + quote;
}

function actionName(action: ArgAction): string {
  return isOptional(action) ? (action.flags ?? []).join('/') : action.dest;
}

class ArgumentError extends Error {
  constructor(action: ArgAction | undefined, message: string) {
    super(action ? `argument ${actionName(action)}: ${message}` : message);
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting

function metavar(action: ArgAction): string {
  if (action.choices) return `{${action.choices.join(',')}}`;
  return isOptional(action) ? action.dest.toUpperCase() : action.dest;
}

function formatArgs(action: ArgAction): string {
  const name = metavar(action);
  if (action.nargs === '?') return `[${name}]`;
  if (action.nargs === '*') return `[${name} ...]`;
  return name;
}

function usageParts(actions: ArgAction[]): string[] {
  return actions.map((action) => {
    if (!isOptional(action)) return formatArgs(action);
    const flag = (action.flags ?? [])[0];
    return `[${takesNoValue(action) ? flag : `${flag} ${formatArgs(action)}`}]`;
  });
}

/** HelpFormatter._format_usage: `usage: prog [...] ...`, wrapped to the width as argparse wraps it. */
function formatUsage(parser: ArgParser, width: number): string {
  const prefix = 'usage: ';
  const { prog } = parser;
  const optionals = usageParts(parser.actions.filter(isOptional));
  const positionals = usageParts(parser.actions.filter((a) => !isOptional(a)));
  const usage = [prog, ...optionals, ...positionals].join(' ');
  if (prefix.length + usage.length <= width) return `${prefix}${usage}\n`;
  const getLines = (parts: string[], indent: string, first?: string): string[] => {
    const lines: string[] = [];
    let line: string[] = [];
    let length = first !== undefined ? first.length - 1 : indent.length - 1;
    for (const part of parts) {
      if (length + 1 + part.length > width && line.length > 0) {
        lines.push(indent + line.join(' '));
        line = [];
        length = indent.length - 1;
      }
      line.push(part);
      length += part.length + 1;
    }
    if (line.length > 0) lines.push(indent + line.join(' '));
    if (first !== undefined) lines[0] = lines[0].slice(indent.length);
    return lines;
  };
  let lines: string[];
  if (prefix.length + prog.length <= 0.75 * width) {
    const indent = ' '.repeat(prefix.length + prog.length + 1);
    if (optionals.length > 0) lines = [...getLines([prog, ...optionals], indent, prefix), ...getLines(positionals, indent)];
    else if (positionals.length > 0) lines = getLines([prog, ...positionals], indent, prefix);
    else lines = [prog];
  } else {
    const indent = ' '.repeat(prefix.length);
    lines = getLines([...optionals, ...positionals], indent);
    if (lines.length > 1) lines = [...getLines(optionals, indent), ...getLines(positionals, indent)];
    lines = [prog, ...lines];
  }
  return `${prefix}${lines.join('\n')}\n`;
}

/**
 * textwrap.wrap as argparse calls it: runs of blank space become one space, lines break at spaces
 * and after the hyphen of a hyphenated word, and a word longer than a line is cut.
 */
export function wrapText(text: string, width: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim();
  const chunks = words.split(/( )/).flatMap((chunk) => chunk.split(/(?<=[A-Za-z]{2}-)(?=[A-Za-z]-?[A-Za-z])/)).filter((c) => c !== '');
  const reversed = chunks.reverse();
  const lines: string[] = [];
  while (reversed.length > 0) {
    const line: string[] = [];
    let length = 0;
    if (reversed[reversed.length - 1] === ' ' && lines.length > 0) reversed.pop();
    while (reversed.length > 0 && length + reversed[reversed.length - 1].length <= width) {
      const chunk = reversed.pop() ?? '';
      line.push(chunk);
      length += chunk.length;
    }
    const next = reversed[reversed.length - 1];
    if (next !== undefined && next.length > width) {
      const room = Math.max(width - length, 1);
      let end = room;
      const hyphen = next.lastIndexOf('-', room - 1);
      if (hyphen > 0 && /[^-]/.test(next.slice(0, hyphen))) end = hyphen + 1;
      if (line.length === 0 || room > 0) {
        line.push(next.slice(0, end));
        reversed[reversed.length - 1] = next.slice(end);
      }
    }
    if (line.length > 0 && line[line.length - 1] === ' ') line.pop();
    if (line.length > 0) lines.push(line.join(''));
  }
  return lines;
}

function invocation(action: ArgAction): string {
  if (!isOptional(action)) return metavar(action);
  const flags = action.flags ?? [];
  return takesNoValue(action) ? flags.join(', ') : flags.map((flag) => `${flag} ${formatArgs(action)}`).join(', ');
}

/** parser.format_help(): usage, description, then positional arguments and options. */
function formatHelp(parser: ArgParser, width: number): string {
  const maxHelpPosition = Math.min(24, Math.max(width - 20, 4));
  const longest = Math.max(...parser.actions.map((a) => invocation(a).length + 2));
  const helpPosition = Math.min(longest + 2, maxHelpPosition);
  const helpWidth = Math.max(width - helpPosition, 11);
  const actionWidth = helpPosition - 2 - 2;
  const formatAction = (action: ArgAction): string => {
    const header = invocation(action);
    const lines = wrapText(action.help, helpWidth);
    const fits = header.length <= actionWidth;
    const first = fits ? `  ${header.padEnd(actionWidth)}  ${lines[0]}\n` : `  ${header}\n${' '.repeat(helpPosition)}${lines[0]}\n`;
    return first + lines.slice(1).map((line) => `${' '.repeat(helpPosition)}${line}\n`).join('');
  };
  const section = (heading: string, actions: ArgAction[]) => `${heading}:\n${actions.map(formatAction).join('')}`;
  const description = wrapText(parser.description, Math.max(width, 11)).join('\n');
  return [
    formatUsage(parser, width),
    `${description}\n`,
    section('positional arguments', parser.actions.filter((a) => !isOptional(a))),
    section('options', parser.actions.filter(isOptional)),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Parsing

interface OptionMatch {
  action?: ArgAction;
  flag: string;
  explicit?: string;
}

function optionMap(parser: ArgParser): Map<string, ArgAction> {
  return new Map(parser.actions.flatMap((action) => (action.flags ?? []).map((flag) => [flag, action] as const)));
}

/** _parse_optional: undefined for a value, else the option (action undefined when unknown). */
function parseOptional(word: string, options: Map<string, ArgAction>): OptionMatch | undefined {
  if (word === '' || word[0] !== '-') return undefined;
  const exact = options.get(word);
  if (exact) return { action: exact, flag: word };
  if (word.length === 1) return undefined;
  if (word.includes('=')) {
    const [flag, ...rest] = word.split('=');
    const action = options.get(flag);
    if (action) return { action, flag, explicit: rest.join('=') };
  }
  const matches: OptionMatch[] = [];
  if (word[1] === '-') {
    const [prefix, ...rest] = word.split('=');
    const explicit = rest.length > 0 ? rest.join('=') : undefined;
    for (const [flag, action] of options) if (flag.startsWith(prefix)) matches.push({ action, flag, explicit });
  } else {
    for (const [flag, action] of options) {
      if (flag === word.slice(0, 2)) matches.push({ action, flag, explicit: word.slice(2) });
      else if (flag.startsWith(word)) matches.push({ action, flag });
    }
  }
  if (matches.length > 1) throw new ArgumentError(undefined, `ambiguous option: ${word} could match ${matches.map((m) => m.flag).join(', ')}`);
  if (matches.length === 1) return matches[0];
  if (/^-\d+$|^-\d*\.\d+$/.test(word)) return undefined;
  if (word.includes(' ')) return undefined;
  return { flag: word };
}

function nargsPattern(action: ArgAction): string {
  const pattern = takesNoValue(action) ? '(-*-*)' : action.nargs === '?' ? '(-*A?-*)' : action.nargs === '*' ? '(-*[A-]*)' : '(-*A-*)';
  return isOptional(action) ? pattern.replace(/-\*/g, '').replace(/-/g, '') : pattern;
}

const compiled = new Map<string, RegExp>();
/** A regular expression anchored at the start, compiled once. */
function anchored(source: string): RegExp {
  const known = compiled.get(source) ?? new RegExp(`^${source}`);
  compiled.set(source, known);
  return known;
}

function matchArgument(action: ArgAction, pattern: string): number {
  const match = anchored(nargsPattern(action)).exec(pattern);
  if (!match) throw new ArgumentError(action, action.nargs === '?' ? 'expected at most one argument' : 'expected one argument');
  return match[1].length;
}

function matchPartial(actions: ArgAction[], pattern: string): number[] {
  for (let i = actions.length; i > 0; i--) {
    const match = anchored(actions.slice(0, i).map(nargsPattern).join('')).exec(pattern);
    if (match) return match.slice(1).map((group) => group.length);
  }
  return [];
}

function convert(action: ArgAction, value: string): unknown {
  let result: unknown = value;
  if (action.type) {
    try {
      result = action.type(value);
    } catch (error) {
      if (error instanceof ArgumentTypeError) throw new ArgumentError(action, error.message);
      throw error;
    }
  }
  if (action.choices && !action.choices.includes(value)) {
    throw new ArgumentError(action, `invalid choice: ${pyRepr(value)} (choose from ${action.choices.map(pyRepr).join(', ')})`);
  }
  return result;
}

/** _get_values: a value for the action from the words it took (the first `--` among them dropped). */
function valuesOf(action: ArgAction, taken: string[]): unknown {
  const words = [...taken];
  const dash = words.indexOf('--');
  if (dash >= 0) words.splice(dash, 1);
  if (takesNoValue(action)) return true;
  if (words.length === 0 && action.nargs === '?') {
    const value = isOptional(action) ? action.const : action.default;
    return value === undefined ? undefined : convert(action, value);
  }
  if (action.nargs === '*') return words.map((word) => convert(action, word));
  return convert(action, words[0]);
}

function parseWords(parser: ArgParser, argv: string[], width: () => number): ParsedValues {
  const options = optionMap(parser);
  const found = new Map<number, OptionMatch>();
  // One letter per word: O an option, A a value, - the `--` after which every word is a value.
  let pattern = '';
  argv.forEach((word, index) => {
    if (pattern.includes('-')) pattern += 'A';
    else if (word === '--') pattern += '-';
    else {
      const match = parseOptional(word, options);
      if (match) found.set(index, match);
      pattern += match ? 'O' : 'A';
    }
  });

  const values: ParsedValues = Object.fromEntries(parser.actions.map((a) => [a.dest, a.kind === 'store_true' ? false : a.default]));
  const seen = new Set<ArgAction>();
  const extras: string[] = [];
  const take = (action: ArgAction, words: string[]) => {
    seen.add(action);
    if (action.kind === 'help') throw new ArgparseExit(0, formatHelp(parser, width()), '');
    values[action.dest] = valuesOf(action, words);
  };
  let positionals = parser.actions.filter((a) => !isOptional(a));
  const consumePositionals = (start: number): number => {
    const counts = matchPartial(positionals, pattern.slice(start));
    counts.forEach((count, i) => {
      take(positionals[i], argv.slice(start, start + count));
      start += count;
    });
    positionals = positionals.slice(counts.length);
    return start;
  };
  const consumeOptional = (start: number): number => {
    let { action, flag, explicit } = found.get(start) as OptionMatch;
    const taken: Array<[ArgAction, string[]]> = [];
    for (;;) {
      if (!action) {
        extras.push(argv[start]);
        return start + 1;
      }
      if (explicit !== undefined) {
        const count = matchArgument(action, 'A');
        if (count === 0 && flag[1] !== '-' && explicit !== '') {
          taken.push([action, []]);
          flag = flag[0] + explicit[0];
          const next = options.get(flag);
          if (!next) throw new ArgumentError(action, `ignored explicit argument ${pyRepr(explicit)}`);
          action = next;
          explicit = explicit.slice(1) || undefined;
        } else if (count === 1) {
          taken.push([action, [explicit]]);
          for (const [a, words] of taken) take(a, words);
          return start + 1;
        } else {
          throw new ArgumentError(action, `ignored explicit argument ${pyRepr(explicit)}`);
        }
      } else {
        const count = matchArgument(action, pattern.slice(start + 1));
        taken.push([action, argv.slice(start + 1, start + 1 + count)]);
        for (const [a, words] of taken) take(a, words);
        return start + 1 + count;
      }
    }
  };

  let start = 0;
  const optionIndices = [...found.keys()];
  const lastOption = optionIndices.length > 0 ? Math.max(...optionIndices) : -1;
  while (start <= lastOption) {
    const next = Math.min(...optionIndices.filter((i) => i >= start));
    if (start !== next) {
      const end = consumePositionals(start);
      if (end > start) {
        start = end;
        continue;
      }
    }
    if (!found.has(start)) {
      extras.push(...argv.slice(start, next));
      start = next;
    }
    start = consumeOptional(start);
  }
  extras.push(...argv.slice(consumePositionals(start)));

  const missing = parser.actions.filter((a) => !seen.has(a) && !isOptional(a) && a.nargs === undefined);
  if (missing.length > 0) throw new ArgumentError(undefined, `the following arguments are required: ${missing.map(actionName).join(', ')}`);
  if (extras.length > 0) throw new ArgumentError(undefined, `unrecognized arguments: ${extras.join(' ')}`);
  return values;
}

/**
 * parser.parse_args(argv): the values by dest, or an ArgparseExit with argparse's exact output
 * (-h's help on standard output; a mistake's usage and `prog: error: …` on standard error),
 * wrapped to `width()` (asked only when something is printed).
 */
export function parseArgs(parser: ArgParser, argv: string[], width: () => number = () => 78): ParsedValues {
  try {
    return parseWords(parser, argv, width);
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    throw new ArgparseExit(2, '', `${formatUsage(parser, width())}${parser.prog}: error: ${error.message}\n`);
  }
}
