/**
 * libconfuse's scanner (src/lexer.l, libconfuse 3.3 as genimage 16 links it): `#` and `//`
 * comments to the end of the line, C-style block comments, `{ } ( ) = += ,`, double-quoted strings
 * with C escapes and `${VAR}` substitution, single-quoted strings, and unquoted strings of any
 * characters but blanks and `#"'={}()+,*`. Like flex, the longest match wins at each position,
 * so `//` and `/*` start comments only at the start of a token. Any other character is skipped,
 * as libconfuse does.
 */
import { FormatError } from '../errors';
import { decodeUtf8, encodeUtf8 } from '../text';
import { quote } from '../quote';

export type TokenKind = 'string' | '{' | '}' | '(' | ')' | '=' | '+=' | ',' | 'end';

export interface Token {
  kind: TokenKind;
  /** The string's value (after escapes and substitutions); the symbol itself otherwise. */
  text: string;
  quoted: boolean;
  line: number;
  column: number;
}

/** Values of `${NAME}` and `${NAME:-default}`; absent when the caller gave no environment. */
export type Environment = Readonly<Record<string, string>>;

const UNQUOTED_STOP = new Set([' ', '#', '"', "'", '\t', '\n', '\r', '=', '{', '}', '(', ')', '+', ',', '*']);
const ESCAPES: Record<string, number> = { n: 10, r: 13, b: 8, f: 12, a: 7, e: 27, t: 9, v: 11 };

