/**
 * Share links: the whole layout document travels in the URL fragment as
 * `#layout=<base64url of the deflate-raw compressed JSON>`. The fragment never reaches a server,
 * so sharing a layout uploads nothing. Decoding treats the link as untrusted input: every step
 * (alphabet, compression, size, UTF-8, JSON, schema) fails with a message instead of throwing.
 */
import { Inflate, deflateSync } from 'fflate';
import { parseDocument, type DocumentResult, type LayoutDocument } from '../model/document';

export const SHARE_PARAM = 'layout';

/** Largest inflated document a link may carry; a crafted link cannot make us allocate more. */
export const MAX_INFLATED_BYTES = 8 * 1024 * 1024;

/** Compressed bytes fed to the inflater per step; deflate expands at most ~1032:1, so ~1 MiB per step. */
const INFLATE_STEP = 1024;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT = new Map([...ALPHABET].map((char, index) => [char, index]));

/** RFC 4648 §5 base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const group = [bytes[i], bytes[i + 1] ?? 0, bytes[i + 2] ?? 0];
    const value = group[0] * 65536 + group[1] * 256 + group[2];
    const chars = [Math.floor(value / 262144), Math.floor(value / 4096) % 64, Math.floor(value / 64) % 64, value % 64];
    const kept = Math.min(4, bytes.length - i + 1);
    for (let c = 0; c < kept; c++) text += ALPHABET[chars[c]];
  }
  return text;
}

export type BytesResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/** Base64url (padding optional); names the first character outside the alphabet and its position. */
export function fromBase64Url(text: string): BytesResult {
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) return { ok: false, error: `the link's data has an impossible length (${body.length} characters): it was probably cut short` };
  const bytes = new Uint8Array(Math.floor((body.length * 3) / 4));
  let written = 0;
  for (let i = 0; i < body.length; i += 4) {
    let value = 0;
    const count = Math.min(4, body.length - i);
    for (let c = 0; c < 4; c++) {
      const char = c < count ? body[i + c] : 'A';
      const digit = DIGIT.get(char);
      if (digit === undefined) return { ok: false, error: `the link's data has "${char}" at position ${i + c + 1}, which is not a base64url character` };
      value = value * 64 + digit;
    }
    const group = [Math.floor(value / 65536), Math.floor(value / 256) % 256, value % 256];
    for (let b = 0; b < count - 1; b++) bytes[written++] = group[b];
  }
  return { ok: true, bytes };
}

/** The payload of a share link (without `#layout=`): compact JSON, deflated, base64url. */
export function encodeLayout(document: LayoutDocument): string {
  const json = new TextEncoder().encode(JSON.stringify(document));
  return toBase64Url(deflateSync(json, { level: 9 }));
}

/** The URL fragment carrying a layout: `#layout=…`. */
export function shareFragment(document: LayoutDocument): string {
  return `#${SHARE_PARAM}=${encodeLayout(document)}`;
}

/** The payload of `#layout=…` in a URL fragment (other parameters may sit beside it), or null. */
export function layoutParam(fragment: string): string | null {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  for (const part of text.split('&')) {
    if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
  }
  return null;
}

/** Inflates step by step so an oversized (or crafted) stream is stopped at the cap. */
function inflateCapped(compressed: Uint8Array): BytesResult {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    chunks.push(chunk);
    total += chunk.length;
  });
  try {
    for (let i = 0; i < compressed.length || i === 0; i += INFLATE_STEP) {
      inflater.push(compressed.subarray(i, i + INFLATE_STEP), i + INFLATE_STEP >= compressed.length);
      if (total > MAX_INFLATED_BYTES) return { ok: false, error: `the link's layout is larger than ${MAX_INFLATED_BYTES / 1024 / 1024} MiB once unpacked` };
    }
  } catch (error) {
    return { ok: false, error: `the link's data is damaged (${(error as Error).message})` };
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { ok: true, bytes };
}

function failure(message: string): DocumentResult {
  return { ok: false, errors: [{ path: '(link)', message }] };
}

/** Decodes a share-link payload into a validated layout document; never throws. */
export function decodeLayout(payload: string): DocumentResult {
  // Links pasted from mail or chat may be wrapped over lines.
  const text = payload.replace(/\s+/g, '');
  if (text === '') return failure('the link carries no layout');
  const compressed = fromBase64Url(text);
  if (!compressed.ok) return failure(compressed.error);
  const inflated = inflateCapped(compressed.bytes);
  if (!inflated.ok) return failure(inflated.error);
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return failure("the link's layout is not UTF-8 text");
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return failure(`the link's layout is not valid JSON: ${(error as Error).message}`);
  }
  return parseDocument(value);
}
