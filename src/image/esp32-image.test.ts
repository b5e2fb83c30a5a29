/**
 * Acceptance: the ESP32 merged image of the two-OTA preset with a bootloader and apps attached:
 * the bootloader at 0x1000, the binary table at 0x8000 with its MD5 row (checked with Node's own
 * MD5), each app at the offset ESP-IDF gives it, 0xFF everywhere else, and the image ending with
 * the last byte written, as `esptool merge_bin` makes it.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../presets';
import { collect, MemoryBlobs, noise } from '../test-support/image-blobs';
import { imageFiles } from './outputs';

describe('ESP32 merged image', () => {
  it('holds the bootloader, the table with its MD5 and the apps, 0xFF elsewhere', async () => {
    const blobs = new MemoryBlobs(777);
    const bootloader = noise(0x6543, 1);
    const factory = noise(0x9abcd, 2);
    const ota1 = noise(0x1234, 3);
    let document = findPreset('esp32-ota')!.build();
    document = await blobs.attach(document, 'bootloader', 'bootloader.bin', bootloader);
    document = await blobs.attach(document, 'factory', 'app.bin', factory);
    document = await blobs.attach(document, 'ota_1', 'app-b.bin', ota1);
    const merged = await collect(imageFiles(document, blobs.source).files.find((f) => f.kind === 'boot')!.stream());

    // ESP-IDF's offsets for this table: nvs 0x9000, otadata 0xD000, phy_init 0xF000, factory 0x10000, ota_0 0x110000, ota_1 0x210000.
    const expected = new Uint8Array(0x210000 + ota1.length).fill(0xff);
    expected.set(bootloader, 0x1000);
    expected.set(factory, 0x10000);
    expected.set(ota1, 0x210000);
    const table = merged.subarray(0x8000, 0x8c00);
    const rows = 6;
    expect(table[0]).toBe(0xaa);
    expect(table[1]).toBe(0x50);
    const md5Row = table.subarray(rows * 32, rows * 32 + 32);
    expect([...md5Row.subarray(0, 16)]).toEqual([0xeb, 0xeb, ...new Array(14).fill(0xff)]);
    expect(Buffer.from(md5Row.subarray(16)).toString('hex')).toBe(createHash('md5').update(table.subarray(0, rows * 32)).digest('hex'));
    expected.set(table.subarray(0, rows * 32 + 32), 0x8000);
    expect(merged.length).toBe(expected.length);
    expect(Buffer.compare(Buffer.from(merged), Buffer.from(expected))).toBe(0);
  });
});
