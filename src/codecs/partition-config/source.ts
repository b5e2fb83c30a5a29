/**
 * Make's reading of a makefile into logical lines (read.c: readline, collapse_continuations,
 * remove_comments), keeping for every character where it came from so that errors found later,
 * even while expanding a variable defined far above, point at a line and column of the file.
 *
 * - Lines end at LF; a CR right before the LF is dropped.
 * - A line ending in an odd number of backslashes continues: half of the other backslashes stay,
 *   blanks before the backslash and at the start of the next line become one space. A final line
 *   without a line break does not continue (make keeps its backslash).
 * - `#` starts a comment unless it is inside `$(...)`/`${...}`, follows a `$`, or is quoted by an
 *   odd number of backslashes (half of them stay; with an even number half stay and the comment
 *   starts).
 */
import { FormatError } from '../errors';

/** The file's text and where its lines start, to turn an offset into a line and column. */
export class SourceFile {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  location(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
  }

  error(message: string, offset: number): FormatError {
    const { line, column } = this.location(offset);
    return new FormatError(`line ${line}, column ${column}: ${message}`, { line, column });
  }
}

/** Where each character of a piece of text came from (an offset into the file). */
export interface Origins {
  at(index: number): number;
}

/** Origins of a logical line; `base` makes a slice without copying. */
export class LineOrigins implements Origins {
  constructor(
    private readonly offsets: Int32Array,
    private readonly base = 0,
  ) {}

  at(index: number): number {
    return this.offsets[Math.min(this.base + index, this.offsets.length - 1)];
  }

  slice(start: number): LineOrigins {
    return new LineOrigins(this.offsets, this.base + start);
  }
}

/** Origins of a value built by `+=` from pieces of several lines. */
export class JoinedOrigins implements Origins {
  private readonly starts: number[] = [];
  private readonly pieces: Origins[] = [];

  constructor(first: Origins) {
    this.append(0, first);
  }

  append(start: number, origins: Origins): void {
    this.starts.push(start);
    this.pieces.push(origins);
  }

  at(index: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.starts[middle] <= index) low = middle;
      else high = middle - 1;
    }
    return this.pieces[low].at(index - this.starts[low]);
  }
}

/** Text with the file offsets of its characters. */
export interface Located {
  text: string;
  origins: Origins;
}

export interface LogicalLine extends Located {
  origins: LineOrigins;
  /** 1-based line where it starts. */
  line: number;
}

const isBlank = (char: string | undefined) => char === ' ' || char === '\t';

/** Builds text and origins side by side. */
class Builder {
  text = '';
  origins: number[] = [];

  push(char: string, origin: number): void {
    this.text += char;
    this.origins.push(origin);
  }

  /** Copies `source[from, to)`; `origins` gives their file offsets (the indices themselves when absent). */
  copy(source: string, from: number, to: number, origins?: readonly number[]): void {
    this.text += source.slice(from, to);
    for (let i = from; i < to; i++) this.origins.push(origins ? origins[i] : i);
  }

  drop(count: number): void {
    this.text = this.text.slice(0, this.text.length - count);
    this.origins.length -= count;
  }

  trimBlanks(): void {
    let count = 0;
    while (count < this.text.length && isBlank(this.text[this.text.length - 1 - count])) count++;
    this.drop(count);
  }
}

function trailingBackslashes(text: string, from: number, end: number): number {
  let count = 0;
  while (end - count > from && text[end - 1 - count] === '\\') count++;
  return count;
}

/** File offsets of a line's characters plus one for its end. */
function withEnd(origins: readonly number[], end: number): Int32Array {
  const offsets = new Int32Array(origins.length + 1);
  offsets.set(origins);
  offsets[origins.length] = end;
  return offsets;
}

/** The line without its comment, backslash quoting before `#` undone; `end` is the origin of the line's end. */
function removeComment(line: Builder, end: number): { text: string; offsets: Int32Array } {
  const { text, origins } = line;
  if (!text.includes('#')) return { text, offsets: withEnd(origins, end) };
  const out = new Builder();
  let i = 0;
  let stop = text.length;
  while (i < text.length) {
    const char = text[i];
    if (char === '$') {
      // A reference is skipped whole; `$` and the character after it go together.
      let j = Math.min(i + 2, text.length);
      const open = text[i + 1];
      if (open === '(' || open === '{') {
        const close = open === '(' ? ')' : '}';
        for (let depth = 1; j < text.length; j++) {
          if (text[j] === open) depth++;
          else if (text[j] === close && --depth === 0) {
            j++;
            break;
          }
        }
      }
      out.copy(text, i, j, origins);
      i = j;
      continue;
    }
    if (char === '#') {
      let slashes = 0;
      while (slashes < out.text.length && out.text[out.text.length - 1 - slashes] === '\\') slashes++;
      // Of the backslashes before `#`, half stay; an odd one out quotes the `#`.
      out.drop(Math.ceil(slashes / 2));
      if (slashes % 2 === 0) {
        stop = i;
        break;
      }
    }
    out.push(char, origins[i]);
    i++;
  }
  return { text: out.text, offsets: withEnd(out.origins, stop < text.length ? origins[stop] : end) };
}

/** The logical lines of a makefile, comments removed, continuations collapsed. */
export function logicalLines(file: SourceFile): LogicalLine[] {
  const { text } = file;
  const nul = text.indexOf('\0');
  if (nul !== -1) throw file.error('a NUL character: a makefile is text', nul);
  const lines: LogicalLine[] = [];
  let start = 0;
  while (start < text.length) {
    const out = new Builder();
    const first = start;
    let continuing = true;
    let skipBlanks = false;
    while (continuing) {
      const newline = text.indexOf('\n', start);
      const terminated = newline !== -1;
      let end = terminated ? newline : text.length;
      if (terminated && end > start && text[end - 1] === '\r') end--;
      let from = start;
      if (skipBlanks) while (from < end && isBlank(text[from])) from++;
      const slashes = trailingBackslashes(text, from, end);
      continuing = terminated && slashes % 2 === 1;
      const copyEnd = continuing ? end - slashes : end;
      out.copy(text, from, copyEnd);
      if (continuing) {
        for (let k = 0; k < (slashes - 1) / 2; k++) out.push('\\', end - slashes + k);
        out.trimBlanks();
        out.push(' ', end - 1);
        skipBlanks = true;
      }
      start = terminated ? newline + 1 : text.length;
    }
    const { text: body, offsets } = removeComment(out, Math.max(first, start - 1));
    lines.push({ text: body, origins: new LineOrigins(offsets), line: file.location(first).line });
  }
  return lines;
}
