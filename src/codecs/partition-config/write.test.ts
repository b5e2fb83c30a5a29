import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { sharedPath } from '../../test-support/shared';
import { CONFIG_GLOBALS, IMAGE_FIELDS, readPartitionConfig, type ImageField } from './config';
import { configModel, writePartitionConfig, type ConfigModelImage, type PartitionConfigModel } from './write';

const CONFIGS = readdirSync(sharedPath('corpus/sstar/configs'));
const read = (name: string) => readFileSync(sharedPath('corpus/sstar/configs', name), 'utf8');

/** The fields whose vendor text refers to other fields of the same config. */
const REFERRING: ImageField[] = ['PATSIZE', 'COPIES', 'MTDPART', 'BOOTTAB', 'SYSTAB'];

describe('writePartitionConfig in the SDK style', () => {
  for (const name of CONFIGS) {
    it(`${name}: reads back the same, and writes the vendor's own references`, () => {
      const original = readPartitionConfig(read(name), { FLASH_SIZE: '16M' });
      const model = configModel(original);
      const written = writePartitionConfig(model);
      const again = readPartitionConfig(written);
      expect(configModel(again)).toEqual(model);
      // Each PATSIZE/COPIES/MTDPART/BOOTTAB/SYSTAB is written as the vendor wrote it (blanks aside).
      for (const image of [...original.images, ...original.unlistedImages]) {
        const rewritten = [...again.images, ...again.unlistedImages].find((candidate) => candidate.name === image.name);
        for (const field of REFERRING) {
          const vendor = image.fields[field];
          if (vendor) expect(rewritten?.fields[field]?.raw, `${image.name} ${field}`).toBe(vendor.raw.trim());
        }
      }
    });
  }

  it('writes the SDK layout: globals, one block per image, then the other variables', () => {
    const model: PartitionConfigModel = {
      globals: { IMAGE_LIST: 'ipl kernel', FLASH_TYPE: 'nor', TFTPDOWNLOADADDR: '0x21000000', ENV_CFG: '/dev/mtd0 0x4F000 0x1000 0x50000' },
      images: [
        { name: 'ipl', fields: { PATSIZE: '0x10000' } },
        { name: 'kernel', fields: { PATSIZE: '0x200000', BOOTCMD: 'sf read ${a}; # not a comment $(x)' } },
      ],
      others: [{ name: 'wifirstoncmd', value: 'gpio out 8 1' }],
    };
    expect(writePartitionConfig(model)).toBe(
      [
        'IMAGE_LIST = ipl kernel',
        'FLASH_TYPE = nor',
        'TFTPDOWNLOADADDR:=0x21000000',
        'ENV_CFG = /dev/mtd0 0x4F000 0x1000 0x50000',
        '',
        'ipl$(PATSIZE) = 0x10000',
        '',
        'kernel$(PATSIZE) = 0x200000',
        'kernel$(BOOTCMD) = sf read $${a}; \\# not a comment $$(x)',
        '',
        'wifirstoncmd = gpio out 8 1',
        '',
      ].join('\n'),
    );
  });

  it('refuses models that could not be read back the same', () => {
    const base: PartitionConfigModel = { globals: { IMAGE_LIST: 'a' }, images: [{ name: 'a', fields: {} }], others: [] };
    const refuse = (change: Partial<PartitionConfigModel>, message: RegExp) => expect(() => writePartitionConfig({ ...base, ...change })).toThrow(message);
    refuse({ images: [{ name: 'a', fields: { PATSIZE: ' 0x1' } }] }, /starts with a blank/);
    refuse({ images: [{ name: 'a', fields: { PATSIZE: '0x1\\' } }] }, /ends with a backslash/);
    refuse({ images: [{ name: 'a', fields: { PATSIZE: 'a\nb' } }] }, /line break/);
    refuse({ images: [{ name: 'a b', fields: {} }] }, /must be letters/);
    refuse({ images: [{ name: 'x_patsize', fields: { RESOUCE: 'r' } }] }, /ends like a per-image variable/);
    refuse({ images: [{ name: 'b', fields: { BOOTCMD: 'x' } }] }, /not in IMAGE_LIST and has no field but BOOTCMD/);
    refuse({ images: [{ name: 'a', fields: {} }, { name: 'a', fields: {} }] }, /appears twice/);
    refuse({ others: [{ name: 'a', value: '1' }] }, /image's name/);
    refuse({ others: [{ name: 'FLASH_TYPE', value: 'nor' }] }, /is a global/);
    refuse({ others: [{ name: 'PATSIZE', value: '_x' }] }, /defines as a suffix/);
    refuse({ others: [{ name: 'define', value: '1' }] }, /not a make directive/);
    expect(() => writePartitionConfig(base)).not.toThrow();
    expect(() => writePartitionConfig({ ...base, others: [{ name: 'x', value: '\t' }] })).toThrow(FormatError);
  });
});

/** A model where tables repeat other fields, as real configs do, mixed with arbitrary text. */
const hex = fc.integer({ min: 1, max: 0x400 }).map((n) => `0x${(n * 0x1000).toString(16).toUpperCase()}`);
const freeText = fc
  .string({ maxLength: 16 })
  .filter((text) => !/[\r\n\0]/.test(text) && !/^[ \t]/.test(text) && (/\\*$/.exec(text)?.[0].length ?? 0) % 2 === 0);
const IMAGE_NAMES = ['cis', 'ipl', 'ipl_cust', 'uboot', 'mxp', 'kernel', 'logo', 'key_cust', 'rootfs', 'misc.1', 'x-y'];

const model: fc.Arbitrary<PartitionConfigModel> = fc
  .tuple(
    fc.shuffledSubarray(IMAGE_NAMES, { minLength: 1 }),
    fc.nat(),
    fc.array(fc.record({ size: hex, count: fc.constantFrom('', '1', '2', '4') }), { minLength: IMAGE_NAMES.length, maxLength: IMAGE_NAMES.length }),
    fc.dictionary(fc.constantFrom(...IMAGE_FIELDS), fc.oneof(hex, freeText), { maxKeys: 6 }),
    fc.dictionary(fc.constantFrom(...CONFIG_GLOBALS.filter((g) => g !== 'IMAGE_LIST')), fc.oneof(freeText, fc.constantFrom('5', '3')), { maxKeys: 5 }),
    fc.array(fc.record({ name: fc.constantFrom('wifi24mclkcmd', 'BENCHX', 'a.b', 'c-d'), value: freeText }), { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([names, listedCount, numbers, extra, globals, others, quoteTables]) => {
    const listed = names.slice(0, Math.max(1, listedCount % (names.length + 1)));
    const images: ConfigModelImage[] = names.map((name, index) => {
      const { size, count } = numbers[index];
      const fields: ConfigModelImage['fields'] = { ...extra, PATSIZE: size };
      if (index % 2 === 0) {
        fields.DATASIZE = size;
        fields.COPIES = ['1', '3', '5'][index % 3];
        if (count !== '') fields.BKCOUNT = count;
        fields.MTDPART = `${size}(${name.toUpperCase()}0)${count},${size}(${name.toUpperCase()}1)${count}`;
        fields.PATSIZE = `0x${(BigInt(size) * BigInt(fields.COPIES)).toString(16)}`;
      }
      return { name, fields };
    });
    // Tables: runs of other images' MTDPART, entries sized by PATSIZE, and literal entries.
    const table = images.map((image) => image.fields.MTDPART ?? `${image.fields.PATSIZE}(${image.name.toUpperCase()})`).join(',') + ',0x1000(UBOOT_ENV),-(UBI)';
    images[0].fields.BOOTTAB = quoteTables ? `"${table}"` : table;
    images[0].fields.SYSTAB = `${images.at(-1)?.fields.PATSIZE}@${images[0].fields.PATSIZE}(X)`;
    const seen = new Set<string>();
    return {
      globals: { IMAGE_LIST: listed.join(' '), ...globals },
      images,
      others: others.filter((other) => !seen.has(other.name) && seen.add(other.name)),
    };
  });

describe('writePartitionConfig round trip', () => {
  it('model -> write -> read gives the same model, and writing again gives the same text', () => {
    fc.assert(
      fc.property(model, (input) => {
        const text = writePartitionConfig(input);
        const back = configModel(readPartitionConfig(text));
        expect(back).toEqual(input);
        expect(writePartitionConfig(back)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it('writes references where the values repeat (so the property above exercises them)', () => {
    const text = writePartitionConfig(fc.sample(model, { numRuns: 1, seed: 7 })[0]);
    expect(text).toMatch(/\$\(\w+\$\((PATSIZE|MTDPART|DATASIZE)\)\)/);
  });
});
