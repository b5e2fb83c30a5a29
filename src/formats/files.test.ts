import { normalizeDocument } from '../families';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../presets';
import { serializeDocument } from '../model/document';
import { sharedPath, readShared } from '../test-support/shared';
import { exportFile, failureText, fileStem, importFile, locationText } from './files';

const twoOta = () => findPreset('esp32-ota')!.build();

describe('exporting through the registry', () => {
  it('writes the two-OTA preset exactly as gen_esp32part.py writes partitions_two_ota.csv', () => {
    const binary = exportFile(twoOta(), 'esp32-bin');
    expect(binary.ok && binary.file.bytes).toEqual(new Uint8Array(readFileSync(sharedPath('conformance/esp32/cases/idf-two-ota/expected.bin'))));
    const csv = exportFile(twoOta(), 'esp32-csv');
    expect(csv.ok && csv.file.text).toBe(readShared('conformance/esp32/cases/idf-two-ota/expected.csv'));
    expect(csv.ok && csv.file.fileName).toBe('ESP32-Factory-app-two-OTA-definitions.csv');
  });

  it('refuses a table the reference tool would refuse, with its reason', () => {
    const document = twoOta();
    const broken = { ...document, partitions: document.partitions.map((p) => (p.name === 'ota_1' ? { ...p, offset: 0x200000 } : p)) };
    const result = exportFile(broken, 'esp32-bin');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^the layout has 1 error to fix first: "ota_1" .* overlaps "ota_0"/);
    expect(!result.ok && result.blockers?.map((p) => p.code)).toEqual(['overlap']);
  });

  it('allows warnings: a layout whose only problems are warnings exports', () => {
    const document = twoOta();
    const warned = { ...document, partitions: document.partitions.map((p) => (p.name === 'ota_1' ? { ...p, name: 'app' } : p)) };
    const result = exportFile(warned, 'esp32-csv');
    expect(result.ok).toBe(true);
  });

  it('names an unknown format', () => {
    expect(exportFile(twoOta(), 'nope')).toEqual({ ok: false, message: 'no export for format "nope"' });
  });
});

describe('importing a file', () => {
  it('reads a binary table back into the same partitions', () => {
    const bytes = new Uint8Array(readFileSync(sharedPath('conformance/esp32/cases/idf-two-ota/expected.bin')));
    const result = importFile(bytes, findPreset('sstar-nor')!.build());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.formatTitle).toMatch(/binary/);
    expect(result.document.device.family).toBe('esp32');
    expect(result.document.partitions.map((p) => [p.name, p.offset, p.size])).toEqual([
      ['nvs', 0x9000, 0x4000],
      ['otadata', 0xd000, 0x2000],
      ['phy_init', 0xf000, 0x1000],
      ['factory', 0x10000, 0x100000],
      ['ota_0', 0x110000, 0x100000],
      ['ota_1', 0x210000, 0x100000],
    ]);
  });

  it('reads a CSV table and points at the line of a bad row', () => {
    const good = importFile(new TextEncoder().encode(readShared('conformance/esp32/cases/idf-two-ota/input.csv')), twoOta());
    expect(good.ok && good.document.partitions.length).toBe(6);
    const bad = importFile(new TextEncoder().encode('nvs, data, nvs, , 0x4000\nfactory, app, factory, , 1Q\n'), twoOta());
    expect(bad.ok).toBe(false);
    expect(!bad.ok && locationText(bad.location)).toMatch(/^line 2/);
  });

  it('states a table\'s failure in the located form: where, then the reference tool\'s words', () => {
    const badHex = readShared('conformance/esp32/messages/err-bad-hex/input.csv');
    const [, reference] = /^Error at line 2: (.*)$/m.exec(readShared('conformance/esp32/messages/err-bad-hex/expected-error.txt'))!;
    const bad = importFile(new TextEncoder().encode(badHex), twoOta());
    const column = badHex.split('\n')[1].indexOf('0x9G00') + 1;
    expect(!bad.ok && failureText(bad)).toBe(`line 2, column ${column}: ${reference}`);
  });

  it('explains, beyond the reference tool\'s words, a table of more rows than a binary holds', () => {
    const rows = Array.from({ length: 100 }, (_, i) => `p${i}, data, fat, , 0x1000,`).join('\n');
    const result = importFile(new TextEncoder().encode(rows), twoOta());
    expect(!result.ok && failureText(result)).toBe(
      'line 95, column 1: Binary partition table length (3232) longer than max: 100 entries and the MD5 row, at most 94 entries fit with the MD5 row',
    );
  });

  it('refuses a type or subtype beyond one byte, which the CSV reader takes as the tool does', () => {
    const result = importFile(new TextEncoder().encode('x, 256, 0, , 4K\n'), twoOta());
    expect(!result.ok && failureText(result)).toBe('line 1: Partition type 256 and subtype 0 must each be from 0 to 255');
  });

  it('opens a layout document', () => {
    const document = findPreset('emmc-boot')!.build();
    const result = importFile(new TextEncoder().encode(serializeDocument(document)), twoOta());
    // As its family keeps it: the eMMC family writes the table's GUIDs into the layout.
    expect(result.ok && result.document).toEqual(normalizeDocument(document));
  });

  it('rejects what it does not recognise without throwing', () => {
    for (const bytes of [new Uint8Array(0), new Uint8Array([0, 1, 2, 3]), new TextEncoder().encode('hello world\n'), new TextEncoder().encode('{"format": "flashmap", "version": 1, ')]) {
      const result = importFile(bytes, twoOta());
      expect(result.ok).toBe(false);
    }
  });
});

