/** The bridge between tables and layout documents. */
import { describe, expect, it } from 'vitest';
import { parseEsp32Args } from '../../cli/commands/esp32-args';
import { esp32Family } from './family';
import { parseDocument, type LayoutDocument } from '../../model/document';
import { esp32Cases } from '../../test-support/esp32-cases';
import { parseCsv } from '../../codecs/esp32/csv';
import { Esp32Error } from '../../codecs/esp32/errors';
import { documentToTable, tableToDocument } from './bridge';
import { place } from '../../layout/place';
import { validate } from '..';

const EFUSE_CSV = `bootloader,       bootloader,      primary,  N/A,    N/A,
partition_table,  partition_table, primary,  N/A,    N/A,
nvs,              data,            nvs,      ,       0x4000,
storage,          data,            0xff,     ,       0x1000, encrypted
fs,               data,            littlefs, 0x20000, 64K, readonly
factory,          app,             factory,  ,       1M,
`;
const EFUSE_SETTINGS = { tableOffset: 0xc000, primaryBootloaderOffset: 0x1000 };

describe('tableToDocument', () => {
  const document = tableToDocument(parseCsv(EFUSE_CSV, EFUSE_SETTINGS), { ...EFUSE_SETTINGS, name: 'efuse', chip: 'esp32' });

  it('is a valid esp32 layout document with the options of the table', () => {
    expect(parseDocument(document).ok).toBe(true);
    expect(document.device).toMatchObject({ family: 'esp32', size: 4 * 1048576, esp32: { chip: 'esp32', tableOffset: 0xc000, md5: true, secure: 'none' } });
    // 0x1000 is the ESP32's own bootloader offset, so the document follows the chip.
    expect(document.device.esp32?.primaryBootloaderOffset).toBeUndefined();
    expect(document.areas.map((a) => [a.id, a.start, a.size])).toEqual([
      ['boot', 0, 0xd000],
      ['flash', 'auto', 'rest'],
    ]);
  });

  it('keeps rows in order: fixed entries in the boot area, blank offsets as auto, kind, fs and flags from the row', () => {
    expect(document.partitions.map((p) => [p.name, p.area, p.offset, p.size, p.kind, p.fs, p.flags, p.esp32])).toEqual([
      ['bootloader', 'boot', 0x1000, 0xb000, 'bootloader', undefined, undefined, { type: 2, subtype: 0 }],
      ['partition_table', 'boot', 0xc000, 0x1000, 'table', undefined, undefined, { type: 3, subtype: 0 }],
      ['nvs', 'flash', 'auto', 0x4000, 'nvs', undefined, undefined, { type: 1, subtype: 2 }],
      ['storage', 'flash', 'auto', 0x1000, 'data', undefined, ['encrypted'], { type: 1, subtype: 0xff }],
      ['fs', 'flash', 0x20000, 0x10000, 'filesystem', 'littlefs', ['readonly'], { type: 1, subtype: 0x83 }],
      ['factory', 'flash', 'auto', 0x100000, 'app', undefined, undefined, { type: 0, subtype: 0 }],
    ]);
  });

  it('places auto offsets where the tool puts them, and draws listed bootloader/table rows instead of reserved regions', () => {
    const placement = place(document, esp32Family);
    expect(placement.partitions.map((p) => p.start)).toEqual([0x1000, 0xc000, 0xd000, 0x11000, 0x20000, 0x30000]);
    expect(placement.reserved).toEqual([]);
    expect(validate(document).problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });

  it('takes the table and bootloader offsets from a binary\'s own rows when no options are given', () => {
    const table = parseCsv(EFUSE_CSV, EFUSE_SETTINGS);
    const fromBinary = tableToDocument({ entries: table.entries.map(({ autoOffset: _auto, ...e }) => e) });
    expect(fromBinary.device.esp32).toMatchObject({ tableOffset: 0xc000 });
    const s3 = tableToDocument({ entries: table.entries }, { chip: 'esp32s3' });
    expect(s3.device.esp32).toMatchObject({ chip: 'esp32s3', tableOffset: 0xc000, primaryBootloaderOffset: 0x1000 });
    expect(documentToTable(fromBinary).entries.map((e) => e.offset)).toEqual(table.entries.map((e) => e.offset));
  });

  it('picks a flash size that holds the table when none is given', () => {
    expect(tableToDocument(parseCsv('big,app,factory,0x10000,5M')).device.size).toBe(8 * 1048576);
  });
});

describe('documentToTable', () => {
  const base = tableToDocument(parseCsv('nvs,data,nvs,,0x6000\nphy_init,data,phy,,0x1000\nfactory,app,factory,,1M'));

  it('places rows with the family rules and writes them in document order', () => {
    expect(documentToTable(base).entries.map((e) => [e.name, e.offset, e.size])).toEqual([
      ['nvs', 0x9000, 0x6000],
      ['phy_init', 0xf000, 0x1000],
      ['factory', 0x10000, 0x100000],
    ]);
  });

  it('follows a moved table offset (the family normalises the areas)', () => {
    const moved: LayoutDocument = { ...base, device: { ...base.device, esp32: { ...base.device.esp32!, tableOffset: 0x10000 } } };
    expect(documentToTable(moved).entries.map((e) => e.offset)).toEqual([0x11000, 0x17000, 0x20000]);
  });

  it('leaves out raw partitions and guesses type and subtype from the kind when a partition has none', () => {
    const document: LayoutDocument = {
      ...base,
      partitions: [
        ...base.partitions,
        { id: 'fs', name: 'fs', area: 'flash', offset: 'auto', size: 0x10000, kind: 'filesystem', fs: 'spiffs' },
        { id: 'blob', name: 'blob', area: 'flash', offset: 'auto', size: 0x1000, kind: 'data', raw: true },
      ],
    };
    expect(documentToTable(document).entries.map((e) => [e.name, e.type, e.subtype])).toEqual([
      ['nvs', 1, 2],
      ['phy_init', 1, 1],
      ['factory', 0, 0],
      ['fs', 1, 0x82],
    ]);
  });

  it('refuses a layout of another family', () => {
    expect(() => documentToTable({ ...base, device: { family: 'nor', size: 0x1000000, geometry: { eraseBlock: 0x1000 } } })).toThrow(Esp32Error);
  });
});

describe('live validation of the conformance tables', () => {
  it('reports no error for any table the reference tool accepts', () => {
    const accepted = esp32Cases().filter((c) => !c.expectedError);
    expect(accepted.length).toBe(52);
    for (const testCase of accepted) {
      const { settings } = parseEsp32Args([...testCase.args, '--', 'input']);
      const document = tableToDocument(parseCsv(testCase.input, settings), settings);
      const errors = validate(document).problems.filter((p) => p.severity === 'error');
      expect({ case: testCase.name, errors }).toEqual({ case: testCase.name, errors: [] });
    }
  });
});
