/**
 * What `@echo <text>` in a make recipe writes: make has expanded the text, /bin/sh splits it into
 * words (blanks collapse), removes quotes and backslashes, and echo joins the words with one space.
 * The SDK's script makefiles interpolate config values into such lines (a kernel BOOTCMD of
 * `sf read 0x22000000 \${sf_kernel_start}\;`), so the script holds what the shell made of them.
 * A character the shell would act on instead of printing (an unquoted `;`, `|`, `&`, `<`, `>`,
 * `(`, `)` or `$`) is an error naming it: the SDK's echo would run or expand it.
 */
import { FormatError } from '../../../codecs/errors';
import { quote } from '../../../codecs/quote';

/** A value the SDK's shell would not echo as it is. */
export class ShellEchoError extends FormatError {}

const BLANK = ' \t\n';
const OPERATORS = ';|&<>()';

export function shellEcho(text: string): string {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  const fail = (char: string, i: number) =>
    new ShellEchoError(`${quote(text)}: the shell running the SDK's echo would ${char === '$' ? 'expand' : 'act on'} the unquoted ${quote(char)} at column ${i + 1}; write it as \\${char}`);
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (BLANK.includes(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (char === '\\') {
      // A backslash at the very end stays, as sh leaves it.
      word += i + 1 < text.length ? text[++i] : '\\';
    } else if (char === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) throw new ShellEchoError(`${quote(text)}: an unmatched ' at column ${i + 1}; the SDK's shell would stop with an error`);
      word += text.slice(i + 1, close);
      i = close;
    } else if (char === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && '$`"\\'.includes(text[j + 1] ?? '')) word += text[++j];
        else if (text[j] === '$' || text[j] === '`') throw fail(text[j], j);
        else word += text[j];
      }
      if (j >= text.length) throw new ShellEchoError(`${quote(text)}: an unmatched " at column ${i + 1}; the SDK's shell would stop with an error`);
      i = j;
    } else if (OPERATORS.includes(char) || char === '$' || char === '`') {
      throw fail(char, i);
    } else {
      word += char;
    }
  }
  if (inWord) words.push(word);
  return words.join(' ');
}
