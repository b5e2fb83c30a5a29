/**
 * Property tests: random valid tables survive every round trip unchanged, and no input, however
 * broken, makes a reader throw anything but Esp32Error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryToTable, tableToBinary } from '../../codecs/esp32/binary';
import { parseCsv, tableToCsv } from '../../codecs/esp32/csv';
import { Esp32Error } from '../../codecs/esp32/errors';
import { documentToTable, tableToDocument } from './bridge';
import { esp32Settings } from '../../codecs/esp32/table';
import { runTool } from '../../codecs/esp32/tool';

const SAFE_NAME_CHAR = fc.oneof(
  fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.'),
  fc.constantFrom('é', 'ü', 'ß', '中', '文', '😀', ' ', '"', ':', '#'),
);

/** Names a CSV can carry unchanged: no commas or line breaks, no surrounding spaces, ≤ 16 UTF-8 bytes. */
const name = fc
  .array(SAFE_NAME_CHAR, { maxLength: 12 })
  .map((chars) => chars.join('').trim())
  .filter((text) => Buffer.byteLength(text, 'utf8') <= 16 && !text.startsWith('#'));

const TYPES = [
  { type: 'app', subtypes: ['factory', 'ota_0', 'ota_1', 'test', '0x25'], align: 0x10000, sizeUnit: 0x1000 },
  { type: 'data', subtypes: ['nvs', 'phy', 'fat', 'spiffs', 'littlefs', '', '0xfe', 'coredump'], align: 0x1000, sizeUnit: 1 },
  { type: '0x40', subtypes: ['0', '0x12', ''], align: 0x1000, sizeUnit: 1 },
];

const row = fc.record({
  name,
  kind: fc.integer({ min: 0, max: TYPES.length - 1 }),
  subtype: fc.nat(),
  explicit: fc.boolean(),
  gapBlocks: fc.integer({ min: 0, max: 8 }),
  units: fc.integer({ min: 1, max: 0x400 }),
  sizeStyle: fc.constantFrom('hex', 'dec', 'K', 'M'),
  flags: fc.constantFrom('', 'encrypted', 'readonly', 'encrypted:readonly'),
  spaces: fc.constantFrom('', ' ', '\t', '  '),
});

/** A CSV the tool accepts: explicit offsets ascend, blank ones are filled, sizes in mixed notations. */
const validCsv = fc.array(row, { maxLength: 24 }).map((rows) => {
  let cursor = 0x9000;
  const lines = ['# Name, Type, SubType, Offset, Size, Flags'];
  for (const r of rows) {
    const kind = TYPES[r.kind];
    const subtype = kind.subtypes[r.subtype % kind.subtypes.length];
    // Apps are whole 4 KiB blocks; data sizes may be any byte count.
    const size =
      r.sizeStyle === 'M' ? ((r.units % 16) + 1) * 0x100000 : r.sizeStyle === 'K' ? r.units * Math.max(0x400, kind.sizeUnit) : r.units * kind.sizeUnit;
    const sizeText = r.sizeStyle === 'M' ? `${size / 0x100000}M` : r.sizeStyle === 'K' ? `${size / 0x400}K` : r.sizeStyle === 'hex' ? `0x${size.toString(16)}` : String(size);
    let offsetText = '';
    let offset = Math.ceil(cursor / kind.align) * kind.align;
    if (r.explicit) {
      offset += r.gapBlocks * kind.align;
      offsetText = `0x${offset.toString(16).toUpperCase()}`;
    }
    cursor = offset + size;
    const s = r.spaces;
    lines.push([r.name, kind.type, subtype, offsetText, sizeText, r.flags].join(`,${s}`));
  }
  return lines.join('\n') + '\n';
});

function onlyEsp32Errors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof Esp32Error)) throw error;
  }
}

describe('round trips', () => {
  it('CSV → binary → CSV → binary is stable (and the normalised CSV is a fixed point)', () => {
    fc.assert(
      fc.property(validCsv, fc.boolean(), (csv, md5) => {
        const first = tableToBinary(parseCsv(csv), md5);
        const normalised = tableToCsv(binaryToTable(first, md5).table);
        const second = tableToBinary(parseCsv(normalised), md5);
        expect(second).toEqual(first);
        expect(tableToCsv(binaryToTable(second, md5).table)).toBe(normalised);
      }),
      { numRuns: 300 },
    );
  });

  it('document → binary → document → binary is stable', () => {
    fc.assert(
      fc.property(validCsv, fc.boolean(), (csv, md5) => {
        const document = tableToDocument(parseCsv(csv), { md5 });
        const first = tableToBinary(documentToTable(document), md5);
        const again = tableToDocument(binaryToTable(first, md5).table, { md5, flashSize: document.device.size });
        expect(tableToBinary(documentToTable(again), md5)).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});

describe('hostile input', () => {
  const settings = esp32Settings({ primaryBootloaderOffset: 0x1000, recoveryBootloaderOffset: 0x3f0000, flashSize: 0x400000 });
  const everything = (bytes: Uint8Array) => {
    onlyEsp32Errors(() => binaryToTable(bytes, true));
    onlyEsp32Errors(() => parseCsv(bytes, settings));
    onlyEsp32Errors(() => tableToDocument(runTool(bytes, settings).table));
  };

  it('random bytes, including ones that start like a table', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), (bytes, magic) => {
        if (magic && bytes.length >= 2) bytes.set([0xaa, 0x50]);
        everything(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('valid binaries with bytes changed, cut or extended', () => {
    const mutation = fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }), cut: fc.nat(), count: fc.integer({ min: 1, max: 8 }) });
    fc.assert(
      fc.property(validCsv, fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (csv, mutations, truncate) => {
        let bytes = tableToBinary(parseCsv(csv), true);
        for (const m of mutations) for (let i = 0; i < m.count; i++) bytes[(m.at + i) % bytes.length] = m.value;
        if (truncate) bytes = bytes.subarray(0, mutations[0].cut % bytes.length);
        everything(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('valid CSV text with characters inserted, deleted or replaced', () => {
    const edit = fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 3 }), insert: fc.string({ unit: 'binary', maxLength: 4 }) });
    fc.assert(
      fc.property(validCsv, fc.array(edit, { minLength: 1, maxLength: 5 }), (csv, edits) => {
        let text = csv;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        onlyEsp32Errors(() => parseCsv(text, settings));
        everything(new Uint8Array(Buffer.from(text, 'utf8')));
      }),
      { numRuns: 300 },
    );
  });

  it('random text from the CSV alphabet', () => {
    const alphabet = fc.constantFrom(...'app,data,nvs,ota_0,factory,0x1000,1M,64K,-,#,$X,\n,\r, ,encrypted:readonly,bootloader,partition_table,primary,recovery,_,0b1,0o7'.split(','), ',', '\n');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }), (parts) => {
        everything(new Uint8Array(Buffer.from(parts.join(''), 'utf8')));
      }),
      { numRuns: 500 },
    );
  });
});
