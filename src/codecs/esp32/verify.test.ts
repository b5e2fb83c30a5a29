/** The tool's verification (spec §5), message by message. */
import { describe, expect, it } from 'vitest';
import { binaryToTable, tableToBinary } from './binary';
import { parseCsv } from './csv';
import { Esp32Error } from './errors';
import { esp32Settings, type Esp32Settings } from './table';
import { checkFlashSize, verifyTable } from './verify';

function verify(csv: string, overrides: Partial<Esp32Settings> = {}) {
  const settings = esp32Settings(overrides);
  const warnings: string[] = [];
  let error: Esp32Error | undefined;
  try {
    verifyTable(parseCsv(csv, settings), settings, (w) => warnings.push(w));
  } catch (caught) {
    if (!(caught instanceof Esp32Error)) throw caught;
    error = caught;
  }
  return { warnings, error };
}

describe('per partition', () => {
  it('checks offset alignment: apps 64 KiB, everything else 4 KiB', () => {
    expect(verify('app,app,factory,0x11000,1M').error?.message).toBe('Partition app invalid: Offset 0x11000 is not aligned to 0x10000 (partition "app", line 1)');
    expect(verify('nvs,data,nvs,0x9800,0x6000').error?.reason).toBe('Partition nvs invalid: Offset 0x9800 is not aligned to 0x1000');
    expect(verify('c,0x40,0,0x9800,0x1000').error?.reason).toBe('Partition c invalid: Offset 0x9800 is not aligned to 0x1000');
    expect(verify('nvs,data,nvs,0x9000,0x6000').error).toBeUndefined();
  });

  it('checks app sizes: 4 KiB, 64 KiB with --secure v1, 4 KiB with v2; data sizes are free', () => {
    expect(verify('app,app,factory,,0x100800').error?.reason).toBe('Partition app invalid: Size 0x100800 is not aligned to 0x1000');
    expect(verify('app,app,factory,,0x101000', { secure: 'v1' }).error?.reason).toBe('Partition app invalid: Size 0x101000 is not aligned to 0x10000');
    expect(verify('app,app,factory,,0x101000', { secure: 'v2' }).error).toBeUndefined();
    expect(verify('fs,data,fat,,0x36fffc').error).toBeUndefined();
  });

  it('warns about names that are keywords of another type or subtype', () => {
    expect(verify('app,data,fat,,4K\nspiffs,data,fat,,4K\nota_0,app,ota_0,,1M\nota,data,ota,,8K').warnings).toEqual([
      "WARNING: Partition has name 'app' which is a partition type, but does not match this partition's type (0x1). Mistake in partition table?",
      "WARNING: Partition has name 'spiffs' which is a partition subtype, but this partition has non-matching type 0x1 and subtype 0x81. Mistake in partition table?",
    ]);
  });

  it('refuses readonly otadata and coredump', () => {
    expect(verify('od,data,ota,,8K,readonly').error?.reason).toBe("Partition od invalid: 'od' partition of type 1 and subtype 0 is always read-write and cannot be read-only");
    expect(verify('cd,data,coredump,,64K,readonly').error?.reason).toBe("Partition cd invalid: 'cd' partition of type 1 and subtype 3 is always read-write and cannot be read-only");
  });

  it('needs read/write NVS of at least 0x3000 bytes; read-only NVS may be smaller', () => {
    expect(verify('nvs,data,nvs,,0x2000').error?.reason).toBe(
      "Partition nvs invalid: 'nvs' partition of type 1 and subtype 2 of this size (0x2000) must be flagged as 'readonly' (the size of read/write NVS has to be at least 0x3000)",
    );
    expect(verify('nvs,data,nvs,,0x1000,readonly').error).toBeUndefined();
    expect(verify('nvs,data,nvs,,0x3000').error).toBeUndefined();
  });
});

describe('whole table', () => {
  it('needs unique names (before truncation) and lists the rows sorted by name', () => {
    const { error } = verify('b,data,fat,,4K\na,data,fat,,4K\nb,data,fat,,8K\na,data,fat,,4K');
    expect(error?.reason).toBe('Partition names must be unique');
    expect(error?.details).toEqual(['A list of partitions that have the same name:', 'a,data,fat,0xa000,4K,', 'a,data,fat,0xd000,4K,', 'b,data,fat,0x9000,4K,', 'b,data,fat,0xb000,8K,']);
    expect(verify('a_sixteen_bytes_1,data,fat,,4K\na_sixteen_bytes_2,data,fat,,4K').error).toBeUndefined();
  });

  it('checks, by offset, nothing below the table and no overlap (for binaries, which skip the CSV order check)', () => {
    const settings = esp32Settings();
    const binary = (entries: Array<[string, number, number]>) =>
      binaryToTable(tableToBinary({ entries: entries.map(([name, offset, size]) => ({ name, type: 1, subtype: 0x81, offset, size, encrypted: false, readonly: false })) }, true), true).table;
    expect(() => verifyTable(binary([['low', 0x7000, 0x1000]]), settings)).toThrow(/^Partition offset 0x7000 is below 0x9000/);
    expect(() => verifyTable(binary([['b', 0xa000, 0x2000], ['a', 0x9000, 0x2000]]), settings)).toThrow(/^Partition at 0xa000 overlaps 0x9000-0xafff/);
  });

  it('allows one otadata of exactly 0x2000 bytes, and the same for TEE otadata', () => {
    expect(verify('o1,data,ota,,8K\no2,data,ota,,8K').error).toMatchObject({
      reason: 'Found multiple otadata partitions. Only one partition can be defined with type="data"(1) and subtype="ota"(0).',
      details: ['o1,data,ota,0x9000,8K,', 'o2,data,ota,0xb000,8K,'],
    });
    expect(verify('o1,data,ota,,4K').error?.reason).toBe('otadata partition must have size = 0x2000');
    expect(verify('t1,data,tee_ota,,8K\nt2,data,tee_ota,,8K').error?.reason).toBe(
      'Found multiple TEE otadata partitions. Only one partition can be defined with type="data"(1) and subtype="tee_ota"(0x90).',
    );
    expect(verify('t,data,tee_ota,,12K').error?.reason).toBe('TEE otadata partition must have size = 0x2000');
  });

  it('accepts what the tool accepts: two factory apps, repeated OTA slots, empty names, zero sizes', () => {
    expect(verify(',data,fat,,0\nf1,app,factory,,1M\nf2,app,factory,,1M\na,app,ota_0,,1M\nb,app,ota_0,,1M').error).toBeUndefined();
  });
});

describe('flash size', () => {
  it('needs the partition with the highest offset to end within the flash, and prints MB like the tool', () => {
    const table = parseCsv('app,app,factory,0x10000,0x3f0000\nx,data,fat,0x400000,1');
    expect(() => checkFlashSize(table, 4 * 1048576)).toThrow(
      "Partitions tables occupies 4.0MB of flash (4194305 bytes) which does not fit in configured flash size 4MB. Change the flash size in menuconfig under the 'Serial Flasher Config' menu.",
    );
    expect(() => checkFlashSize(parseCsv('app,app,factory,0x10000,0x3f0000'), 4 * 1048576)).not.toThrow();
  });
});
