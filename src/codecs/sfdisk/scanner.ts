/**
 * Tokens of one script line as sfdisk splits them (libfdisk script.c, next_token and
 * is_default_value): blanks are spaces and tabs; a token ends at a blank, `,` or `;`; a token may
 * be quoted with `"` to hold blanks and commas; after a token comes a blank, `,`, `;` or the end of
 * the line. Columns are 1-based for errors.
 */
import { FormatError } from '../errors';
import { quote } from '../quote';

export interface Token {
  text: string;
  /** 1-based column of the token's first character (the opening quote, if quoted). */
  column: number;
  /** 1-based column of the first character of `text`. */
  textColumn: number;
}

const isBlank = (char: string | undefined) => char === ' ' || char === '\t';
const isSeparator = (char: string | undefined) => char === ',' || char === ';';

export class LineScanner {
  private position = 0;

  constructor(
    private readonly text: string,
    readonly line: number,
    /** Column of `text[0]` on its line. */
    private readonly firstColumn = 1,
  ) {}

  get column(): number {
    return this.firstColumn + this.position;
  }

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  /** The rest of the line (for keyword matching). */
  rest(): string {
    return this.text.slice(this.position);
  }

  skipBlanks(): void {
    while (isBlank(this.text[this.position])) this.position++;
  }

  advance(count: number): void {
    this.position += count;
  }

  fail(message: string, column = this.column): never {
    throw new FormatError(message, { line: this.line, column });
  }

  /**
   * sfdisk's "use the default" forms for a start or size: nothing before `,`/`;` or the end of the
   * line, or a lone `-`. Consumes them (and one separator).
   */
  takeDefault(): boolean {
    const save = this.position;
    this.skipBlanks();
    if (this.text[this.position] === '-') {
      const after = this.position + 1;
      this.position = after;
      this.skipBlanks();
      const blank = this.position > after;
      if (isSeparator(this.text[this.position])) {
        this.position++;
        this.skipBlanks();
        return true;
      }
      if (this.atEnd() || blank) return true;
      this.position = save;
      return false;
    }
    if (isSeparator(this.text[this.position])) {
      this.position++;
      this.skipBlanks();
      return true;
    }
    if (this.atEnd()) return true;
    this.position = save;
    return false;
  }

  /** The next token and its terminator; `what` names it in errors. */
  token(what: string): Token {
    this.skipBlanks();
    const column = this.column;
    if (this.atEnd()) this.fail(`${what}: expected a value, found the end of the line`);
    let text: string;
    const quoted = this.text[this.position] === '"';
    if (quoted) {
      const close = this.text.indexOf('"', this.position + 1);
      if (close < 0) this.fail(`${what}: the quoted value ${quote(this.text.slice(this.position))} has no closing quote`);
      text = this.text.slice(this.position + 1, close);
      this.position = close + 1;
    } else {
      const start = this.position;
      while (!this.atEnd() && !isBlank(this.text[this.position]) && !isSeparator(this.text[this.position])) {
        if (this.text[this.position] === '"') this.fail(`${what}: a quote inside the unquoted value ${quote(this.text.slice(start))}; quote the whole value`);
        this.position++;
      }
      text = this.text.slice(start, this.position);
    }
    this.terminator(what);
    return { text, column, textColumn: quoted ? column + 1 : column };
  }

  /** After a value: blanks, then at most one `,` or `;`, or the end of the line. */
  terminator(what: string): void {
    const before = this.position;
    this.skipBlanks();
    if (isSeparator(this.text[this.position])) {
      this.position++;
      this.skipBlanks();
      return;
    }
    if (this.atEnd() || this.position > before) return;
    this.fail(`${what}: expected ",", ";" or a blank after the value, found ${quote(this.rest())}`);
  }
}
