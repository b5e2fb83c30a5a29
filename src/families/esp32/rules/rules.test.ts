/** One failing and one passing layout per ESP32 rule, fixes applied, and no problem reported twice. */
import { describe, expect, it } from 'vitest';
import { esp32Family } from '../family';
import type { Esp32Options, LayoutDocument, Partition } from '../../../model/document';
import { applyFix } from '../../../model/edit';
import { esp32TwoOta } from '../../../presets/esp32';
import { check } from '../../../test-support/documents';
import { belowTableRule } from './below-table';
import { entryLimitRule } from './entry-limit';
import { nvsSizeRule, readonlyRule } from './flags';
import { ESP32_RULES } from './index';
import { uint32Rule } from './limits';
import { keywordNameRule, nameLengthRule, truncatedCollisionRule } from './names';
import { fixedEntryRule, optionsRule } from './options';
import { otaLayoutRule } from './ota';
import { otadataRule, teeOtadataRule } from './otadata';
import { unknownSubtypeRule } from './subtypes';
import { tableOrderRule } from './table-order';
import type { Rule } from '../../../layout/family';
import { validate } from '../..';

type Row = [name: string, type: number, subtype: number, offset: Partition['offset'], size: number, extra?: Partial<Partition>];

function esp32Layout(rows: Row[], options: Partial<Esp32Options> = {}, size = 4 * 1048576): LayoutDocument {
  const base = esp32Family.defaultDevice();
  const device = { ...base, size, esp32: { ...base.esp32!, ...options } };
  return {
    format: 'flashmap',
    version: 1,
    name: 'esp32 test',
    device,
    areas: esp32Family.defaultAreas(device),
    partitions: rows.map(([name, type, subtype, offset, bytes, extra], i) => ({
      id: `p${i}`,
      name,
      area: 'flash',
      offset,
      size: bytes,
      kind: type === 0 ? 'app' : 'data',
      esp32: { type, subtype },
      ...extra,
    })),
  };
}

const NVS: Row = ['nvs', 1, 2, 'auto', 0x6000];
const FACTORY: Row = ['factory', 0, 0, 'auto', 0x100000];

/** Codes of every error validate() reports: the check that a problem is reported once. */
function errorCodes(document: LayoutDocument): string[] {
  return validate(document)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => p.code);
}

/** Problems of one rule, then the same after applying the first problem's fix. */
function fixed(rule: Rule, document: LayoutDocument) {
  const [first] = check(rule, document);
  expect(first?.fixes[0]).toBeDefined();
  return check(rule, applyFix(document, first.fixes[0]));
}

describe('entry limit', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i): Row => [`d${i}`, 1, 0x81, 'auto', 0x1000]);

  it('allows 94 entries with the MD5 row and 95 without', () => {
    expect(check(entryLimitRule, esp32Layout(many(94)))).toEqual([]);
    expect(check(entryLimitRule, esp32Layout(many(95), { md5: false }))).toEqual([]);
  });

  it('reports the 95th entry with the MD5 row, fixed by leaving the MD5 row out', () => {
    const problems = check(entryLimitRule, esp32Layout(many(95)));
    expect(problems).toMatchObject([{ code: 'esp32-entry-limit', severity: 'error', partitionIds: ['p94'] }]);
    expect(fixed(entryLimitRule, esp32Layout(many(95)))).toEqual([]);
    expect(check(entryLimitRule, esp32Layout(many(96), { md5: false }))[0].fixes).toEqual([]);
  });
});

describe('names', () => {
  it('warns about a name longer than 16 UTF-8 bytes and offers the cut name', () => {
    const long = esp32Layout([['storage_größe_x', 1, 0x81, 'auto', 0x1000]]); // 17 bytes: ö and ß take two
    expect(check(nameLengthRule, long)).toMatchObject([{ severity: 'warning', message: expect.stringContaining('17 bytes') }]);
    expect(check(nameLengthRule, long)[0].fixes[0]?.label).toBe('Rename to "storage_größe_"');
    expect(fixed(nameLengthRule, long)).toEqual([]);
    expect(check(nameLengthRule, esp32Layout([['exactly16bytes!!', 1, 0x81, 'auto', 0x1000]]))).toEqual([]);
  });

  it('reports names that become equal once cut, but leaves exact duplicates to the generic rule', () => {
    const cut = esp32Layout([
      ['storage_partition_a', 1, 0x81, 'auto', 0x1000],
      ['storage_partition_b', 1, 0x81, 'auto', 0x1000],
    ]);
    expect(check(truncatedCollisionRule, cut)).toMatchObject([{ severity: 'error', partitionIds: ['p0', 'p1'] }]);
    const same = esp32Layout([
      ['storage', 1, 0x81, 'auto', 0x1000],
      ['storage', 1, 0x81, 'auto', 0x1000],
    ]);
    expect(check(truncatedCollisionRule, same)).toEqual([]);
    expect(errorCodes(same)).toEqual(['duplicate-name']);
  });

  it('warns, as the tool does, about a name that is a keyword of another type or subtype', () => {
    expect(check(keywordNameRule, esp32Layout([['app', 1, 0x81, 'auto', 0x1000]]))).toMatchObject([
      { severity: 'warning', message: "Partition has name 'app' which is a partition type, but does not match this partition's type (0x1). Mistake in partition table?" },
    ]);
    expect(check(keywordNameRule, esp32Layout([NVS, ['ota_0', 0, 0x10, 'auto', 0x100000]]))).toEqual([]);
  });
});

