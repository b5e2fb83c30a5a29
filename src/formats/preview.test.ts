import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../presets';
import { sharedPath, readShared } from '../test-support/shared';
import { hexView, previewExport } from './preview';

describe('the hex view of a binary export', () => {
  it('is what hexdump -C prints for the reference MXP_SF.bin and PARTINFO.pni files', () => {
    for (const file of ['mxp-doc-example/MXP_SF.bin', 'mxp-doc-example-envmerge/MXP_SF.bin', 'pni-doc-example/PARTINFO.pni', 'pni-infinity6e-vendor-repro/PARTINFO.pni']) {
      const bytes = new Uint8Array(readFileSync(sharedPath('conformance/sstar/cases', file)));
      expect(hexView(bytes), file).toBe(readShared('conformance/sstar/cases', `${file}.hexdump.txt`));
    }
  });

  it('writes a partial last row with its hex columns padded, and stops at the limit', () => {
    expect(hexView(new TextEncoder().encode('ab\n'))).toBe('00000000  61 62 0a                                          |ab.|\n00000003\n');
    expect(hexView(new Uint8Array(64).fill(1), 32)).toBe(`00000000  ${'01 '.repeat(8)} ${'01 '.repeat(7)}01  |................|\n*\n00000020\n`);
  });
});

describe('previews', () => {
  it('show text exports as text and binaries as a hex view, with the file name and size', () => {
    const document = findPreset('esp32-ota')!.build();
    const csv = previewExport(document, 'esp32-csv');
    expect(csv).toMatchObject({ ok: true, view: 'text', fileName: 'ESP32-Factory-app-two-OTA-definitions.csv', truncated: false });
    expect(csv.ok && csv.text).toBe(readShared('conformance/esp32/cases/idf-two-ota/expected.csv'));
    const bin = previewExport(document, 'esp32-bin');
    expect(bin).toMatchObject({ ok: true, view: 'hex', size: 0xc00, truncated: false });
    expect(bin.ok && bin.text.split('\n')[0]).toBe('00000000  aa 50 01 02 00 90 00 00  00 40 00 00 6e 76 73 00  |.P.......@..nvs.|');
  });

  it('are refused like the export, with the problems standing in the way', () => {
    const document = findPreset('esp32-ota')!.build();
    const broken = { ...document, partitions: document.partitions.map((p) => (p.name === 'ota_1' ? { ...p, offset: 0x200000 } : p)) };
    const outcome = previewExport(broken, 'esp32-csv');
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.blockers?.map((p) => [p.code, [...p.partitionIds].sort()])).toEqual([['overlap', ['ota-0', 'ota-1']]]);
  });
});
