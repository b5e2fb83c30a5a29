/**
 * A reader for libconfig text with libconfig 1.5's scanner rules (lib/scanner.l): the longest
 * match wins, so `true`/`false` (any case) are booleans but `trueish` is a name, `1.` and `.5`
 * are floats, `0x1F` is hex, `10L` is 64-bit. Adjacent strings are joined. Every error carries
 * the 1-based line and column; work is linear; nesting deeper than MAX_DEPTH is refused.
 */
import { FormatError } from '../errors';
import { decodeText, decodeUtf8, encodeUtf8 } from '../text';
import { quote } from '../quote';
import { INT32_MAX, INT32_MIN, type LibconfigScalar, type LibconfigSetting, type LibconfigValue } from './libconfig';

const MAX_DEPTH = 64;

type TokenKind = 'name' | 'string' | 'scalar' | '=' | ',' | ';' | '{' | '}' | '[' | ']' | '(' | ')' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  /** Strings: the decoded value; scalars: the value. */
  scalar?: LibconfigScalar;
  line: number;
  column: number;
}

const NUMBER_RULES: Array<[RegExp, 'float' | 'int' | 'int64' | 'hex' | 'hex64']> = [
  [/([-+]?([0-9]*)?\.[0-9]*([eE][-+]?[0-9]+)?)|([-+]?([0-9]+)(\.[0-9]*)?[eE][-+]?[0-9]+)/y, 'float'],
  [/[-+]?[0-9]+/y, 'int'],
  [/[-+]?[0-9]+L(L)?/y, 'int64'],
  [/0[Xx][0-9A-Fa-f]+/y, 'hex'],
  [/0[Xx][0-9A-Fa-f]+L(L)?/y, 'hex64'],
];
const NAME_RULE = /[A-Za-z*][-A-Za-z0-9_*]*/y;
const SYMBOLS = new Set(['=', ':', ',', ';', '{', '}', '[', ']', '(', ')']);
const STRING_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, '\\': 92, '"': 34 };

class Scanner {
  private at = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  fail(message: string, line = this.line, column = this.at - this.lineStart + 1): never {
    throw new FormatError(`${message} at line ${line}, column ${column}`, { line, column });
  }

  private advance(count: number): void {
    for (let i = 0; i < count && this.at < this.text.length; i++) {
      if (this.text[this.at] === '\n') {
        this.line++;
        this.lineStart = this.at + 1;
      }
      this.at++;
    }
  }

  private match(rule: RegExp): string | undefined {
    rule.lastIndex = this.at;
    return rule.exec(this.text)?.[0];
  }

  next(): Token {
    for (;;) {
      const line = this.line;
      const column = this.at - this.lineStart + 1;
      const token = (kind: TokenKind, text: string, scalar?: LibconfigScalar): Token => ({ kind, text, line, column, ...(scalar ? { scalar } : {}) });
      if (this.at >= this.text.length) return token('end', '');
      const char = this.text[this.at];
      if (this.text.startsWith('/*', this.at)) {
        const end = this.text.indexOf('*/', this.at + 2);
        if (end === -1) this.fail('unterminated comment: "/*" without "*/"');
        this.advance(end + 2 - this.at);
      } else if (char === '#' || this.text.startsWith('//', this.at)) {
        while (this.at < this.text.length && this.text[this.at] !== '\n') this.advance(1);
      } else if (char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f') {
        this.advance(1);
      } else if (char === '@' && /^@include[ \t]/.test(this.text.slice(this.at, this.at + 9))) {
        this.fail('@include is not supported: put the included settings in this file');
      } else if (char === '"') {
        return token('string', '', { type: 'string', value: this.string(line, column) });
      } else if (SYMBOLS.has(char)) {
        this.advance(1);
        return token(char === ':' ? '=' : (char as TokenKind), char);
      } else if (/[A-Za-z*]/.test(char)) {
        const name = this.match(NAME_RULE)!;
        this.advance(name.length);
        const lower = name.toLowerCase();
        if (lower === 'true' || lower === 'false') return token('scalar', name, { type: 'bool', value: lower === 'true' });
        return token('name', name);
      } else {
        let best: [string, (typeof NUMBER_RULES)[number][1]] | undefined;
        for (const [rule, kind] of NUMBER_RULES) {
          const text = this.match(rule);
          if (text && (!best || text.length > best[0].length)) best = [text, kind];
        }
        if (!best) this.fail(`unexpected character ${quote(String.fromCodePoint(this.text.codePointAt(this.at)!))}`);
        this.advance(best[0].length);
        return token('scalar', best[0], this.number(best[0], best[1], line, column));
      }
    }
  }

