/**
 * Strict text decoding for untrusted inputs, without TextDecoder (the engine has no DOM types).
 * Decoders reject what Python's strict codecs reject (overlong UTF-8, encoded surrogates, code
 * points above U+10FFFF, lone UTF-16 surrogates) and report the byte offset of the first bad byte,
 * so a parser can turn it into a located error instead of inventing U+FFFD characters.
 */

export type DecodeResult = { ok: true; text: string } | { ok: false; offset: number };

/** Decode UTF-8 from `start`; stops at the first invalid sequence. */
export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): DecodeResult {
  const parts: string[] = [];
  let codes: number[] = [];
  let i = start;
  while (i < end) {
    const first = bytes[i];
    let code: number;
    let length: number;
    if (first < 0x80) {
      code = first;
      length = 1;
    } else if (first >= 0xc2 && first <= 0xdf) {
      code = first & 0x1f;
      length = 2;
    } else if (first >= 0xe0 && first <= 0xef) {
      code = first & 0x0f;
      length = 3;
    } else if (first >= 0xf0 && first <= 0xf4) {
      code = first & 0x07;
      length = 4;
    } else {
      return { ok: false, offset: i };
    }
    if (i + length > end) return { ok: false, offset: i };
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) return { ok: false, offset: i };
      code = code * 64 + (next & 0x3f);
    }
    // Shortest form only, no surrogates, nothing past U+10FFFF.
    if ((length === 3 && code < 0x800) || (length === 4 && (code < 0x10000 || code > 0x10ffff)) || (code >= 0xd800 && code <= 0xdfff)) {
      return { ok: false, offset: i };
    }
    codes.push(code);
    if (codes.length >= 4096) {
      parts.push(String.fromCodePoint(...codes));
      codes = [];
    }
    i += length;
  }
  parts.push(String.fromCodePoint(...codes));
  return { ok: true, text: parts.join('') };
}

/** Decode UTF-16 (no BOM handling) from `start`; a trailing odd byte or a lone surrogate is an error. */
export function decodeUtf16(bytes: Uint8Array, littleEndian: boolean, start = 0): DecodeResult {
  const units: number[] = [];
  const unitAt = (i: number) => (littleEndian ? bytes[i] + bytes[i + 1] * 256 : bytes[i] * 256 + bytes[i + 1]);
  let i = start;
  for (; i + 1 < bytes.length; i += 2) {
    const unit = unitAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      if (i + 3 >= bytes.length) return { ok: false, offset: i };
      const low = unitAt(i + 2);
      if (low < 0xdc00 || low > 0xdfff) return { ok: false, offset: i };
      units.push(unit, low);
      i += 2;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return { ok: false, offset: i };
    } else {
      units.push(unit);
    }
  }
  if (i < bytes.length) return { ok: false, offset: i };
  return { ok: true, text: fromUnits(units) };
}

/** Decode UTF-32 (no BOM handling) from `start`. */
export function decodeUtf32(bytes: Uint8Array, littleEndian: boolean, start = 0): DecodeResult {
  const codes: number[] = [];
  let i = start;
  for (; i + 3 < bytes.length; i += 4) {
    const [b0, b1, b2, b3] = littleEndian ? [bytes[i + 3], bytes[i + 2], bytes[i + 1], bytes[i]] : [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]];
    const code = ((b0 * 256 + b1) * 256 + b2) * 256 + b3;
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return { ok: false, offset: i };
    codes.push(code);
  }
  if (i < bytes.length) return { ok: false, offset: i };
  const parts: string[] = [];
  for (let k = 0; k < codes.length; k += 4096) parts.push(String.fromCodePoint(...codes.slice(k, k + 4096)));
  return { ok: true, text: parts.join('') };
}

function fromUnits(units: number[]): string {
  const parts: string[] = [];
  for (let k = 0; k < units.length; k += 4096) parts.push(String.fromCharCode(...units.slice(k, k + 4096)));
  return parts.join('');
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/**
 * Decode a text file the way editors save them: a byte-order mark selects UTF-8, UTF-16 or UTF-32
 * (and is dropped); without one the text is UTF-8. UTF-32 LE is tested before UTF-16 LE because
 * its mark starts with the UTF-16 LE mark.
 */
export function decodeText(bytes: Uint8Array): (DecodeResult & { encoding: TextEncoding }) {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  if (starts(0xef, 0xbb, 0xbf)) return { ...decodeUtf8(bytes, 3), encoding: 'utf-8' };
  if (starts(0xff, 0xfe, 0x00, 0x00)) return { ...decodeUtf32(bytes, true, 4), encoding: 'utf-32le' };
  if (starts(0x00, 0x00, 0xfe, 0xff)) return { ...decodeUtf32(bytes, false, 4), encoding: 'utf-32be' };
  if (starts(0xff, 0xfe)) return { ...decodeUtf16(bytes, true, 2), encoding: 'utf-16le' };
  if (starts(0xfe, 0xff)) return { ...decodeUtf16(bytes, false, 2), encoding: 'utf-16be' };
  return { ...decodeUtf8(bytes), encoding: 'utf-8' };
}

/** UTF-8 bytes of a string; a lone surrogate (possible in a JSON document) becomes U+FFFD. */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    let code = char.codePointAt(0) ?? 0xfffd;
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 + Math.floor(code / 64), 0x80 + (code % 64));
    else if (code < 0x10000) out.push(0xe0 + Math.floor(code / 4096), 0x80 + (Math.floor(code / 64) % 64), 0x80 + (code % 64));
    else out.push(0xf0 + Math.floor(code / 262144), 0x80 + (Math.floor(code / 4096) % 64), 0x80 + (Math.floor(code / 64) % 64), 0x80 + (code % 64));
  }
  return Uint8Array.from(out);
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `limit` bytes (never splits a character). */
export function truncateUtf8(text: string, limit: number): string {
  let used = 0;
  let end = 0;
  for (const char of text) {
    const size = encodeUtf8(char).length;
    if (used + size > limit) break;
    used += size;
    end += char.length;
  }
  return text.slice(0, end);
}
