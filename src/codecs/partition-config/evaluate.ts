/**
 * Evaluates the GNU-make subset SigmaStar partition.config files are written in, returning the
 * variables as the SDK's make sees them once the file is included: comments, continuations,
 * `=`, `:=`/`::=`, `+=`, `?=`, `$(var)`/`${var}` with computed names, `$(call multiplyhex,A,B)`,
 * and `ifeq`/`ifneq`/`ifdef`/`ifndef`/`else [if…]`/`endif` with nesting. Variables from outside
 * the file (the SDK's suffix variables, FLASH_SIZE...) come in as `defines`, like `:=` lines
 * before the file; the undefined variables the conditions tested are reported as inputs, with
 * the values they were compared against. Anything else make would do (rules, `define`,
 * `include`, `export`, other functions...) is a located FormatError.
 */
import { FormatError } from '../errors';
import { decodeText } from '../text';
import { ifeqArgs, isConditionalWord, skipBlanks, type ConditionalWord, type Range } from './conditional';
import { Expander, type Variable } from './expand';
import { quote } from '../quote';
import { JoinedOrigins, logicalLines, SourceFile, type LogicalLine } from './source';

export interface MakeVariable {
  name: string;
  flavor: 'recursive' | 'simple';
  /** `define`: given by the caller and not assigned in the file. */
  origin: 'define' | 'file';
  /** The value once the file is read, fully expanded. */
  value: string;
  /** The text as written (recursive) or the value (simple). */
  raw: string;
  /** Line of the last assignment in the file. */
  line?: number;
}

/** An undefined variable a condition tested, and the values it was compared against. */
export interface ConditionInput {
  name: string;
  /** Lines of the conditionals that tested it. */
  lines: number[];
  /** The other side of each ifeq/ifneq comparison it took part in (none for ifdef/ifndef). */
  values: string[];
}

export interface MakeEvaluation {
  /** Defines first, then the file's variables in the order they were first assigned. */
  variables: Map<string, MakeVariable>;
  inputs: ConditionInput[];
  /** Variables referenced but never defined (make reads them as empty), with the first line using each. */
  undefinedReferences: Array<{ name: string; line: number }>;
}

export interface MakeOptions {
  defines?: Readonly<Record<string, string>>;
}

/** Words make reads as directives or modifiers; none belongs in a partition.config. */
const MODIFIERS = new Set(['export', 'unexport', 'override', 'private', 'define', 'undefine']);
const DIRECTIVES = new Set(['include', '-include', 'sinclude', 'vpath', 'load', '-load', 'endef']);

type Operator = '=' | ':=' | '::=' | '+=' | '?=' | '!=';

interface Assignment {
  nameEnd: number;
  operator: Operator;
  /** Index of the operator's first character. */
  at: number;
  valueStart: number;
}

const isBlank = (char: string | undefined) => char === ' ' || char === '\t';

/** make's parse_variable_definition: the first assignment operator outside references, if any. */
function findAssignment(text: string, start: number): Assignment | undefined {
  let index = start;
  let nameEnd = -1;
  while (index < text.length) {
    let char = text[index++];
    if (char === '#') return undefined;
    if (char === '$') {
      const open = text[index++];
      if (open === undefined) return undefined;
      if (open !== '(' && open !== '{') continue;
      const close = open === '(' ? ')' : '}';
      for (let count = 1; index < text.length; index++) {
        if (text[index] === close && --count === 0) {
          index++;
          break;
        }
        if (text[index] === open) count++;
      }
      continue;
    }
    if (isBlank(char)) {
      nameEnd = index - 1;
      index = skipBlanks(text, index);
      if (index >= text.length) return undefined;
      char = text[index++];
    }
    const end = nameEnd === -1 ? index - 1 : nameEnd;
    const at = index - 1;
    if (char === '=') return { nameEnd: end, operator: '=', at, valueStart: skipBlanks(text, index) };
    if (text[index] === '=' && (char === ':' || char === '+' || char === '?' || char === '!')) {
      return { nameEnd: end, operator: `${char}=` as Operator, at, valueStart: skipBlanks(text, index + 1) };
    }
    if (char === ':') {
      if (text[index] !== ':' || text[index + 1] !== '=') return undefined;
      return { nameEnd: end, operator: '::=', at, valueStart: skipBlanks(text, index + 2) };
    }
    if (nameEnd !== -1) return undefined;
  }
  return undefined;
}

interface Level {
  /** 0: taking this branch; 1: not yet taken; 2: already taken, ignore the rest. */
  ignoring: 0 | 1 | 2;
  seenElse: boolean;
  /** File offset of the directive, for "missing endif". */
  offset: number;
}