  private number(text: string, kind: (typeof NUMBER_RULES)[number][1], line: number, column: number): LibconfigScalar {
    if (kind === 'float') {
      const value = parseFloat(text);
      // atof(".") is 0; a float that overflows is infinite in C and refused here.
      if (!Number.isFinite(value) && !Number.isNaN(value)) this.fail(`float ${quote(text)} is out of range`, line, column);
      return { type: 'float', value: Number.isNaN(value) ? 0 : value };
    }
    const digits = text.replace(/L+$/, '');
    // Beyond 30 digits the value is far past 2^53 (and BigInt parsing is not linear).
    if (digits.replace(/^[-+]?(0[xX])?0*/, '').length > 30) this.fail(`integer ${quote(text)} is beyond 2^53 - 1`, line, column);
    const value = BigInt(digits.startsWith('+') ? digits.slice(1) : digits);
    const int64 = kind === 'int64' || kind === 'hex64' || (kind === 'int' && (value < BigInt(INT32_MIN) || value > BigInt(INT32_MAX)));
    const hex = kind === 'hex' || kind === 'hex64';
    let exact = value;
    if (kind === 'hex') {
      if (value > 0xffffffffn) this.fail(`hex integer ${quote(text)} needs the L suffix: libconfig 1.5 keeps only its low 32 bits`, line, column);
      if (value > BigInt(INT32_MAX)) exact = value - 2n ** 32n; // stored in a C int
    }
    if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < -BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`integer ${quote(text)} is beyond 2^53 - 1`, line, column);
    return { type: 'int', value: Number(exact), ...(int64 ? { int64 } : {}), ...(hex ? { hex } : {}) };
  }

  private string(line: number, column: number): string {
    this.advance(1);
    const bytes: number[] = [];
    for (;;) {
      if (this.at >= this.text.length) this.fail('unterminated string', line, column);
      const char = this.text[this.at];
      if (char === '"') break;
      if (char === '\\') {
        const next = this.text[this.at + 1] ?? '';
        const hex = /^[Xx]([0-9A-Fa-f]{2})/.exec(this.text.slice(this.at + 1, this.at + 4));
        if (next in STRING_ESCAPES) {
          bytes.push(STRING_ESCAPES[next]);
          this.advance(2);
        } else if (hex) {
          const byte = parseInt(hex[1], 16);
          if (byte === 0) this.fail('\\x00 in a string: libconfig drops it, so the string cannot hold a NUL');
          bytes.push(byte);
          this.advance(4);
        } else {
          bytes.push(0x5c); // a lone backslash stays
          this.advance(1);
        }
        continue;
      }
      const literal = String.fromCodePoint(this.text.codePointAt(this.at)!);
      bytes.push(...encodeUtf8(literal));
      this.advance(literal.length);
    }
    this.advance(1);
    const decoded = decodeUtf8(Uint8Array.from(bytes));
    if (!decoded.ok) this.fail('string escapes do not form valid UTF-8', line, column);
    return decoded.text;
  }
}

class Parser {
  private token: Token;

  constructor(private readonly scanner: Scanner) {
    this.token = scanner.next();
  }

  private fail(message: string, token: Token = this.token): never {
    return this.scanner.fail(message, token.line, token.column);
  }

  private take(): Token {
    const token = this.token;
    this.token = this.scanner.next();
    return token;
  }

  private peek(): TokenKind {
    return this.token.kind;
  }

  private describe(token: Token = this.token): string {
    if (token.kind === 'end') return 'the end of the input';
    if (token.kind === 'string') return `the string ${quote((token.scalar as { value: string }).value)}`;
    return quote(token.text);
  }

