/**
 * Partition names in a script: sfdisk --dump writes them quoted with `"`, `\`, `` ` ``, `$`,
 * control characters and every non-ASCII byte of the UTF-8 text as `\xNN` (carefulputc.h,
 * fputs_quoted); reading turns each `\xNN` back into its byte (unhexmangle) and the bytes must
 * then be valid UTF-8.
 */
import { decodeUtf8, encodeUtf8 } from '../text';

const ESCAPED = new Set(['"', '\\', '`', '$'].map((char) => char.charCodeAt(0)));

/** The quoted form of a name, as sfdisk --dump writes it. */
export function quoteName(name: string): string {
  let out = '"';
  for (const byte of encodeUtf8(name)) {
    const printable = byte >= 0x20 && byte < 0x7f && !ESCAPED.has(byte);
    out += printable ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

/** The name a script's text stands for; `offset` is the index of the first byte that is not valid UTF-8. */
export function unescapeName(text: string): { ok: true; name: string } | { ok: false; index: number } {
  const bytes: number[] = [];
  const sourceIndex: number[] = [];
  for (let i = 0; i < text.length; ) {
    if (text[i] === '\\' && text[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
      bytes.push(parseInt(text.slice(i + 2, i + 4), 16));
      sourceIndex.push(i);
      i += 4;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    for (const byte of encodeUtf8(char)) {
      bytes.push(byte);
      sourceIndex.push(i);
    }
    i += char.length;
  }
  const decoded = decodeUtf8(Uint8Array.from(bytes));
  return decoded.ok ? { ok: true, name: decoded.text } : { ok: false, index: sourceIndex[decoded.offset] };
}
