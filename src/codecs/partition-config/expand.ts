/**
 * Expansion of variable references as the SDK's make does it, over the variables read so far.
 * Recursive (`=`) variables expand their text on every use; simple (`:=`) ones hold text already
 * expanded. `$(call multiplyhex,A,B)` is the SDK's function; the SDK defines it after including
 * partition.config, so it works only in text expanded after reading (recursive variables), and is
 * an error where make would find it undefined (`:=`, `+=` onto a simple variable, conditions,
 * names). Work is bounded by a budget that grows with the input, so expansion cannot blow up.
 */
import { bashConstant, multiplyhex, trimmed } from './bash';
import { quote } from '../quote';
import { SourceFile, type Located, type Origins } from './source';
import { isMakeFunction, parseReferences, type Node } from './syntax';

export interface Variable {
  name: string;
  flavor: 'recursive' | 'simple';
  origin: 'define' | 'file';
  /** Recursive: the text as written; simple: the expanded value. */
  text: string;
  /** Where the recursive text came from (for located errors). */
  origins?: Origins;
  /** 1-based line of the last assignment in the file. */
  line?: number;
  /** The recursive text, read into references once. */
  nodes?: Node[];
}

/** How deep recursive variables may refer to one another. */
const MAX_DEPTH = 200;
/** How deep expansion may nest in all (variables within computed names within variables...). */
const MAX_NESTED_EXPANSIONS = 1000;

export class Expander {
  readonly variables = new Map<string, Variable>();
  /** Variables read but not defined, with the line of their first use. */
  readonly undefinedNames = new Map<string, number>();
  /** Set while expanding text read after the whole file (multiplyhex exists then). */
  deferred = false;
  private readonly memo = new Map<string, string>();
  private readonly active = new Set<string>();
  private tracker?: Set<string>;
  private work = 0;
  private nesting = 0;

  constructor(
    private readonly file: SourceFile,
    private readonly budget: number,
  ) {}

  /** Expand `source`; undefined names met on the way are added to `tracker` when given. */
  expand(source: Located, tracker?: Set<string>): string {
    const previous = this.tracker;
    this.tracker = tracker;
    try {
      return this.evaluate(this.parse(source), source);
    } finally {
      this.tracker = previous;
    }
  }

  /** The value of a variable after the whole file is read (memoized: nothing changes any more). */
  finalValue(variable: Variable): string {
    if (variable.flavor === 'simple') return variable.text;
    const known = this.memo.get(variable.name);
    if (known !== undefined) return known;
    const value = this.expandVariable(variable);
    this.memo.set(variable.name, value);
    return value;
  }

  private parse(source: Located): Node[] {
    return parseReferences(source.text, (message, index) => {
      throw this.file.error(message, source.origins.at(index));
    });
  }

  private fail(message: string, source: Located, index: number): never {
    throw this.file.error(message, source.origins.at(index));
  }

  private spend(amount: number, source: Located, index: number): void {
    this.work += amount;
    if (this.work > this.budget) {
      this.fail(`expanding the variables takes more than ${this.budget} steps for a file of this size; stopped here`, source, index);
    }
  }

  private evaluate(nodes: Node[], source: Located): string {
    if (this.nesting >= MAX_NESTED_EXPANSIONS) {
      const first = nodes[0];
      this.fail(`expansion nests deeper than ${MAX_NESTED_EXPANSIONS} levels`, source, first && first.kind !== 'text' ? first.at : 0);
    }
    this.nesting++;
    try {
      return this.evaluateNodes(nodes, source);
    } finally {
      this.nesting--;
    }
  }

  private evaluateNodes(nodes: Node[], source: Located): string {
    let out = '';
    for (const node of nodes) {
      if (node.kind === 'text') {
        this.spend(1 + node.text.length, source, 0);
        out += node.text;
        continue;
      }
      const piece = node.kind === 'ref' ? this.reference(node, source) : this.call(node, source);
      this.spend(1 + piece.length, source, node.at);
      out += piece;
    }
    return out;
  }

  private reference(node: Extract<Node, { kind: 'ref' }>, source: Located): string {
    const name = typeof node.name === 'string' ? node.name : this.evaluate(node.name, source);
    if (typeof node.name !== 'string' && name.includes(':')) {
      this.fail(`the reference expands to ${quote(`$(${name})`)}, a substitution reference, which is not supported`, source, node.at);
    }
    if (name === 'multiplyhex') this.fail('multiplyhex is a function: write $(call multiplyhex,A,B)', source, node.at);
    const variable = this.variables.get(name);
    if (!variable) {
      this.tracker?.add(name);
      if (!this.undefinedNames.has(name)) this.undefinedNames.set(name, this.file.location(source.origins.at(node.at)).line);
      return '';
    }
    if (variable.flavor === 'simple') return variable.text;
    if (this.deferred && this.memo.has(name)) return this.memo.get(name) ?? '';
    if (this.active.has(name)) this.fail(`recursive variable ${quote(name)} references itself (eventually)`, source, node.at);
    if (this.active.size >= MAX_DEPTH) this.fail(`variables refer to one another more than ${MAX_DEPTH} levels deep`, source, node.at);
    const value = this.expandVariable(variable);
    if (this.deferred) this.memo.set(name, value);
    return value;
  }

  private expandVariable(variable: Variable): string {
    // Only recursive variables come here, and those always carry their origins.
    const source: Located = { text: variable.text, origins: variable.origins ?? { at: () => 0 } };
    variable.nodes ??= this.parse(source);
    this.active.add(variable.name);
    try {
      return this.evaluate(variable.nodes, source);
    } finally {
      this.active.delete(variable.name);
    }
  }

  private call(node: Extract<Node, { kind: 'call' }>, source: Located): string {
    const [nameNodes, ...argNodes] = node.args;
    const name = trimmed(this.evaluate(nameNodes, source), ' \t\n\v\f\r');
    if (name !== 'multiplyhex') {
      const what = isMakeFunction(name) ? `the make function "${name}"` : quote(name);
      this.fail(`$(call …) calls ${what}: the SDK's image makefile defines only multiplyhex`, source, node.at);
    }
    if (!this.deferred) {
      this.fail(
        '$(call multiplyhex,…) here is expanded while the config is read, before the SDK defines multiplyhex, so make would give an empty value; use it in a "=" assignment',
        source,
        node.at,
      );
    }
    if (argNodes.length < 2) this.fail(`multiplyhex needs two arguments, found ${argNodes.length}`, source, node.at);
    // make expands every argument, also those multiplyhex does not use.
    const texts = argNodes.map((arg) => this.evaluate(arg, source));
    const [first, second] = texts.slice(0, 2).map((text, index) => {
      const parsed = bashConstant(text);
      if (!parsed.ok) this.fail(`multiplyhex argument ${index + 1} is ${quote(text)}: ${parsed.reason}`, source, node.at);
      return parsed.value;
    });
    const product = multiplyhex(first, second);
    if (!product.ok) this.fail(`multiplyhex: ${product.reason}`, source, node.at);
    return product.text;
  }
}
