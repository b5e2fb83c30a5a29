/**
 * ESP32 images and data partitions built by hand from the ESP-IDF formats (esp_image_format.h,
 * esp_app_desc_t, esp_ota_select_entry_t, the NVS page layout), with values we chose, inspected.
 */
import { sha256 } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { putU16le, putU32le } from '../codecs/bytes';
import { bytesFile } from '../codecs/read-at';
import { exportFile } from '../formats/files';
import { findPreset } from '../presets';
import { validate } from '../families';
import { inspectFile, type Region } from '.';
import { allRegions } from './region';

const ascii = (bytes: Uint8Array, at: number, text: string) => bytes.set([...text].map((c) => c.charCodeAt(0)), at);

/** An app image: header (ESP32-S3, DIO, 4MB), one segment holding the app descriptor, checksum, SHA-256. */
async function appImage(project: string, version: string): Promise<Uint8Array> {
  const segment = new Uint8Array(256);
  putU32le(segment, 0, 0xabcd5432);
  ascii(segment, 16, version);
  ascii(segment, 48, project);
  ascii(segment, 80, '12:00:00');
  ascii(segment, 96, 'Jan  1 2024');
  ascii(segment, 112, 'v5.1.2');
  const body = 24 + 8 + segment.length;
  const length = Math.ceil((body + 1) / 16) * 16; // padding, then the checksum byte closes a 16-byte row
  const image = new Uint8Array(length + 32);
  image.set([0xe9, 1, 2, 0x20]);
  putU32le(image, 4, 0x40375000);
  putU16le(image, 12, 9); // ESP32-S3
  image[23] = 1; // hash appended
  putU32le(image, 24, 0x3c000020);
  putU32le(image, 28, segment.length);
  image.set(segment, 32);
  let checksum = 0xef;
  for (const byte of segment) checksum ^= byte;
  image[length - 1] = checksum;
  const digest = await sha256(image.subarray(0, length));
  image.set(Uint8Array.from(digest.match(/../g)!, (h) => parseInt(h, 16)), length);
  return image;
}

function otaEntry(seq: number, crc: number): Uint8Array {
  const e = new Uint8Array(32).fill(0xff);
  putU32le(e, 0, seq);
  putU32le(e, 24, 0);
  putU32le(e, 28, crc);
  return e;
}

/** An NVS page (active) with namespace "wifi" (index 1) holding u8 keys "ssid" and "channel". */
function nvsPage(): Uint8Array {
  const page = new Uint8Array(4096).fill(0xff);
  putU32le(page, 0, 0xfffffffe);
  putU32le(page, 4, 0);
  page[8] = 0xfe;
  const entry = (index: number, ns: number, type: number, key: string, data0: number) => {
    const at = 64 + index * 32;
    page.fill(0, at, at + 32);
    page[at] = ns;
    page[at + 1] = type;
    page[at + 2] = 1;
    page[at + 3] = 0xff;
    ascii(page, at + 8, key);
    page[at + 24] = data0;
    // entry state bitmap: 2 bits per entry, 0b10 = written
    page[32 + (index >> 2)] &= ~(1 << ((index & 3) * 2));
  };
  entry(0, 0, 0x01, 'wifi', 1);
  entry(1, 1, 0x01, 'ssid', 7);
  entry(2, 1, 0x01, 'channel', 6);
  return page;
}

const find = (regions: Region[], type: string) => [...allRegions(regions)].find((r) => r.type === type);

