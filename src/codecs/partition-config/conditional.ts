/**
 * The arguments of make's conditional directives (read.c, conditional_line), as index ranges
 * into the line so they can be expanded with their file positions:
 *
 * - `ifeq (a,b)`: the first argument starts right after `(` (its leading blanks count) and ends
 *   at the first comma outside parentheses, trailing blanks dropped; the second starts after the
 *   blanks that follow and ends at the `)` matching the opening one (its trailing blanks count).
 * - `ifeq "a" "b"`, `'a' 'b'`, or mixed: each argument runs to the next quote of its kind.
 * - `ifdef NAME`: the rest of the line is expanded and must be one word.
 * Text after the closing parenthesis or quote only draws a warning from make; here it is an error.
 */

export type ConditionalWord = 'ifeq' | 'ifneq' | 'ifdef' | 'ifndef' | 'else' | 'endif';

const WORDS = new Set<string>(['ifeq', 'ifneq', 'ifdef', 'ifndef', 'else', 'endif']);

export function isConditionalWord(word: string): word is ConditionalWord {
  return WORDS.has(word);
}

export interface Range {
  start: number;
  end: number;
}

export type IfeqArgs = { ok: true; first: Range; second: Range } | { ok: false; message: string; index: number };

const isBlank = (char: string | undefined) => char === ' ' || char === '\t';

export function skipBlanks(text: string, index: number): number {
  while (isBlank(text[index])) index++;
  return index;
}

/** `start` is the index just after the directive word and its blanks. */
export function ifeqArgs(text: string, start: number): IfeqArgs {
  const invalid = (index: number): IfeqArgs => ({ ok: false, message: 'invalid syntax in conditional: expected (a,b), "a" "b" or \'a\' \'b\'', index });
  const opener = text[start];
  if (opener !== '(' && opener !== '"' && opener !== "'") return invalid(start);
  let index = start + 1;
  let first: Range;
  if (opener === '(') {
    let count = 0;
    for (; index < text.length; index++) {
      if (text[index] === '(') count++;
      else if (text[index] === ')') count--;
      else if (text[index] === ',' && count <= 0) break;
    }
    if (index >= text.length) return invalid(start);
    let end = index;
    while (end > start + 1 && isBlank(text[end - 1])) end--;
    first = { start: start + 1, end };
    index++;
  } else {
    const close = text.indexOf(opener, index);
    if (close === -1) return invalid(start);
    first = { start: index, end: close };
    index = skipBlanks(text, close + 1);
  }
  let second: Range;
  if (opener === '(') {
    const begin = skipBlanks(text, index);
    let count = 0;
    let end = begin;
    for (; end < text.length; end++) {
      if (text[end] === '(') count++;
      else if (text[end] === ')') {
        if (count <= 0) break;
        count--;
      }
    }
    if (end >= text.length) return invalid(start);
    second = { start: begin, end };
    index = end + 1;
  } else {
    const quote = text[index];
    if (quote !== '"' && quote !== "'") return invalid(index);
    const close = text.indexOf(quote, index + 1);
    if (close === -1) return invalid(index);
    second = { start: index + 1, end: close };
    index = close + 1;
  }
  const rest = skipBlanks(text, index);
  if (rest < text.length) return { ok: false, message: 'extraneous text after the conditional (make ignores it with a warning)', index: rest };
  return { ok: true, first, second };
}
