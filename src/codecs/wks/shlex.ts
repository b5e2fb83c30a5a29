/**
 * Python's `shlex.split(line)` (POSIX mode, split on whitespace only, no comments), which wic
 * applies to each line: single quotes are literal, inside double quotes a backslash escapes only
 * `\` and `"`, outside quotes it escapes any character, and `""` is an empty word. Each word keeps
 * the column where it starts, for located errors. (A word always ends in state `a`, so an empty
 * quoted word needs no flag of its own.)
 */
import { FormatError } from '../errors';

export interface Word {
  text: string;
  /** 1-based column of the word's first character (a quote or backslash included). */
  column: number;
}

/** shlex.whitespace: the only separators (other Unicode blanks are word characters). */
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

/** Splits one line; `columnBase` is added to columns (the line's leading blanks wic stripped). */
export function shlexSplit(line: string, lineNumber: number, columnBase = 0): Word[] {
  const words: Word[] = [];
  let state: ' ' | 'a' | "'" | '"' | '\\' = ' ';
  let escaped: 'a' | '"' = 'a';
  let text = '';
  let start = 0;
  let quoteAt = 0;
  const fail = (message: string, index: number): never => {
    const column = columnBase + index + 1;
    throw new FormatError(`${message} at line ${lineNumber}, column ${column}`, { line: lineNumber, column });
  };
  const finish = () => {
    words.push({ text, column: columnBase + start + 1 });
    text = '';
  };
  for (let i = 0; i <= line.length; i++) {
    const char = i < line.length ? line[i] : undefined;
    switch (state) {
      case ' ':
        if (char === undefined) return words;
        if (WHITESPACE.has(char)) continue;
        start = i;
        if (char === '\\') [state, escaped] = ['\\', 'a'];
        else if (char === "'" || char === '"') [state, quoteAt] = [char, i];
        else [state, text] = ['a', char];
        break;
      case 'a':
        if (char === undefined || WHITESPACE.has(char)) {
          finish();
          state = ' ';
          if (char === undefined) return words;
        } else if (char === "'" || char === '"') [state, quoteAt] = [char, i];
        else if (char === '\\') [state, escaped] = ['\\', 'a'];
        else text += char;
        break;
      case "'":
      case '"':
        if (char === undefined) fail('No closing quotation', quoteAt);
        if (char === state) state = 'a';
        else if (char === '\\' && state === '"') [state, escaped] = ['\\', '"'];
        else text += char;
        break;
      case '\\':
        if (char === undefined) fail('No escaped character', i - 1);
        // Inside double quotes a backslash stays unless it escapes `\` or `"`.
        if (escaped === '"' && char !== '\\' && char !== '"') text += '\\';
        text += char;
        state = escaped;
        break;
    }
  }
  return words;
}

/** shlex.quote's safe characters, plus `$ { }` so bitbake variables stay readable. */
const SAFE = /^[A-Za-z0-9@%+=:,./_${}-]+$/;

/** A word that shlexSplit reads back as `text`. */
export function shlexQuote(text: string): string {
  if (SAFE.test(text)) return text;
  return `'${text.replace(/'/g, `'"'"'`)}'`;
}
