/**
 * libconfuse's grammar without a schema (confuse.c, cfg_parse_internal): an entry is
 * `name = value`, `name += value`, `name = { a, b }`, `name { … }`, `name title { … }` or
 * `name(arg, …)`. genimage's option tables decide afterwards which of these each name may be.
 */
import { FormatError } from '../errors';
import { Lexer, type Environment, type Token } from './lexer';
import { quote } from '../quote';

export type Entry =
  | { kind: 'option'; name: Token; append: boolean; list: boolean; values: Token[] }
  | { kind: 'section'; name: Token; title?: Token; body: Entry[] }
  | { kind: 'function'; name: Token; args: Token[] };

/** genimage nests image → handler → its own sections; deeper input is refused before the stack is. */
const MAX_DEPTH = 16;

export function fail(message: string, token: Token): never {
  throw new FormatError(`${message} at line ${token.line}, column ${token.column}`, { line: token.line, column: token.column });
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the file' : token.kind === 'string' ? quote(token.text) : `"${token.text}"`;
}

class TreeParser {
  private token: Token;

  constructor(private readonly lexer: Lexer) {
    this.token = lexer.next();
  }

  private take(): Token {
    const token = this.token;
    this.token = this.lexer.next();
    return token;
  }

  private peek(): Token['kind'] {
    return this.token.kind;
  }

  entries(depth: number, opening?: Token): Entry[] {
    if (depth > MAX_DEPTH) fail(`sections are nested deeper than ${MAX_DEPTH} levels`, this.token);
    const entries: Entry[] = [];
    for (;;) {
      const token = this.take();
      if (token.kind === 'end') {
        if (opening) fail(`premature end of file: the section opened at line ${opening.line} is not closed`, token);
        return entries;
      }
      if (token.kind === '}') {
        if (!opening) fail('unexpected closing brace', token);
        return entries;
      }
      if (token.kind !== 'string') fail(`unexpected token ${describe(token)}`, token);
      entries.push(this.entry(token, depth));
    }
  }

  private entry(name: Token, depth: number): Entry {
    const next = this.take();
    if (next.kind === '=' || next.kind === '+=') return this.option(name, next.kind === '+=');
    if (next.kind === '{') return { kind: 'section', name, body: this.entries(depth + 1, next) };
    if (next.kind === '(') return { kind: 'function', name, args: this.args(name) };
    if (next.kind === 'string') {
      const open = this.take();
      if (open.kind !== '{') fail(`missing equal sign after option ${quote(name.text)}`, next);
      return { kind: 'section', name, title: next, body: this.entries(depth + 1, open) };
    }
    return fail(`missing equal sign after option ${quote(name.text)}, found ${describe(next)}`, next);
  }

  private option(name: Token, append: boolean): Entry {
    if (this.peek() === 'string') return { kind: 'option', name, append, list: false, values: [this.take()] };
    const open = this.take();
    if (open.kind !== '{') fail(`expected a value for ${quote(name.text)}, found ${describe(open)}`, open);
    const values: Token[] = [];
    if (this.peek() === '}') {
      this.take();
      return { kind: 'option', name, append, list: true, values };
    }
    for (;;) {
      const value = this.take();
      if (value.kind !== 'string') fail(`expected a value in the list ${quote(name.text)}, found ${describe(value)}`, value);
      values.push(value);
      const separator = this.take();
      if (separator.kind === '}') return { kind: 'option', name, append, list: true, values };
      if (separator.kind !== ',') fail(`expected "," or "}" in the list ${quote(name.text)}, found ${describe(separator)}`, separator);
    }
  }

  private args(name: Token): Token[] {
    const args: Token[] = [];
    if (this.peek() === ')') {
      this.take();
      return args;
    }
    for (;;) {
      const arg = this.take();
      if (arg.kind !== 'string') fail(`syntax error in call of function ${quote(name.text)}`, arg);
      args.push(arg);
      const separator = this.take();
      if (separator.kind === ')') return args;
      if (separator.kind !== ',') fail(`syntax error in call of function ${quote(name.text)}`, separator);
    }
  }
}

export function parseEntries(text: string, environment?: Environment): Entry[] {
  return new TreeParser(new Lexer(text, environment)).entries(0);
}