describe('recognising a file by its content', () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  const message = (bytes: Uint8Array) => {
    const result = importFile(bytes, twoOta());
    if (result.ok) throw new Error('expected a failure');
    return failureText(result);
  };

  it('says a file is empty, or blank', () => {
    expect(message(new Uint8Array(0))).toBe('the file is empty');
    expect(message(encode(' \n\t\n'))).toBe('the file holds only blank space');
  });

  it('reads a layout document whatever the order of its keys', () => {
    const document = findPreset('sstar-nor')!.build();
    const reordered = JSON.stringify({ partitions: document.partitions, areas: document.areas, device: document.device, name: document.name, version: 1, format: 'flashmap' });
    const result = importFile(encode(reordered), twoOta());
    expect(result.ok && result.document).toEqual(document);
  });

  it('names the byte offset of invalid UTF-8 in a layout document', () => {
    const bytes = encode('{"format": "flashmap", "name": "xx"}');
    bytes[28] = 0xff;
    expect(message(bytes)).toBe('byte offset 0x1C: the layout is not valid UTF-8 text');
  });

  it('recognises a CSV after long leading comments, as the CLI does', () => {
    const csv = '#' + 'x'.repeat(200 * 1024) + '\n' + readShared('conformance/esp32/cases/idf-two-ota/input.csv');
    const result = importFile(encode(csv), findPreset('sstar-nor')!.build(), { fileName: 'two-ota.csv' });
    expect(result.ok && result.formatTitle).toBe('ESP-IDF partition table (CSV)');
    expect(result.ok && result.document.name).toBe('two-ota');
  });

  it('states the line of a located error once, and never puts raw bytes in a message', () => {
    expect(message(encode('nvs, data, nvs, , 0x4000\nfactory, app, factory, , 1Q\n'))).toMatch(/^line 2, column \d+: (?!.*line 2)/);
    const garbage = message(encode('nvs, data, nvs, , 0x4\u0001\u0007\n'));
    expect([...garbage].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
    expect(garbage).toContain('\\x01');
  });
});

describe('file names', () => {
  it('come from the layout name', () => {
    expect(fileStem({ ...twoOta(), name: '  ' })).toBe('layout');
    expect(locationText({ offset: 0x40 })).toBe('byte offset 0x40');
  });
});