class Evaluator {
  private readonly file: SourceFile;
  private readonly expander: Expander;
  private readonly stack: Level[] = [];
  private ignoringLevels = 0;
  private readonly inputs = new Map<string, ConditionInput>();
  private line!: LogicalLine;

  constructor(text: string, defines: Readonly<Record<string, string>>) {
    this.file = new SourceFile(text);
    // Linear in the input: every line may expand a few times its own length.
    this.expander = new Expander(this.file, 1_000_000 + 64 * text.length);
    for (const [name, value] of Object.entries(defines)) this.expander.variables.set(name, { name, flavor: 'simple', origin: 'define', text: value });
  }

  run(): MakeEvaluation {
    for (const line of logicalLines(this.file)) {
      this.line = line;
      this.statement(line);
    }
    const open = this.stack.at(-1);
    if (open) throw this.file.error("missing 'endif' for this conditional", open.offset);
    return this.result();
  }

  private fail(message: string, index: number): never {
    throw this.file.error(message, this.line.origins.at(index));
  }

  private statement(line: LogicalLine): void {
    const { text } = line;
    const start = skipBlanks(text, 0);
    if (start >= text.length) return;
    let wordEnd = start;
    while (wordEnd < text.length && !isBlank(text[wordEnd])) wordEnd++;
    const word = text.slice(start, wordEnd);
    const ignoring = this.ignoringLevels > 0;
    if (MODIFIERS.has(word) && (!ignoring || word === 'define')) this.fail(`"${word}" is not supported in a partition.config`, start);
    const assignment = findAssignment(text, start);
    if (assignment) {
      if (!ignoring) this.assign(start, assignment);
      return;
    }
    if (isConditionalWord(word)) {
      this.conditional(word, skipBlanks(text, wordEnd), start);
      return;
    }
    if (word === 'endef') this.fail('"endef" without "define" (define is not supported)', start);
    if (ignoring) return;
    if (DIRECTIVES.has(word)) this.fail(`the "${word}" directive is not supported in a partition.config`, start);
    this.fail(`expected a variable assignment or a conditional, found ${quote(text.slice(start))}; make would read it as a rule`, start);
  }

  private assign(start: number, { nameEnd, operator, at, valueStart }: Assignment): void {
    const { line } = this;
    if (operator === '!=') this.fail('shell assignments ("!=") are not supported', at);
    const name = this.expander.expand({ text: line.text.slice(start, nameEnd), origins: line.origins.slice(start) });
    if (name === '') this.fail('empty variable name', start);
    const value = { text: line.text.slice(valueStart), origins: line.origins.slice(valueStart) };
    const variables = this.expander.variables;
    const old = variables.get(name);
    const set = (variable: Omit<Variable, 'name' | 'origin' | 'line'>) => variables.set(name, { name, origin: 'file', line: line.line, ...variable });
    if (operator === '?=' && old) return;
    if (operator === '=' || operator === '?=' || (operator === '+=' && !old)) {
      set({ flavor: 'recursive', text: value.text, origins: value.origins });
    } else if (operator === ':=' || operator === '::=') {
      set({ flavor: 'simple', text: this.expander.expand(value) });
    } else if (old?.flavor === 'simple') {
      // make appends nothing, not even the space, when the added text is empty.
      const added = this.expander.expand(value);
      set({ flavor: 'simple', text: old.text === '' || added === '' ? old.text + added : `${old.text} ${added}` });
    } else if (old && value.text === '') {
      set({ flavor: 'recursive', text: old.text, origins: old.origins });
    } else if (old) {
      const origins = old.origins instanceof JoinedOrigins ? old.origins : new JoinedOrigins(old.origins ?? line.origins);
      const text = old.text === '' ? value.text : `${old.text} ${value.text}`;
      origins.append(text.length - value.text.length, value.origins);
      set({ flavor: 'recursive', text, origins });
    }
  }

  private expandRange(range: Range, tracker: Set<string>): string {
    const { line } = this;
    return this.expander.expand({ text: line.text.slice(range.start, range.end), origins: line.origins.slice(range.start) }, tracker);
  }

