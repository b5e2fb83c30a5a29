/** CSV reading and writing with gen_esp32part.py's rules (spec §3, §4, §6, §8). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, tableToCsv } from './csv';
import { tableToBinary } from './binary';
import { Esp32Error } from './errors';
import type { Esp32Settings } from './table';

function entries(text: string | Uint8Array, settings: Partial<Esp32Settings> = {}) {
  return parseCsv(text, settings).entries.map(({ name, type, subtype, offset, size, encrypted, readonly }) => ({ name, type, subtype, offset, size, encrypted, readonly }));
}

function failure(text: string | Uint8Array, settings: Partial<Esp32Settings> = {}): Esp32Error {
  try {
    parseCsv(text, settings);
  } catch (error) {
    if (error instanceof Esp32Error) return error;
    throw error;
  }
  throw new Error('expected the CSV to be rejected');
}

const row = (name: string, type: number, subtype: number, offset: number, size: number, flags: { encrypted?: boolean; readonly?: boolean } = {}) => ({
  name,
  type,
  subtype,
  offset,
  size,
  encrypted: flags.encrypted ?? false,
  readonly: flags.readonly ?? false,
});

describe('reading lines', () => {
  it('skips a UTF-8 BOM, comments, blank lines; accepts every line break Python knows', () => {
    const text = '\ufeff# Name, Type\r\nnvs, data, nvs, 0x9000, 0x6000\r\rphy_init,data,phy,,4K\u2028  # indented comment\nfactory,app,factory,0x10000,1M';
    expect(entries(text)).toEqual([row('nvs', 1, 2, 0x9000, 0x6000), row('phy_init', 1, 1, 0xf000, 0x1000), row('factory', 0, 0, 0x10000, 0x100000)]);
  });

  it('decodes UTF-16 and UTF-32 files by their byte-order mark', () => {
    const text = 'nvs,data,nvs,,24K\n';
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
    const utf32 = Uint8Array.from([0, 0, 0xfe, 0xff, ...[...text].flatMap((c) => [0, 0, 0, c.charCodeAt(0)])]);
    expect(entries(utf16)).toEqual([row('nvs', 1, 2, 0x9000, 0x6000)]);
    expect(entries(utf32)).toEqual([row('nvs', 1, 2, 0x9000, 0x6000)]);
  });

  it('rejects undecodable bytes with their offset', () => {
    const error = failure(Uint8Array.from([0x6e, 0x76, 0x73, 0xc3, 0x28]));
    expect(error.offset).toBe(3);
    expect(error.message).toMatch(/not valid UTF-8/);
  });

  it('has no inline comments and no quoting: # and quotes are ordinary text', () => {
    expect(failure('nvs,data,nvs,,0x6000 # size').message).toMatch(/^Error at line 1: Invalid field value 0x6000 # size/);
    expect(entries('"nvs",data,nvs,,0x6000')[0].name).toBe('"nvs"');
    expect(failure('Name,Type,SubType,Offset,Size,Flags').message).toMatch(/^Error at line 1: Value 'Type' is not valid. Known keywords: bootloader, partition_table, app, data/);
  });

  it('treats missing trailing fields as empty and ignores fields after the sixth', () => {
    expect(entries('nvs,data,nvs,,0x6000')).toEqual([row('nvs', 1, 2, 0x9000, 0x6000)]);
    expect(entries('key,data,nvs_keys,,0x1000,encrypted,extra,more')).toEqual([row('key', 1, 4, 0x9000, 0x1000, { encrypted: true })]);
  });

  it('reports a line that starts with $NAME (no environment to expand it from)', () => {
    const error = failure('# vars\n$NVS_NAME,data,nvs,,0x6000');
    expect(error.message).toMatch(/^unknown variable 'NVS_NAME'/);
    expect(error.line).toBe(2);
    expect(entries('nvs$X,data,nvs,,0x6000')[0].name).toBe('nvs$X');
  });
});

describe('fields', () => {
  it('reads keywords case-insensitively and numbers for both type and subtype', () => {
    expect(entries('a,DATA,NVS,,0x6000\nb,1,0x82,,64K\nc,0,ota_0,,1M\nd,0x40,0x12,,4K')).toEqual([
      row('a', 1, 2, 0x9000, 0x6000),
      row('b', 1, 0x82, 0xf000, 0x10000),
      row('c', 0, 0x10, 0x20000, 0x100000),
      row('d', 0x40, 0x12, 0x120000, 0x1000),
    ]);
  });

  it('gives an empty data (or custom) subtype the value undefined (6) and refuses an empty app subtype', () => {
    expect(entries('x,data,,,4K\ny,0x40,,,4K').map((e) => e.subtype)).toEqual([6, 6]);
    const error = failure('nvs,data,nvs,,0x6000\nfactory, app, , , 1M');
    expect(error.message).toBe('Error at line 2: App partition cannot have an empty subtype (partition "factory", column 14)');
    expect([error.line, error.column, error.partition]).toEqual([2, 14, 'factory']);
  });

  it('requires type and size', () => {
    expect(failure('nvs').message).toMatch(/^Error at line 1: Field 'type' can't be left empty\./);
    expect(failure('nvs,data,nvs,0x9000').message).toMatch(/^Error at line 1: Size field can't be empty/);
  });

  it('knows no subtype names for custom types', () => {
    expect(failure('x,0x40,nvs,,4K').message).toMatch(/^Error at line 1: Invalid field value nvs/);
  });

  it('reads type and subtype values beyond one byte, as the tool does; writing the binary refuses them', () => {
    const table = parseCsv('x,256,0,,4K\ny,data,0x4k,,4K');
    expect(table.entries.map((e) => [e.type, e.subtype])).toEqual([[256, 0], [1, 0x1000]]);
    expect(() => tableToBinary(table, true)).toThrow(/^Partition x invalid: type 256 does not fit the binary table \(0 to 0xff\)/);
  });

  it('lists ota_0..ota_15 but not ota_16 for apps', () => {
    expect(entries('a,app,ota_15,,1M')[0].subtype).toBe(0x1f);
    expect(failure('a,app,ota_16,,1M').message).toMatch(/Known keywords: factory, test, ota_0, ota_1, .*ota_15, tee_0, tee_1/);
  });

  it('reads flags: exact names, colon-separated, empty items ignored', () => {
    expect(entries('a,data,fat,,64K,encrypted:readonly\nb,data,fat,,64K,readonly:\nc,data,fat,,64K,:')).toEqual([
      row('a', 1, 0x81, 0x9000, 0x10000, { encrypted: true, readonly: true }),
      row('b', 1, 0x81, 0x19000, 0x10000, { readonly: true }),
      row('c', 1, 0x81, 0x29000, 0x10000),
    ]);
    const error = failure('a,data,fat,,64K,encrypted: readonly');
    expect(error.message).toBe("Error at line 1: CSV flag column contains unknown flag ' readonly' (partition \"a\", column 17)");
    expect(failure('a,data,fat,,64K,Encrypted').message).toMatch(/unknown flag 'Encrypted'/);
  });

  it('uses extra subtype names, and refuses one that reuses a value', () => {
    const extraSubtypes = [{ type: 'app' as const, name: 'my_app', value: 0x40 }];
    expect(entries('a,app,MY_APP,,1M', { extraSubtypes })[0].subtype).toBe(0x40);
    expect(() => parseCsv('a,app,factory,,1M', { extraSubtypes: [{ type: 'app', name: 'dup', value: 0x10 }] })).toThrow(/duplicate value in partition subtype/);
  });
});

describe('offsets (spec §4)', () => {
  it('starts after the table sector and aligns blank offsets: app 64 KiB, others 4 KiB', () => {
    expect(entries('nvs,data,nvs,,0x5000\nphy,data,phy,,0x1001\napp,app,factory,,1M\nfs,0x40,0,,1\nlast,data,fat,,4K').map((e) => e.offset)).toEqual([
      0x9000, 0xe000, 0x10000, 0x110000, 0x111000,
    ]);
    expect(entries('nvs,data,nvs,,0x6000', { tableOffset: 0xc000 })[0].offset).toBe(0xd000);
  });

  it('reads a negative size as "ends at"', () => {
    expect(entries('app,app,factory,0x10000,-0x200000')[0].size).toBe(0x1f0000);
    // Ending before its offset leaves a negative size, as in the tool; the binary cannot hold it.
    const backwards = parseCsv('app,app,factory,0x10000,-0x8000');
    expect(backwards.entries[0].size).toBe(-0x8000);
    expect(() => tableToBinary(backwards, true)).toThrow(/^Partition app invalid: size -0x8000 does not fit the binary table/);
  });

  it('needs explicit offsets in ascending row order, even without an overlap', () => {
    expect(failure('a,data,nvs,0x20000,0x6000\nb,data,fat,0x10000,4K').message).toBe(
      'CSV Error at line 2: Partitions overlap. Partition sets offset 0x10000. Previous partition ends 0x26000 (partition "b", column 12)',
    );
    expect(failure('# x\na,data,nvs,0x8000,0x6000').message).toBe(
      'CSV Error at line 2: Partitions overlap. Partition sets offset 0x8000. But partition table occupies the whole sector 0x8000. Use a free offset 0x9000 or higher. (partition "a", column 12)',
    );
  });
});

describe('bootloader and partition_table entries (spec §6)', () => {
  const settings = { tableOffset: 0xc000, primaryBootloaderOffset: 0x1000, recoveryBootloaderOffset: 0x3f0000 };

  it('places them from the options and ignores their CSV offset and size', () => {
    const text = 'bl,bootloader,primary,N/A,N/A\npt,partition_table,primary,N/A,N/A\nnvs,data,nvs,,0x4000\nbl_ota,bootloader,ota,,N/A\npt_ota,partition_table,ota,,N/A\nrec,bootloader,recovery,N/A,N/A';
    expect(entries(text, settings)).toEqual([
      row('bl', 2, 0, 0x1000, 0xb000),
      row('pt', 3, 0, 0xc000, 0x1000),
      row('nvs', 1, 2, 0xd000, 0x4000),
      row('bl_ota', 2, 1, 0x11000, 0xb000),
      row('pt_ota', 3, 1, 0x1c000, 0x1000),
      row('rec', 2, 2, 0x3f0000, 0xb000),
    ]);
  });

  it('needs the bootloader offsets when such entries exist', () => {
    expect(failure('bl,bootloader,primary,,').message).toMatch(/^Error at line 1: Primary bootloader offset is not defined. Please use --primary-bootloader-offset/);
    expect(failure('bl,bootloader,ota,,').message).toMatch(/Primary bootloader offset is not defined/);
    expect(failure('r,bootloader,recovery,,', { primaryBootloaderOffset: 0x1000 }).message).toMatch(/Recovery bootloader offset is not defined/);
  });
});

describe('normalised CSV (spec §8)', () => {
  it('has a fixed header, no spaces, keywords, hex offsets, M/K/hex sizes and ordered flags', () => {
    const table = parseCsv('nvs, data, nvs, , 0x6000\nx, 0x40, 37, , 0x36fffc, readonly:encrypted\nfactory, app, factory, , 1M\nraw, data, 0xff, , 0');
    expect(tableToCsv(table)).toBe(
      '# ESP-IDF Partition Table\n# Name, Type, SubType, Offset, Size, Flags\n' +
        'nvs,data,nvs,0x9000,24K,\n' +
        'x,64,37,0xf000,0x36fffc,encrypted:readonly\n' +
        'factory,app,factory,0x380000,1M,\n' +
        'raw,data,255,0x480000,0M,\n',
    );
  });

  it('prints extra subtype names it was given', () => {
    const extraSubtypes = [{ type: 'data' as const, name: 'blob', value: 0x99 }];
    const table = parseCsv('b,data,0x99,,4K');
    expect(tableToCsv(table, { extraSubtypes })).toMatch(/^b,data,blob,0x9000,4K,$/m);
    expect(tableToCsv(table)).toMatch(/^b,data,153,0x9000,4K,$/m);
  });
});

describe('names a CSV cannot hold', () => {
  const entry = (name: string) => ({ name, type: 1, subtype: 2, offset: 0x9000, size: 0x6000, encrypted: false, readonly: false, byteOffset: 0x20 });

  it.each([
    ['nv,s', 'a comma'],
    ['nv\ns', 'a line break'],
    ['nv\u2028s', 'a line break'],
    ['#nvs', 'a leading "#"'],
    ['$nvs', 'a leading "$"'],
    [' nvs', 'blank space'],
  ])('refuses %j, naming the byte offset of its row', (name, why) => {
    let error: Esp32Error | undefined;
    try {
      tableToCsv({ entries: [entry(name)] });
    } catch (e) {
      error = e as Esp32Error;
    }
    expect(error).toBeInstanceOf(Esp32Error);
    expect(error!.reason).toContain(why);
    expect(error!.offset).toBe(0x20);
  });

  it('writes every other name so that the CSV reads back to the same table', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 16 }), (name) => {
        let text: string;
        try {
          text = tableToCsv({ entries: [entry(name)] });
        } catch (e) {
          expect(e).toBeInstanceOf(Esp32Error);
          return;
        }
        expect(parseCsv(text).entries.map((e) => e.name)).toEqual([name]);
      }),
    );
  });
});