describe('a file that two formats read', () => {
  const text = (value: string) => new TextEncoder().encode(value);

  it('is read as the first (the current family’s) and offers the other reading', () => {
    // An mtdparts string whose fields also make an ESP-IDF CSV line: name "64k(nvs)", type 1, subtype 2.
    const bytes = text('64k(nvs),1,2,0x9000,16K\n');
    const outcome = importFile(bytes, twoOta());
    expect(outcome.ok && [outcome.formatId, outcome.alternatives]).toEqual(['esp32-csv', [{ formatId: 'mtdparts', formatTitle: 'mtdparts (the partitions Linux and U-Boot get)' }]]);
    const other = importFile(bytes, twoOta(), { formatId: 'mtdparts' });
    expect(other.ok && other.document.partitions.map((p) => [p.name, p.size])).toEqual([['nvs', 0x10000], ['Partition_001', 1], ['Partition_002', 2], ['Partition_003', 0x9000], ['Partition_004', 0x4000]]);
  });

  it('takes the format that reads it when the first that recognises it cannot', () => {
    const outcome = importFile(text('1M(a),1,2,3'), twoOta());
    expect(outcome.ok && [outcome.formatId, outcome.alternatives]).toEqual(['mtdparts', undefined]);
  });

  it('that no format reads gives the first one’s located error', () => {
    const outcome = importFile(text('nvs, data, nvs, , 0x4000\nfactory, app, factory, , 1Q\n'), twoOta());
    expect(!outcome.ok && failureText(outcome)).toBe('line 2, column 26: Invalid field value 1Q');
  });
});

describe('a cut binary table', () => {
  const real = (path: string) => new Uint8Array(readFileSync(sharedPath(path)));

  it('is recognised by its magic and refused with where it ends', () => {
    const mxp = real('conformance/sstar/cases/mxp-doc-example/MXP_SF.bin').subarray(0, 100);
    const outcome = importFile(mxp, twoOta());
    expect(!outcome.ok && failureText(outcome)).toBe('byte offset 0x64: an MXP table is 4096 bytes (30 records of 136 bytes and 16 bytes of 0xFF), but the input ends at 0x64: the file is truncated');
  });

  it('a PARTINFO.pni, which has no magic, is recognised by its header and checksum once its 16-byte header is there', () => {
    const nand = findPreset('sstar-nand')!.build();
    const untouched = structuredClone(nand);
    for (const file of ['conformance/sstar/cases/pni-doc-example/PARTINFO.pni', 'corpus/sstar/vendor-bin/infinity6_PARTINFO.pni', 'corpus/sstar/vendor-bin/infinity6e_PARTINFO.pni']) {
      const pni = real(file);
      for (let length = 16; length < 512; length++) {
        const outcome = importFile(pni.subarray(0, length), nand);
        const end = `0x${length.toString(16).toUpperCase()}`;
        expect(!outcome.ok && failureText(outcome), `${file} ${length}`).toBe(`byte offset ${end}: a PNI is 512 bytes (a 16-byte header and 62 records of 8 bytes), but the input ends at ${end}: the file is truncated`);
      }
    }
    // A set of PNIs cut inside its second one.
    const set = importFile(real('corpus/sstar/vendor-bin/PARTITION_v2_default.pni').subarray(0, 700), nand);
    expect(!set.ok && failureText(set)).toBe('byte offset 0x2BC: a set of PNIs is a whole number of 512-byte PNIs, but the input ends at 0x2BC, 188 bytes into PNI 1: the file is truncated');
    expect(nand).toEqual(untouched);
  });

  it('an ESP32 binary table keeps gen_esp32part.py\'s words and adds where it was truncated', () => {
    const cut = importFile(real('conformance/esp32/cases/idf-two-ota/expected.bin').subarray(0, 100), twoOta());
    expect(!cut.ok && failureText(cut)).toBe('byte offset 0x60: Partition table length must be a multiple of 32 bytes: the file is truncated at 0x64, 4 bytes into the entry at 0x60');
    const noEnd = importFile(real('conformance/esp32/cases/idf-two-ota/expected.bin').subarray(0, 0x80), twoOta());
    expect(!noEnd.ok && failureText(noEnd)).toBe('byte offset 0x80: Partition table is missing an end-of-table marker: the file is truncated at 0x80, after 4 entries');
  });
});