export class Lexer {
  private at = 0;
  private line = 1;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly environment?: Environment,
  ) {}

  private get column(): number {
    return this.at - this.lineStart + 1;
  }

  private fail(message: string, line = this.line, column = this.column): never {
    throw new FormatError(`${message} at line ${line}, column ${column}`, { line, column });
  }

  private advance(count = 1): void {
    for (let i = 0; i < count && this.at < this.text.length; i++) {
      if (this.text[this.at] === '\n') {
        this.line++;
        this.lineStart = this.at + 1;
      }
      this.at++;
    }
  }

  private startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.at);
  }

  /** `${NAME}` or `${NAME:-default}` at the current position (after `$`), consumed; its value. */
  private variable(line: number, column: number): string {
    const close = this.text.indexOf('}', this.at);
    const body = this.text.slice(this.at + 2, close);
    this.advance(close + 1 - this.at);
    const dash = body.indexOf(':-');
    const name = dash === -1 ? body : body.slice(0, dash);
    if (this.environment === undefined) {
      this.fail(`genimage would take \${${quote(name).slice(1, -1)}} from its environment: give the value (the environment option)`, line, column);
    }
    return this.environment[name] ?? (dash === -1 ? '' : body.slice(dash + 2));
  }

  private doubleQuoted(line: number, column: number): string {
    this.advance(); // "
    const bytes: number[] = [];
    for (;;) {
      if (this.at >= this.text.length) this.fail('unterminated string constant', line, column);
      const char = this.text[this.at];
      if (char === '"') break;
      if (char === '$' && this.text[this.at + 1] === '{' && this.text.indexOf('}', this.at) !== -1) {
        bytes.push(...encodeUtf8(this.variable(this.line, this.column)));
        continue;
      }
      if (char === '\\') {
        bytes.push(...this.escape());
        continue;
      }
      const code = this.text.codePointAt(this.at)!;
      const literal = String.fromCodePoint(code);
      bytes.push(...encodeUtf8(literal));
      this.advance(literal.length);
    }
    this.advance();
    return this.finish(bytes, line, column);
  }

  /** One backslash sequence of a double-quoted string, as bytes. */
  private escape(): number[] {
    const next = this.text[this.at + 1] ?? '';
    if (next === '\n') {
      this.advance(2); // line continuation
      return [];
    }
    const digits = /^[0-9]+/.exec(this.text.slice(this.at + 1, this.at + 64))?.[0] ?? '';
    if (digits !== '') {
      // flex takes the longest rule: \[0-7]{1,3} only when no longer digit run follows.
      if (digits.length > 3 || /[89]/.test(digits)) this.fail(`bad escape sequence ${quote(`\\${digits}`)}`);
      const value = parseInt(digits, 8);
      if (value > 0xff) this.fail(`invalid octal number ${quote(`\\${digits}`)}`);
      this.advance(1 + digits.length);
      return [value];
    }
    const hex = /^x([0-9A-Fa-f]{1,2})/.exec(this.text.slice(this.at + 1, this.at + 4));
    if (hex) {
      this.advance(1 + hex[0].length);
      return [parseInt(hex[1], 16)];
    }
    if (next === '') this.fail('unterminated string constant');
    this.advance(2);
    if (next in ESCAPES) return [ESCAPES[next]];
    return [...encodeUtf8(next)];
  }

  private singleQuoted(line: number, column: number): string {
    this.advance(); // '
    const bytes: number[] = [];
    for (;;) {
      if (this.at >= this.text.length) this.fail('unterminated string constant', line, column);
      const char = this.text[this.at];
      if (char === "'") break;
      if (char === '\\') {
        const next = this.text[this.at + 1] ?? '';
        if (next === '\n') this.advance(2);
        else if (next === '\\' || next === "'") {
          bytes.push(next.charCodeAt(0));
          this.advance(2);
        } else {
          bytes.push(0x5c);
          this.advance();
        }
        continue;
      }
      const literal = String.fromCodePoint(this.text.codePointAt(this.at)!);
      bytes.push(...encodeUtf8(literal));
      this.advance(literal.length);
    }
    this.advance();
    return this.finish(bytes, line, column);
  }

  private finish(bytes: number[], line: number, column: number): string {
    if (bytes.includes(0)) this.fail('a string cannot contain a NUL byte (genimage would cut it there)', line, column);
    const decoded = decodeUtf8(Uint8Array.from(bytes));
    if (!decoded.ok) this.fail('string escapes do not form valid UTF-8', line, column);
    return decoded.text;
  }

  next(): Token {
    for (;;) {
      if (this.at >= this.text.length) return { kind: 'end', text: '', quoted: false, line: this.line, column: this.column };
      const char = this.text[this.at];
      const { line, column } = this;
      if (char === ' ' || char === '\t' || char === '\n') {
        this.advance();
      } else if (char === '#' || this.startsWith('//')) {
        while (this.at < this.text.length && this.text[this.at] !== '\n') this.advance();
      } else if (this.startsWith('/*')) {
        const end = this.text.indexOf('*/', this.at + 2);
        if (end === -1) this.fail('unterminated comment: "/*" without "*/"', line, column);
        this.advance(end + 2 - this.at);
      } else if ('{}()=,'.includes(char)) {
        this.advance();
        return { kind: char as TokenKind, text: char, quoted: false, line, column };
      } else if (this.startsWith('+=')) {
        this.advance(2);
        return { kind: '+=', text: '+=', quoted: false, line, column };
      } else if (char === '"') {
        return { kind: 'string', text: this.doubleQuoted(line, column), quoted: true, line, column };
      } else if (char === "'") {
        return { kind: 'string', text: this.singleQuoted(line, column), quoted: true, line, column };
      } else if (char === '$' && this.text[this.at + 1] === '{' && this.text.indexOf('}', this.at) !== -1) {
        return { kind: 'string', text: this.variable(line, column), quoted: true, line, column };
      } else if (!UNQUOTED_STOP.has(char)) {
        const start = this.at;
        while (this.at < this.text.length && !UNQUOTED_STOP.has(this.text[this.at])) this.advance();
        return { kind: 'string', text: this.text.slice(start, this.at), quoted: false, line, column };
      } else {
        this.advance(); // libconfuse's catch-all rule eats the character
      }
    }
  }
}