  /** Settings up to `close` (or the end of the input at the top level). */
  settings(depth: number, close?: Token): LibconfigSetting[] {
    if (depth > MAX_DEPTH) this.fail(`groups and lists are nested deeper than ${MAX_DEPTH} levels`);
    const settings: LibconfigSetting[] = [];
    const names = new Set<string>();
    for (;;) {
      const kind = this.peek();
      if (kind === 'end') {
        if (close) this.fail(`unterminated group: the "{" at line ${close.line}, column ${close.column} is not closed`);
        return settings;
      }
      if (kind === '}' && close) {
        this.take();
        return settings;
      }
      if (kind !== 'name') this.fail(`expected a setting name, found ${this.describe()}`);
      const name = this.take();
      if (names.has(name.text)) this.fail(`duplicate setting name ${quote(name.text)}`, name);
      names.add(name.text);
      if (this.peek() !== '=') this.fail(`expected "=" or ":" after ${quote(name.text)}, found ${this.describe()}`);
      this.take();
      const value = this.value(depth);
      if (this.peek() === ';' || this.peek() === ',') this.take();
      settings.push({ name: name.text, value, line: name.line, column: name.column });
    }
  }

  private value(depth: number): LibconfigValue {
    const token = this.token;
    switch (token.kind) {
      case 'string':
      case 'scalar':
        return this.scalar();
      case '{':
        this.take();
        return { type: 'group', settings: this.settings(depth + 1, token) };
      case '(':
        this.take();
        return { type: 'list', values: this.items(')', depth, () => this.value(depth + 1)) };
      case '[': {
        this.take();
        const values = this.items(']', depth, () => this.scalar());
        const first = values[0];
        values.forEach((value, index) => {
          const same = value.type === first.type && (value.type !== 'int' || Boolean(value.int64) === Boolean((first as { int64?: boolean }).int64));
          if (!same) this.fail(`mismatched element type in array: element ${index + 1} is ${kind(value)}, the first is ${kind(first)}`, token);
        });
        return { type: 'array', values };
      }
      default:
        return this.fail(`expected a value, found ${this.describe()}`);
    }
  }

  /** Comma-separated items up to `close`; no trailing comma, as in libconfig's grammar. */
  private items<T>(close: ']' | ')', depth: number, item: () => T): T[] {
    if (depth + 1 > MAX_DEPTH) this.fail(`groups and lists are nested deeper than ${MAX_DEPTH} levels`);
    const values: T[] = [];
    if (this.peek() === close) {
      this.take();
      return values;
    }
    for (;;) {
      values.push(item());
      const separator = this.take();
      if (separator.kind === close) return values;
      if (separator.kind !== ',') this.fail(`expected "," or "${close}", found ${this.describe(separator)}`, separator);
    }
  }

  private scalar(): LibconfigScalar {
    const token = this.take();
    if (token.kind === 'scalar') return token.scalar!;
    if (token.kind !== 'string') return this.fail(`expected a number, string or boolean, found ${this.describe(token)}`, token);
    let value = (token.scalar as { value: string }).value;
    while (this.peek() === 'string') value += (this.take().scalar as { value: string }).value;
    return { type: 'string', value };
  }
}

function kind(value: LibconfigScalar): string {
  return value.type === 'int' ? (value.int64 ? 'a 64-bit integer' : 'an integer') : value.type === 'bool' ? 'a boolean' : `a ${value.type}`;
}

/** Reads libconfig text (or the bytes of a file) into its top-level settings. */
export function parseLibconfig(input: string | Uint8Array): LibconfigSetting[] {
  let text: string;
  if (typeof input === 'string') text = input.replace(/^\ufeff/, '');
  else {
    const decoded = decodeText(input);
    if (!decoded.ok) throw new FormatError(`the file is not valid ${decoded.encoding.toUpperCase()} text (byte offset ${decoded.offset})`, { offset: decoded.offset });
    text = decoded.text;
  }
  return new Parser(new Scanner(text)).settings(0);
}
