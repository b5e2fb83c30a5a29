/** Flash commands and snippets, for ESP-IDF's partitions_two_ota.csv (offsets from the ESP-IDF docs). */
import { describe, expect, it } from 'vitest';
import type { LayoutDocument } from '../../model/document';
import { parseCsv } from '../../codecs/esp32/csv';
import { arduinoMaximumSize, arduinoMaximumSizeLine, erasePartitionCommand, flashCommand, platformioLine, writePartitionCommand } from './esptool';
import { tableToDocument } from './bridge';

// partitions_two_ota.csv: nvs 0x9000 16K, otadata 0xd000 8K, phy_init 0xf000 4K, factory 0x10000,
// ota_0 0x110000, ota_1 0x210000 (1M each).
const twoOta = tableToDocument(
  parseCsv('nvs,data,nvs,,0x4000\notadata,data,ota,,0x2000\nphy_init,data,phy,,0x1000\nfactory,app,factory,,1M\nota_0,app,ota_0,,1M\nota_1,app,ota_1,,1M'),
);
const withChip = (document: LayoutDocument, chip: 'esp32s3' | 'esp32c5'): LayoutDocument => ({ ...document, device: { ...document.device, esp32: { ...document.device.esp32!, chip } } });

describe('esptool commands', () => {
  it('flashes bootloader, table, initial otadata and the factory app in address order', () => {
    expect(flashCommand(twoOta)).toBe('esptool.py --chip esp32 write_flash 0x1000 bootloader.bin 0x8000 partition-table.bin 0xd000 ota_data_initial.bin 0x10000 app.bin');
  });

  it("uses the chip's bootloader offset, the port, the baud rate and the file names given", () => {
    expect(flashCommand(withChip(twoOta, 'esp32s3'), { app: 'build/my app.bin' }, { port: '/dev/ttyUSB0', baud: 460800 })).toBe(
      "esptool.py --chip esp32s3 -p /dev/ttyUSB0 -b 460800 write_flash 0x0 bootloader.bin 0x8000 partition-table.bin 0xd000 ota_data_initial.bin 0x10000 'build/my app.bin'",
    );
    expect(flashCommand(withChip(twoOta, 'esp32c5'))).toMatch(/write_flash 0x2000 bootloader.bin 0x8000 partition-table.bin/);
  });

  it('boots ota_0 when there is no factory app', () => {
    const noFactory = tableToDocument(parseCsv('nvs,data,nvs,,0x6000\notadata,data,ota,,0x2000\napp0,app,ota_0,,1M\napp1,app,ota_1,,1M'));
    expect(flashCommand(noFactory)).toBe('esptool.py --chip esp32 write_flash 0x1000 bootloader.bin 0x8000 partition-table.bin 0xf000 ota_data_initial.bin 0x20000 app.bin');
  });

  it('writes or erases one partition by name (erase sizes rounded up to 4 KiB sectors)', () => {
    expect(writePartitionCommand(twoOta, 'ota_1')).toBe('esptool.py --chip esp32 write_flash 0x210000 ota_1.bin');
    expect(erasePartitionCommand(twoOta, 'nvs')).toBe('esptool.py --chip esp32 erase_region 0x9000 0x4000');
    const odd = tableToDocument(parseCsv('fs,data,fat,,0x1800'));
    expect(erasePartitionCommand(odd, 'fs')).toBe('esptool.py --chip esp32 erase_region 0x9000 0x2000');
    expect(writePartitionCommand(twoOta, 'missing')).toBeUndefined();
  });
});

describe('snippets', () => {
  it('points PlatformIO at the CSV', () => {
    expect(platformioLine('partitions_two_ota.csv')).toBe('board_build.partitions = partitions_two_ota.csv');
  });

  it("gives Arduino the largest app slot in decimal", () => {
    const arduino = tableToDocument(parseCsv('nvs,data,nvs,,20K\notadata,data,ota,,8K\napp0,app,ota_0,,0x140000\napp1,app,ota_1,,0x150000\nspiffs,data,spiffs,,0x100000'));
    expect(arduinoMaximumSize(arduino)).toBe(1376256);
    expect(arduinoMaximumSizeLine(arduino)).toBe('upload.maximum_size=1376256');
    expect(arduinoMaximumSize(tableToDocument(parseCsv('nvs,data,nvs,,20K')))).toBeUndefined();
  });
});
