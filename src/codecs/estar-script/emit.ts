/**
 * Writes a burn script the way the SDK's makefiles do (`echo` line by line: the header, the
 * commands, the end-of-file line, LF endings). Anything that would read back differently, or
 * that estar would run differently, is refused.
 */
import { FormatError } from '../errors';
import { checkScriptSize } from './parse';
import { quote } from '../quote';
import { ESTAR_FOOTER, ESTAR_HEADER, type EstarLine } from './records';

export interface EstarEmitOptions {
  /** Write ESTAR_HEADER as line 1 (default true). */
  header?: boolean;
  /** The end-of-file line (default ESTAR_FOOTER); `false` writes none, as the older SDK's auto_update.txt. */
  footer?: string | false;
  lineEnding?: '\n' | '\r\n';
  /** End the last line with a line break (default true). */
  trailingNewline?: boolean;
}

function lineText(entry: string | EstarLine, position: number): string {
  const line = typeof entry === 'string' ? { kind: 'command' as const, text: entry } : entry;
  if (line.kind === 'blank') return '';
  const bad = /[\r\n\0]/.exec(line.text);
  if (bad) throw new FormatError(`line ${position}: ${line.kind} ${quote(line.text)} holds a line break or NUL character`);
  if (line.kind === 'comment') return `#${line.text}`;
  if (line.text === '') throw new FormatError(`line ${position}: an empty command would be a blank line, which estar skips`);
  if (line.text.startsWith('#')) throw new FormatError(`line ${position}: command ${quote(line.text)} starts with "#", so estar would skip it as a comment`);
  if (line.text.startsWith('%')) throw new FormatError(`line ${position}: command ${quote(line.text)} starts with "%", so estar would stop there`);
  return line.text;
}

/** `lines`: strings are commands; EstarLine entries also give comments and blank lines. */
export function emitEstarScript(lines: readonly (string | EstarLine)[], options: EstarEmitOptions = {}): string {
  const header = options.header ?? true;
  const footer = options.footer === undefined ? ESTAR_FOOTER : options.footer;
  const eol = options.lineEnding ?? '\n';
  const rows = header ? [ESTAR_HEADER] : [];
  for (const entry of lines) rows.push(lineText(entry, rows.length + 1));
  if (!header && rows[0] === ESTAR_HEADER) throw new FormatError(`line 1: comment ${quote(ESTAR_HEADER)} would read back as the header`);
  if (footer !== false) {
    if (!footer.startsWith('%') || /[\r\n\0]/.test(footer)) throw new FormatError(`the end-of-file line ${quote(footer)} must start with "%" and be one line`);
    rows.push(footer);
  }
  const trailingNewline = options.trailingNewline ?? true;
  if (!trailingNewline && rows.length > 0 && rows[rows.length - 1] === '') {
    throw new FormatError('a script without a final line break cannot end with a blank line: it would read back one line shorter');
  }
  const text = rows.join(eol) + (trailingNewline && rows.length > 0 ? eol : '');
  checkScriptSize(text, 'would be');
  return text;
}