  private conditional(word: ConditionalWord, argStart: number, start: number): void {
    const { text } = this.line;
    if (word === 'endif') {
      if (argStart < text.length) this.fail('extraneous text after "endif" (make ignores it with a warning)', argStart);
      const level = this.stack.pop();
      if (!level) this.fail("extraneous 'endif'", start);
      if (level.ignoring) this.ignoringLevels--;
      return;
    }
    if (word === 'else') {
      const level = this.stack.at(-1);
      if (!level) this.fail("extraneous 'else'", start);
      if (level.seenElse) this.fail("only one 'else' per conditional", start);
      // A branch not yet taken may be taken now; once one was, the rest are ignored.
      const before = level.ignoring;
      level.ignoring = before === 1 ? 0 : 2;
      this.ignoringLevels += (level.ignoring ? 1 : 0) - (before ? 1 : 0);
      if (argStart >= text.length) {
        level.seenElse = true;
        return;
      }
      let wordEnd = argStart;
      while (wordEnd < text.length && !isBlank(text[wordEnd])) wordEnd++;
      const next = text.slice(argStart, wordEnd);
      if (!isConditionalWord(next) || next === 'else' || next === 'endif') this.fail('extraneous text after "else": only another conditional may follow it', argStart);
      // `else ifeq ...` tests only when this branch could be taken and nothing outside is ignored.
      if (level.ignoring === 0 && !(this.ignoringLevels === 0 && this.test(next, skipBlanks(text, wordEnd)))) {
        level.ignoring = 1;
        this.ignoringLevels++;
      }
      return;
    }
    const ignoring: Level['ignoring'] = this.ignoringLevels > 0 ? 1 : this.test(word, argStart) ? 0 : 1;
    this.stack.push({ ignoring, seenElse: false, offset: this.line.origins.at(start) });
    if (ignoring) this.ignoringLevels++;
  }

  /** Whether the branch of `word` with arguments at `argStart` is taken. */
  private test(word: Exclude<ConditionalWord, 'else' | 'endif'>, argStart: number): boolean {
    const { text } = this.line;
    if (word === 'ifdef' || word === 'ifndef') {
      const tracker = new Set<string>();
      const expanded = this.expandRange({ start: argStart, end: text.length }, tracker);
      const name = /^[^ \t]*/.exec(expanded)?.[0] ?? '';
      if (skipBlanks(expanded, name.length) < expanded.length) this.fail(`invalid syntax in conditional: ${word} takes one variable name, found ${quote(expanded)}`, argStart);
      const variable = this.expander.variables.get(name);
      if (!variable && name !== '') this.noteInput(name, undefined);
      for (const used of tracker) this.noteInput(used, undefined);
      return (variable !== undefined && variable.text !== '') === (word === 'ifdef');
    }
    const args = ifeqArgs(text, argStart);
    if (!args.ok) this.fail(args.message, args.index);
    const firstNames = new Set<string>();
    const secondNames = new Set<string>();
    const first = this.expandRange(args.first, firstNames);
    const second = this.expandRange(args.second, secondNames);
    for (const name of firstNames) this.noteInput(name, second);
    for (const name of secondNames) this.noteInput(name, first);
    return (first === second) === (word === 'ifeq');
  }

  private noteInput(name: string, value: string | undefined): void {
    let input = this.inputs.get(name);
    if (!input) {
      input = { name, lines: [], values: [] };
      this.inputs.set(name, input);
    }
    if (input.lines.at(-1) !== this.line.line) input.lines.push(this.line.line);
    if (value !== undefined && !input.values.includes(value)) input.values.push(value);
  }

  private result(): MakeEvaluation {
    const { expander } = this;
    expander.deferred = true;
    const variables = new Map<string, MakeVariable>();
    for (const variable of expander.variables.values()) {
      variables.set(variable.name, {
        name: variable.name,
        flavor: variable.flavor,
        origin: variable.origin,
        value: expander.finalValue(variable),
        raw: variable.text,
        ...(variable.line === undefined ? {} : { line: variable.line }),
      });
    }
    const undefinedReferences = [...expander.undefinedNames].map(([name, line]) => ({ name, line }));
    return { variables, inputs: [...this.inputs.values()], undefinedReferences };
  }
}

/** The text of a makefile given as a string or as the bytes of the file (UTF-8, or a BOM's encoding). */
function makefileText(input: string | Uint8Array): string {
  if (typeof input === 'string') return input;
  const decoded = decodeText(input);
  if (!decoded.ok) throw new FormatError(`the makefile is not valid ${decoded.encoding.toUpperCase()} text at byte 0x${decoded.offset.toString(16)}`, { offset: decoded.offset });
  return decoded.text;
}

/** Evaluate a partition.config (or any makefile in the same subset). */
export function evaluateMake(input: string | Uint8Array, options: MakeOptions = {}): MakeEvaluation {
  return new Evaluator(makefileText(input), options.defines ?? {}).run();
}
