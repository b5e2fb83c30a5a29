/**
 * Reads a burn script into its lines, keeping everything needed to write the same bytes back:
 * the header, blank and comment lines, the end-of-file line and the line endings.
 */
import { FormatError } from '../errors';
import { decodeUtf8 } from '../text';
import { quote } from '../quote';
import { ESTAR_BUFFER_SIZE, ESTAR_FOOTER, ESTAR_HEADER, type EstarScript, type NumberedEstarLine } from './records';

export interface EstarParseOptions {
  /** Whether a missing header is an error (default true). */
  requireHeader?: boolean;
  /** Whether a missing end-of-file line is an error (default true: estar would run on into its buffer). */
  requireFooter?: boolean;
}

/** UTF-8 length of `text`, and the index of the character holding byte `limit` (if any). */
function utf8Length(text: string, limit: number): { bytes: number; index: number } {
  let bytes = 0;
  let index = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (index === -1 && bytes > limit) index = i;
  }
  return { bytes, index };
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function tooLarge(bytes: number, verb: 'is' | 'would be', location: { offset: number; line?: number }): FormatError {
  return new FormatError(
    `the script ${verb} ${bytes} bytes: estar loads scripts into a ${ESTAR_BUFFER_SIZE}-byte buffer, so a script must be at most ${ESTAR_BUFFER_SIZE - 1} bytes`,
    location,
  );
}

/** The SDK's size rule, shared with the writer: the whole file must fit below estar's 4096-byte buffer. */
export function checkScriptSize(text: string, verb: 'is' | 'would be'): void {
  const { bytes, index } = utf8Length(text, ESTAR_BUFFER_SIZE - 1);
  if (bytes >= ESTAR_BUFFER_SIZE) throw tooLarge(bytes, verb, { offset: ESTAR_BUFFER_SIZE - 1, line: lineOf(text, index) });
}

export function parseEstarScript(input: string | Uint8Array, options: EstarParseOptions = {}): EstarScript {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    if (input.length >= ESTAR_BUFFER_SIZE) throw tooLarge(input.length, 'is', { offset: ESTAR_BUFFER_SIZE - 1 });
    const decoded = decodeUtf8(input);
    if (!decoded.ok) throw new FormatError(`the script is not valid UTF-8 text at byte 0x${decoded.offset.toString(16)}`, { offset: decoded.offset });
    text = decoded.text;
  }
  checkScriptSize(text, 'is');

  const rows = text.split('\n');
  const trailingNewline = text === '' || text.endsWith('\n');
  if (trailingNewline) rows.pop();
  const lineEnding = rows.length > 0 && rows[0].endsWith('\r') && (rows.length > 1 || trailingNewline) ? '\r\n' : '\n';
  const lines = rows.map((row, index) => {
    const line = index + 1;
    const terminated = index < rows.length - 1 || trailingNewline;
    const body = lineEnding === '\r\n' && terminated ? row.slice(0, -1) : row;
    if (lineEnding === '\r\n' && terminated && !row.endsWith('\r')) {
      throw new FormatError(`line ${line} ends with LF but line 1 ends with CR LF: use one kind of line ending`, { line, column: row.length + 1 });
    }
    const bad = /[\r\0]/.exec(body);
    if (bad) {
      const what = bad[0] === '\r' ? 'a carriage return (estar ends a line there)' : 'a NUL character (U-Boot ends the command there)';
      throw new FormatError(`line ${line} holds ${what} at column ${bad.index + 1}`, { line, column: bad.index + 1 });
    }
    return body;
  });

  const script: EstarScript = { header: false, lines: [], commands: [], comments: [], footer: false, lineEnding, trailingNewline };
  let index = 0;
  if (lines[0] === ESTAR_HEADER) {
    script.header = true;
    index = 1;
  } else if (options.requireHeader ?? true) {
    throw new FormatError(`line 1: expected the SDK's header ${quote(ESTAR_HEADER)}, found ${lines.length === 0 ? 'an empty file' : quote(lines[0])}`, { line: 1, column: 1 });
  }
  for (; index < lines.length; index++) {
    const text = lines[index];
    const line = index + 1;
    if (text.startsWith('%')) {
      script.footer = text;
      if (index + 1 < lines.length) {
        throw new FormatError(`line ${line + 1}: content after the end-of-file line ${quote(text)} (line ${line}); estar never reads it`, { line: line + 1, column: 1 });
      }
      return script;
    }
    const entry: NumberedEstarLine = text === '' ? { kind: 'blank', line } : text.startsWith('#') ? { kind: 'comment', line, text: text.slice(1) } : { kind: 'command', line, text };
    script.lines.push(entry);
    if (entry.kind === 'command') script.commands.push({ line, text });
    if (entry.kind === 'comment') script.comments.push({ line, text: entry.text });
  }
  if (options.requireFooter ?? true) {
    const line = lines.length + 1;
    throw new FormatError(`line ${line}: expected the end-of-file line ${quote(ESTAR_FOOTER)}; without it estar runs on into the rest of its buffer`, { line, column: 1 });
  }
  return script;
}