describe('flags and NVS size', () => {
  it('refuses readonly otadata, fixed by removing the flag', () => {
    const document = esp32Layout([['otadata', 1, 0, 'auto', 0x2000, { flags: ['encrypted', 'readonly'] }]]);
    expect(check(readonlyRule, document)).toMatchObject([{ code: 'esp32-readonly', severity: 'error' }]);
    expect(fixed(readonlyRule, document)).toEqual([]);
    expect(check(readonlyRule, esp32Layout([['fat', 1, 0x81, 'auto', 0x1000, { flags: ['readonly'] }]]))).toEqual([]);
  });

  it('needs 0x3000 bytes for read/write NVS, fixed by growing it; a readonly one may be smaller', () => {
    const small = esp32Layout([['nvs', 1, 2, 'auto', 0x2000]]);
    expect(check(nvsSizeRule, small)).toMatchObject([{ code: 'esp32-nvs-size', fixes: [{ label: 'Set size to 0x3000' }] }]);
    expect(fixed(nvsSizeRule, small)).toEqual([]);
    expect(check(nvsSizeRule, esp32Layout([['nvs', 1, 2, 'auto', 0x1000, { flags: ['readonly'] }]]))).toEqual([]);
  });
});

describe('otadata', () => {
  it('allows only one otadata partition', () => {
    const two = esp32Layout([['a', 1, 0, 'auto', 0x2000], ['b', 1, 0, 'auto', 0x2000]]);
    expect(check(otadataRule, two)).toMatchObject([{ code: 'esp32-otadata-multiple', partitionIds: ['p0', 'p1'] }]);
    expect(check(otadataRule, esp32Layout([['a', 1, 0, 'auto', 0x2000]]))).toEqual([]);
  });

  it('needs exactly 0x2000 bytes, fixed by setting the size; the same for TEE otadata', () => {
    const wrong = esp32Layout([['otadata', 1, 0, 'auto', 0x3000], ['tee', 1, 0x90, 'auto', 0x1000]]);
    expect(check(otadataRule, wrong)).toMatchObject([{ code: 'esp32-otadata-size' }]);
    expect(fixed(otadataRule, wrong)).toEqual([]);
    expect(check(teeOtadataRule, wrong)).toMatchObject([{ code: 'esp32-tee-otadata-size' }]);
    expect(fixed(teeOtadataRule, wrong)).toEqual([]);
  });
});

describe('positions', () => {
  it('reports a partition placed below the table in the boot area, moving it after the table', () => {
    const document = esp32Layout([NVS, ['early', 1, 0x81, 0x0, 0x1000, { area: 'boot' }]]);
    expect(errorCodes(document)).toEqual(['esp32-below-table']);
    expect(fixed(belowTableRule, document)).toEqual([]);
    expect(check(belowTableRule, esp32Layout([NVS]))).toEqual([]);
  });

  it('leaves partitions that overlap the table to the overlap rule', () => {
    const document = esp32Layout([['inside', 1, 0x81, 0x8000, 0x1000, { area: 'boot' }]]);
    expect(check(belowTableRule, document)).toEqual([]);
    expect(errorCodes(document)).toEqual(['overlap']);
  });

  it('needs rows in ascending address order (the tool\'s sequential check), fixed by moving the row after', () => {
    const document = esp32Layout([['high', 1, 0x81, 0x100000, 0x1000], ['low', 1, 0x81, 0x9000, 0x1000]]);
    expect(errorCodes(document)).toEqual(['esp32-table-order']);
    expect(check(tableOrderRule, document)[0]).toMatchObject({ partitionIds: ['p1', 'p0'], fixes: [{ label: 'Move to 0x101000, after "high"' }] });
    expect(fixed(tableOrderRule, document)).toEqual([]);
    expect(check(tableOrderRule, esp32Layout([['low', 1, 0x81, 0x9000, 0x1000], ['high', 1, 0x81, 0x100000, 0x1000]]))).toEqual([]);
  });

  it('reports an overlap once, not also as a row out of order', () => {
    const document = esp32Layout([['a', 1, 0x81, 0x10000, 0x4000], ['b', 1, 0x81, 0x12000, 0x1000]]);
    expect(errorCodes(document)).toEqual(['overlap']);
  });

  it('needs offsets and sizes below 4 GiB on a large device; past the device end is the bounds rule\'s', () => {
    const huge = esp32Layout([['far', 1, 0x81, 0x1_0000_0000, 0x1000]], {}, 8 * 1024 * 1048576);
    expect(errorCodes(huge)).toEqual(['esp32-32bit']);
    expect(check(uint32Rule, esp32Layout([['far', 1, 0x81, 0x1_0000_0000, 0x1000]]))).toEqual([]);
    expect(check(uint32Rule, esp32Layout([NVS]))).toEqual([]);
  });
});

