/**
 * MD5 (RFC 1321) for the partition table's checksum row. The table is a few KiB and its codec is
 * synchronous, so the hash is too: a plain implementation that every entry point (the CLI, the
 * worker, tests, benches) can call with nothing to load first.
 */

/** Left-rotation amounts, four per round (RFC 1321, section 3.4). */
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/** T[i] = floor(2^32 * |sin(i + 1)|); a double computes each of the 64 exactly. */
const SINES = Uint32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32));

const rotateLeft = (word: number, by: number) => (word << by) | (word >>> (32 - by));

/** The message with its padding: a 0x80 byte, zeros to 56 mod 64, and its length in bits (64-bit little-endian). */
function padded(parts: readonly Uint8Array[]): DataView {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const bytes = new Uint8Array((Math.floor((length + 8) / 64) + 1) * 64);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  bytes[length] = 0x80;
  const view = new DataView(bytes.buffer);
  // length * 8 split into words without leaving integer precision: (length mod 2^29) * 8 and length / 2^29.
  view.setUint32(bytes.length - 8, (length % 2 ** 29) * 8, true);
  view.setUint32(bytes.length - 4, Math.floor(length / 2 ** 29), true);
  return view;
}

/** The 16-byte MD5 of the parts, in order, as if concatenated. */
export function md5(...parts: Uint8Array[]): Uint8Array {
  const message = padded(parts);
  const state = Uint32Array.of(0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476);
  const words = new Uint32Array(16);
  for (let block = 0; block < message.byteLength; block += 64) {
    for (let j = 0; j < 16; j++) words[j] = message.getUint32(block + 4 * j, true);
    let a = state[0];
    let b = state[1];
    let c = state[2];
    let d = state[3];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      let mixed: number;
      let word: number;
      if (round === 0) {
        mixed = (b & c) | (~b & d);
        word = i;
      } else if (round === 1) {
        mixed = (d & b) | (~d & c);
        word = (5 * i + 1) & 15;
      } else if (round === 2) {
        mixed = b ^ c ^ d;
        word = (3 * i + 5) & 15;
      } else {
        mixed = c ^ (b | ~d);
        word = (7 * i) & 15;
      }
      const sum = (mixed + a + SINES[i] + words[word]) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + rotateLeft(sum, SHIFTS[(round << 2) | (i & 3)])) | 0;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
  }
  const digest = new Uint8Array(16);
  const view = new DataView(digest.buffer);
  state.forEach((word, i) => view.setUint32(4 * i, word, true));
  return digest;
}
