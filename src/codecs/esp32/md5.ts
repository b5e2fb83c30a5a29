/**
 * MD5 (RFC 1321) in plain TypeScript: WebCrypto has no MD5 and the engine may not use node:crypto.
 * Incremental, and `digest()` leaves the state untouched, because the table reader compares the
 * digest of the rows read so far at every checksum row.
 */

/** Per-round left rotations. */
const SHIFTS = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];

/** floor(abs(sin(i + 1)) × 2^32), computed once as the RFC defines it. */
const SINES = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 0x100000000) >>> 0);

export class Md5 {
  private state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  private buffer = new Uint8Array(64);
  private buffered = 0;
  private length = 0;

  update(data: Uint8Array): this {
    for (let i = 0; i < data.length; ) {
      const take = Math.min(64 - this.buffered, data.length - i);
      this.buffer.set(data.subarray(i, i + take), this.buffered);
      this.buffered += take;
      i += take;
      if (this.buffered === 64) {
        compress(this.state, this.buffer);
        this.buffered = 0;
      }
    }
    this.length += data.length;
    return this;
  }

  /** The 16-byte digest of everything added so far. */
  digest(): Uint8Array {
    const state = [...this.state];
    const bitLength = this.length * 8;
    const tail = new Uint8Array(this.buffered < 56 ? 64 : 128);
    tail.set(this.buffer.subarray(0, this.buffered));
    tail[this.buffered] = 0x80;
    // The message length in bits, little-endian, as a 64-bit value (exact for any real input).
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, bitLength % 0x100000000, true);
    view.setUint32(tail.length - 4, Math.floor(bitLength / 0x100000000), true);
    for (let block = 0; block < tail.length; block += 64) compress(state, tail.subarray(block, block + 64));
    const out = new Uint8Array(16);
    const outView = new DataView(out.buffer);
    state.forEach((word, i) => outView.setUint32(i * 4, word, true));
    return out;
  }
}

export function md5(data: Uint8Array): Uint8Array {
  return new Md5().update(data).digest();
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function compress(state: number[], block: Uint8Array): void {
  const view = new DataView(block.buffer, block.byteOffset, 64);
  const words = Array.from({ length: 16 }, (_, i) => view.getUint32(i * 4, true));
  let [a, b, c, d] = state;
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) % 16;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) % 16;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) % 16;
    }
    const sum = (a + f + SINES[i] + words[g]) >>> 0;
    const rotated = ((sum << SHIFTS[i]) | (sum >>> (32 - SHIFTS[i]))) >>> 0;
    [a, d, c] = [d, c, b];
    b = (b + rotated) >>> 0;
  }
  state[0] = (state[0] + a) >>> 0;
  state[1] = (state[1] + b) >>> 0;
  state[2] = (state[2] + c) >>> 0;
  state[3] = (state[3] + d) >>> 0;
}