describe('ESP32 flash dumps', () => {
  it('reads an app image: chip, entry point, checksum, SHA-256 and app descriptor', async () => {
    const image = await appImage('hello_world', '1.2.3');
    const [app] = (await inspectFile(bytesFile(image))).regions;
    expect(app).toMatchObject({ type: 'esp32-app', offset: 0, size: image.length, name: 'hello_world' });
    expect(app.details).toMatchObject({ chip: 'esp32s3', entryPoint: '0x40375000', spiMode: 'DIO', flashSize: '4MB', checksum: 'valid', sha256: 'valid' });
    expect(app.details.app).toMatchObject({ projectName: 'hello_world', version: '1.2.3', idfVersion: 'v5.1.2', date: 'Jan  1 2024', time: '12:00:00' });
  });

  it('reads a table whose MD5 row does not match, and says where', async () => {
    const preset = findPreset('esp32-single')!.build();
    const table = exportFile(preset, 'esp32-bin');
    if (!table.ok) throw new Error(table.message);
    const flash = new Uint8Array(0x10000).fill(0xff);
    flash.set(table.file.bytes, 0x8000);
    const md5Row = table.file.bytes.findIndex((b, i) => i % 32 === 0 && b === 0xeb && table.file.bytes[i + 1] === 0xeb);
    flash[0x8000 + md5Row + 20] ^= 0xff;
    const { regions } = await inspectFile(bytesFile(flash));
    const found = find(regions, 'esp32-partition-table')!;
    expect(found.details).toMatchObject({ md5: 'mismatch' });
    expect(found.warnings.map((w) => w.offset)).toEqual([0x8000 + md5Row]);
    expect(regions.filter((r) => r.type === 'esp32-partition').map((p) => p.name)).toEqual(preset.partitions.map((p) => p.name));
  });

  it('says when the checksum or the SHA-256 does not hold, at their offsets', async () => {
    const image = await appImage('hello_world', '1.2.3');
    image[40] ^= 1; // a byte of the segment
    const [app] = (await inspectFile(bytesFile(image))).regions;
    expect(app.details).toMatchObject({ checksum: 'invalid', sha256: 'invalid' });
    expect(app.warnings.map((w) => w.offset)).toEqual([image.length - 33, image.length - 32]);
  });

  it('finds the table, the app in its partition, which OTA slot boots and the NVS keys', async () => {
    const preset = findPreset('esp32-ota')!.build();
    const table = exportFile(preset, 'esp32-bin');
    if (!table.ok) throw new Error(table.message);
    const flash = new Uint8Array(preset.device.size).fill(0xff);
    flash.set(table.file.bytes, 0x8000);
    flash.set(nvsPage(), 0x9000);
    // otadata at 0xD000: entry 0 with sequence 1 and its CRC 0x4743989A (as otatool shows it), entry 1 with sequence 2 and a bad CRC.
    flash.set(otaEntry(1, 0x4743989a), 0xd000);
    flash.set(otaEntry(2, 0x12345678), 0xe000);
    flash.set(await appImage('factory_app', '0.1'), 0x10000);
    const { regions } = await inspectFile(bytesFile(flash));
    expect(find(regions, 'esp32-partition-table')).toMatchObject({ offset: 0x8000, details: { md5: 'valid' } });
    const partitions = regions.filter((r) => r.type === 'esp32-partition');
    expect(partitions.map((p) => [p.name, p.offset, p.size])).toEqual(validate(preset).placement.partitions.map((p) => [p.partition.name, p.start, p.size]));
    const otadata = partitions.find((p) => p.name === 'otadata')!;
    expect(otadata.details.otadata).toMatchObject({ bootSlot: 'ota_0' });
    expect(otadata.warnings.map((w) => w.offset)).toEqual([0xe000 + 28]);
    expect((otadata.details.otadata as { entries: Array<{ otaSeq: number; crcValid: boolean }> }).entries.map((e) => [e.otaSeq, e.crcValid])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(partitions.find((p) => p.name === 'nvs')!.details.nvs).toMatchObject({ namespaces: { wifi: ['ssid', 'channel'] } });
    const factory = partitions.find((p) => p.name === 'factory')!;
    expect(factory.children[0]).toMatchObject({ type: 'esp32-app', offset: 0x10000, name: 'factory_app' });
  });
});
