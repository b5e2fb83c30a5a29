/**
 * ESP32 bootloader and app images, as esptool image_info shows them: the header (chip, flash
 * settings, entry point), the segments, the XOR checksum and the appended SHA-256 verified, and
 * the app descriptor (project, version, ESP-IDF version, build date) or bootloader descriptor.
 */
import { sha256 } from 'hash-wasm';
import { u16le, u32le } from '../../codecs/bytes';
import { checkEnd, cString, warning, type Probe } from '../probe';
import { region } from '../region';

const CHIPS: Record<number, string> = { 0: 'esp32', 2: 'esp32s2', 5: 'esp32c3', 9: 'esp32s3', 12: 'esp32c2', 13: 'esp32c6', 16: 'esp32h2', 18: 'esp32p4', 20: 'esp32c61', 23: 'esp32c5' };
const FLASH_SIZES = ['1MB', '2MB', '4MB', '8MB', '16MB', '32MB', '64MB', '128MB'];
const SPI_MODES = ['QIO', 'QOUT', 'DIO', 'DOUT', 'FAST_READ', 'SLOW_READ'];
const MAX_SEGMENTS = 16;
const APP_DESC_MAGIC = 0xabcd5432;
const hex = (value: number) => `0x${value.toString(16).padStart(8, '0')}`;

export const esp32ImageProbe: Probe = {
  name: 'esp32-image',
  matches: (w) => w[0] === 0xe9 && w[1] >= 1 && w[1] <= MAX_SEGMENTS && w[2] <= 5 && CHIPS[u16le(w, 12)] !== undefined && w[23] <= 1,
  async read({ reader, size }, offset) {
    const head = await reader.bytes(offset, 24);
    if (head.length < 24) return [];
    const segments: Array<{ loadAddress: string; offset: number; size: number }> = [];
    let at = offset + 24;
    let checksum = 0xef;
    for (let i = 0; i < head[1]; i++) {
      const seg = await reader.bytes(at, 8);
      if (seg.length < 8) return [];
      const length = u32le(seg, 4);
      if (length > size - at - 8) return [];
      segments.push({ loadAddress: hex(u32le(seg, 0)), offset: at + 8, size: length });
      for (let done = 0; done < length; done += 0x10000) {
        const data = await reader.bytes(at + 8 + done, Math.min(0x10000, length - done));
        for (const byte of data) checksum ^= byte;
      }
      at += 8 + length;
    }
    const checksumAt = at + (15 - ((at - offset) % 16));
    const stored = (await reader.bytes(checksumAt, 1))[0];
    const hashAppended = head[23] === 1;
    const end = checksumAt + 1 + (hashAppended ? 32 : 0);
    const details: Record<string, unknown> = {
      magic: '0xE9',
      chip: CHIPS[u16le(head, 12)],
      chipId: u16le(head, 12),
      segments,
      entryPoint: hex(u32le(head, 4)),
      spiMode: SPI_MODES[head[2]] ?? head[2],
      flashSize: FLASH_SIZES[head[3] >> 4] ?? head[3] >> 4,
      minChipRevision: u16le(head, 15) / 100,
      checksum: stored === checksum ? 'valid' : 'invalid',
    };
    const warnings = [];
    if (stored !== checksum) warnings.push(warning(checksumAt, `image checksum is 0x${(stored ?? 0).toString(16)}, the segments give 0x${checksum.toString(16)}`));
    if (hashAppended) {
      const body = await reader.bytes(offset, end - 32 - offset);
      const digest = await reader.bytes(end - 32, 32);
      const computed = await sha256(body);
      const storedHex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
      details.sha256 = storedHex === computed ? 'valid' : 'invalid';
      details.sha256Digest = storedHex;
      if (storedHex !== computed) warnings.push(warning(end - 32, `appended SHA-256 ${storedHex} differs from the image's ${computed}`));
    }
    const first = segments[0];
    const desc = first ? await reader.bytes(first.offset, 256) : new Uint8Array(0);
    let type: 'esp32-app' | 'esp32-bootloader' = 'esp32-bootloader';
    let name: string | null = null;
    if (desc.length >= 256 && u32le(desc, 0) === APP_DESC_MAGIC) {
      type = 'esp32-app';
      name = cString(desc, 48, 32) || null;
      details.app = { projectName: cString(desc, 48, 32), version: cString(desc, 16, 32), idfVersion: cString(desc, 112, 32), date: cString(desc, 96, 16), time: cString(desc, 80, 16), secureVersion: u32le(desc, 4) };
    } else if (desc.length >= 64 && desc[0] === 0x50) {
      details.bootloader = { version: u32le(desc, 4), idfVersion: cString(desc, 8, 32), dateTime: cString(desc, 40, 24) };
    }
    const r = region(type, offset, end - offset, name, details);
    r.warnings.push(...warnings);
    return [checkEnd(r, size)];
  },
};
