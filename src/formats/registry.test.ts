/** The format registry, with the two ESP-IDF formats in it. */
import { describe, expect, it } from 'vitest';
import { esp32SingleApp, esp32TwoOta } from '../presets/esp32';
import { esp32Cases } from '../test-support/esp32-cases';
import { FormatError } from '../codecs/errors';
import { Esp32Error } from '../codecs/esp32/errors';
import { exportFile } from './files';
import { detectFormat, findFormat, FORMATS, formatsFor } from './registry';

const csvFormat = findFormat('esp32-csv')!;
const binFormat = findFormat('esp32-bin')!;
const text = (value: string) => new Uint8Array(Buffer.from(value, 'utf8'));

describe('registry', () => {
  it('lists each format once with the fields the UI needs', () => {
    expect(new Set(FORMATS.map((f) => f.id)).size).toBe(FORMATS.length);
    expect(formatsFor('esp32').map((f) => [f.id, f.extension, f.kind])).toEqual([
      ['esp32-bin', 'bin', 'binary'],
      ['esp32-csv', 'csv', 'table'],
      ['esp32-esptool', 'sh', 'script'],
      ['esp32-platformio', 'ini', 'snippet'],
      ['esp32-arduino', 'txt', 'snippet'],
      ['layout-listing', 'txt', 'snippet'],
      ['layout-svg', 'svg', 'picture'],
    ]);
    expect(formatsFor('emmc').map((f) => f.id)).toEqual(['emmc-disk-table', 'emmc-gpt-backup', 'emmc-sfdisk', 'emmc-sfdisk-recovery', 'emmc-wks', 'emmc-genimage', 'emmc-sw-description', 'emmc-boot-commands', 'uboot-env', 'layout-listing', 'layout-svg']);
    expect(formatsFor('nor').map((f) => f.id)).toEqual(['nor-dts', 'nor-uboot-script', 'nor-uboot-scr', 'nor-qemu', 'uboot-env', 'layout-listing', 'layout-svg']);
  });

  it('gives every export of a family its own file name', () => {
    const names = formatsFor('esp32').map((f) => exportFile(esp32TwoOta(), f.id)).map((o) => (o.ok ? o.file.fileName : o.message));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('ESP32-Factory-app-two-OTA-definitions.layout.txt');
  });

  it('detects a binary table and a partition CSV by content', () => {
    const singleApp = esp32Cases().find((c) => c.name === 'idf-singleapp')!;
    expect(detectFormat(singleApp.expectedBin!)?.id).toBe('esp32-bin');
    expect(detectFormat(singleApp.input)?.id).toBe('esp32-csv');
    expect(detectFormat(text('# comment\n\n  factory, 0, 0, 0x10000, 1M'))?.id).toBe('esp32-csv');
    expect(detectFormat(text('hello, world'))).toBeUndefined();
    expect(detectFormat(text('{"format":"flashmap"}'))).toBeUndefined();
  });

  it('has Esp32Error extend the common FormatError', () => {
    expect(new Esp32Error('x', { line: 3 })).toBeInstanceOf(FormatError);
  });
});

describe('import and export through the registry', () => {
  it('exports the two-OTA preset as ESP-IDF partitions_two_ota.csv lays it out, and imports it back', () => {
    const preset = esp32TwoOta();
    const exported = csvFormat.export!(preset);
    expect('text' in exported && exported.text).toBe(
      '# ESP-IDF Partition Table\n# Name, Type, SubType, Offset, Size, Flags\n' +
        'nvs,data,nvs,0x9000,16K,\notadata,data,ota,0xd000,8K,\nphy_init,data,phy,0xf000,4K,\n' +
        'factory,app,factory,0x10000,1M,\nota_0,app,ota_0,0x110000,1M,\nota_1,app,ota_1,0x210000,1M,\n',
    );
    const binary = binFormat.export!(preset);
    if (!('bytes' in binary)) throw new Error('expected bytes');
    const idfTwoOta = esp32Cases().find((c) => c.name === 'idf-two-ota')!;
    expect(binary.bytes).toEqual(idfTwoOta.expectedBin);

    const imported = binFormat.import!(binary.bytes, esp32SingleApp());
    expect(imported.warnings).toEqual([]);
    expect(imported.document.device).toEqual(esp32SingleApp().device);
    expect(imported.document.partitions.map((p) => [p.name, p.offset, p.size])).toEqual(preset.partitions.map((p, i) => [p.name, [0x9000, 0xd000, 0xf000, 0x10000, 0x110000, 0x210000][i], p.size]));
  });

  it('imports a CSV keeping blank offsets automatic, with the target device', () => {
    const { document } = csvFormat.import!(text('nvs,data,nvs,,0x6000\nfactory,app,factory,,1M'), esp32TwoOta());
    expect(document.partitions.map((p) => p.offset)).toEqual(['auto', 'auto']);
    expect(document.device.size).toBe(esp32TwoOta().device.size);
  });

  it('refuses to export what gen_esp32part.py would refuse, with the partition named', () => {
    const preset = esp32TwoOta();
    const broken = { ...preset, partitions: preset.partitions.map((p) => (p.name === 'otadata' ? { ...p, size: 0x3000 } : p)) };
    expect(() => csvFormat.export!(broken)).toThrow(/^otadata partition must have size = 0x2000 \(partition "otadata"\)/);
    const unordered = { ...preset, partitions: [...preset.partitions.slice(3), ...preset.partitions.slice(0, 3)].map((p) => ({ ...p, offset: p.offset === 'auto' ? p.offset : p.offset })) };
    const placed = { ...unordered, partitions: unordered.partitions.map((p, i) => ({ ...p, offset: [0x10000, 0x110000, 0x210000, 0x9000, 0xd000, 0xf000][i] })) };
    expect(() => csvFormat.export!(placed)).toThrow(/^CSV Error at line 6: Partitions overlap. Partition sets offset 0x9000. Previous partition ends 0x310000/);
    expect(binFormat.export!(placed)).toHaveProperty('bytes');
  });

  it('reports a broken file with its location', () => {
    expect(() => csvFormat.import!(text('nvs,data,nvs,,0x6000\nbad,data,nvs,,0x6q'), esp32TwoOta())).toThrow(expect.objectContaining({ line: 2, partition: 'bad' }));
  });
});