describe('subtypes and options', () => {
  it('warns about an unnamed app subtype, notes an unnamed data subtype, accepts extra subtype names', () => {
    const document = esp32Layout([['x', 0, 0x25, 'auto', 0x10000], ['blob', 1, 0x99, 'auto', 0x1000]]);
    expect(check(unknownSubtypeRule, document).map((p) => [p.severity, p.partitionIds[0]])).toEqual([
      ['warning', 'p0'],
      ['info', 'p1'],
    ]);
    const named = esp32Layout([['x', 0, 0x25, 'auto', 0x10000]], { extraSubtypes: [{ type: 'app', name: 'custom', value: 0x25 }] });
    expect(check(unknownSubtypeRule, named)).toEqual([]);
  });

  it('needs the primary bootloader below the table, fixed by going back to the chip offset', () => {
    const document = esp32Layout([NVS], { primaryBootloaderOffset: 0x9000 });
    expect(check(optionsRule, document)).toMatchObject([{ code: 'esp32-bootloader-above-table', fixes: [{ label: 'Use the esp32 bootloader offset 0x1000' }] }]);
    expect(fixed(optionsRule, document)).toEqual([]);
  });

  it('refuses an extra subtype that reuses a value, fixed by removing it', () => {
    const document = esp32Layout([NVS], { extraSubtypes: [{ type: 'app', name: 'again', value: 0x10 }] });
    expect(check(optionsRule, document)).toMatchObject([{ code: 'esp32-extra-subtype-conflict' }]);
    expect(fixed(optionsRule, document)).toEqual([]);
  });

  it('needs a recovery bootloader offset for a recovery bootloader row, fixed by using its offset', () => {
    const document = esp32Layout([NVS, ['recovery', 2, 2, 0x3f0000, 0x7000]]);
    expect(check(optionsRule, document)).toMatchObject([{ code: 'esp32-recovery-offset', fixes: [{ label: 'Use 0x3F0000 as the recovery bootloader offset' }] }]);
    expect(fixed(optionsRule, document)).toEqual([]);
  });

  it('puts bootloader and table rows where the tool puts them', () => {
    const document = esp32Layout([['bl', 2, 0, 0x1000, 0x1000, { area: 'boot', kind: 'bootloader' }], NVS]);
    expect(check(fixedEntryRule, document)).toMatchObject([{ code: 'esp32-fixed-entry', fixes: [{ label: 'Set to 0x1000, 0x7000 bytes' }] }]);
    expect(fixed(fixedEntryRule, document)).toEqual([]);
    expect(check(fixedEntryRule, esp32Family.normalize!(document))).toEqual([]);
  });
});

describe('OTA layout (beyond the reference tool)', () => {
  it('is quiet for ESP-IDF\'s two-OTA layout', () => {
    expect(check(otaLayoutRule, esp32TwoOta())).toEqual([]);
    expect(validate(esp32TwoOta()).problems).toEqual([]);
  });

  it('warns about OTA slots without otadata, otadata without slots, repeated app subtypes and no app', () => {
    const codes = (rows: Row[]) => check(otaLayoutRule, esp32Layout(rows)).map((p) => [p.code, p.severity]);
    expect(codes([NVS, ['a', 0, 0x10, 'auto', 0x100000], ['b', 0, 0x11, 'auto', 0x100000]])).toEqual([['esp32-ota-without-otadata', 'warning']]);
    expect(codes([NVS, ['otadata', 1, 0, 'auto', 0x2000], FACTORY])).toEqual([['esp32-otadata-without-slots', 'warning']]);
    expect(codes([NVS, ['otadata', 1, 0, 'auto', 0x2000], ['app0', 0, 0x10, 'auto', 0x100000]])).toEqual([['esp32-single-ota-slot', 'info']]);
    expect(codes([NVS, FACTORY, ['factory2', 0, 0, 'auto', 0x100000]])).toEqual([['esp32-repeated-app-subtype', 'warning']]);
    expect(codes([NVS])).toEqual([['esp32-no-app', 'warning']]);
  });
});

it('registers every ESP32 rule in the family', () => {
  expect(esp32Family.rules).toBe(ESP32_RULES);
  expect(new Set(ESP32_RULES.map((r) => r.code)).size).toBe(ESP32_RULES.length);
});
