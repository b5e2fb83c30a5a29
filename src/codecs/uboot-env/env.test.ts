/**
 * The environment image against Debian's u-boot-tools (`mkenvimage`, the reference encoder) and
 * libubootenv-tool (`fw_printenv`, an independent reader that checks the CRC and picks between
 * redundant copies), plus round trips and hostile inputs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { debianTool, runTool } from '../../test-support/debian';
import { FormatError } from '../errors';
import { emitUbootEnv, parseUbootEnv, selectRedundantCopy, type UbootEnvEmitOptions, type UbootEnvVar } from './index';

const dir = mkdtempSync(join(tmpdir(), 'uboot-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;

/** mkenvimage's input: one `name=value` line each, an embedded newline written as backslash-newline. */
function envText(vars: readonly UbootEnvVar[]): string {
  return vars.map(({ name, value }) => `${name}=${value.replace(/\n/g, '\\\n')}\n`).join('');
}

function mkenvimage(vars: readonly UbootEnvVar[], options: UbootEnvEmitOptions): Uint8Array {
  const tool = debianTool('mkenvimage', 'u-boot-tools');
  const input = join(dir, `env${++serial}.txt`);
  const output = join(dir, `env${serial}.bin`);
  writeFileSync(input, envText(vars));
  const args = ['-s', `0x${options.size.toString(16)}`, '-o', output];
  if (options.redundant) args.push('-r');
  if (options.bigEndian) args.push('-b');
  if (options.fill !== undefined) args.push('-p', `0x${options.fill.toString(16)}`);
  runTool(tool, [...args, input]);
  return new Uint8Array(readFileSync(output));
}

/** fw_printenv's output for images written to files, one config line per copy. */
function fwPrintenv(copies: Uint8Array[], size: number): string {
  const tool = debianTool('fw_printenv', 'libubootenv-tool');
  const config = join(dir, `fw_env${++serial}.config`);
  const lines = copies.map((bytes, index) => {
    const file = join(dir, `copy${serial}-${index}.bin`);
    writeFileSync(file, bytes);
    return `${file} 0x0 0x${size.toString(16)}\n`;
  });
  writeFileSync(config, lines.join(''));
  return runTool(tool, ['-c', config]).stdout;
}

const boardVars: UbootEnvVar[] = [
  { name: 'bootcmd', value: 'run distro_bootcmd' },
  { name: 'bootargs', value: 'console=ttymxc0,115200 root=/dev/mmcblk0p2 rootwait' },
  { name: 'bootdelay', value: '3' },
  { name: 'ethaddr', value: '00:11:22:33:44:55' },
  { name: 'script', value: 'if test -e mmc 0:1 boot.scr; then\nload mmc 0:1 ${loadaddr} boot.scr; source; fi' },
];

/**
 * Variables mkenvimage's text input can express: no `#` at the start of a line, no trailing
 * backslash, no trailing newline (its blank-line skipping eats the NUL after it).
 */
const nameArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.:-]{0,15}$/);
const valueArb = fc
  .string({ unit: fc.constantFrom(...'abcXYZ019 =,;:$&{}()\'"\t/\\\n'.split('')), maxLength: 40 })
  .filter((value) => !value.endsWith('\\') && !value.endsWith('\n') && !value.includes('\n#'));
const varsArb = fc.array(fc.record({ name: nameArb, value: valueArb }), { maxLength: 12 });

function expectFormatError(run: () => unknown, pattern?: RegExp): FormatError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    if (pattern) expect((error as Error).message).toMatch(pattern);
    return error as FormatError;
  }
  throw new Error('expected a FormatError');
}

describe('emitUbootEnv is byte-identical to mkenvimage', () => {
  const cases: Array<[string, UbootEnvVar[], UbootEnvEmitOptions]> = [
    ['a 16 KiB board environment', boardVars, { size: 0x4000 }],
    ['redundant (-r)', boardVars, { size: 0x4000, redundant: { flag: 1 } }],
    ['big-endian CRC (-b)', boardVars, { size: 0x2000, bigEndian: true }],
    ['zero fill (-p 0x00)', boardVars, { size: 0x2000, fill: 0 }],
    ['all options, 128 KiB', boardVars, { size: 0x20000, redundant: { flag: 1 }, bigEndian: true, fill: 0x5a }],
    ['one variable filling the data area exactly', [{ name: 'a', value: 'x'.repeat(0x2000 - 4 - 4) }], { size: 0x2000 }],
    ['UTF-8 values', [{ name: 'greeting', value: 'grüß dich – 日本' }], { size: 0x2000 }],
    ['no variables', [], { size: 0x2000 }],
  ];
  for (const [title, vars, options] of cases) {
    it(title, () => {
      expect(Buffer.from(emitUbootEnv(vars, options)).equals(Buffer.from(mkenvimage(vars, options)))).toBe(true);
    });
  }

  it('for random variables, sizes, fill bytes and header forms', () => {
    const optionsArb = fc.record({
      size: fc.constantFrom(0x200, 0x1000, 0x2000),
      redundant: fc.boolean(),
      bigEndian: fc.boolean(),
      fill: fc.integer({ min: 0, max: 255 }),
    });
    fc.assert(
      fc.property(varsArb, optionsArb, (vars, { size, redundant, bigEndian, fill }) => {
        const options = { size, bigEndian, fill, ...(redundant ? { redundant: { flag: 1 } } : {}) };
        expect(Buffer.from(emitUbootEnv(vars, options)).equals(Buffer.from(mkenvimage(vars, options)))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses what mkenvimage refuses as too large, with the byte counts', () => {
    const vars = [{ name: 'a', value: 'x'.repeat(0x2000 - 4 - 3) }];
    expect(() => mkenvimage(vars, { size: 0x2000 })).toThrow(/too large for the target environment storage/);
    expectFormatError(() => emitUbootEnv(vars, { size: 0x2000 }), /^the environment needs 8189 bytes, the image holds 8188 \(0x2000 minus the 4-byte header\)$/);
  });
});

describe('fw_printenv reads what we write', () => {
  it('prints every variable of a single copy', () => {
    // fw_printenv lists the variables sorted by name, as U-Boot's hash table does.
    const text = fwPrintenv([emitUbootEnv(boardVars, { size: 0x4000 })], 0x4000);
    const sorted = [...boardVars].sort((x, y) => (x.name < y.name ? -1 : 1));
    expect(text).toBe(sorted.map(({ name, value }) => `${name}=${value}\n`).join(''));
  });

  it('picks the same redundant copy as selectRedundantCopy', () => {
    const older = [{ name: 'version', value: 'old' }];
    const newer = [{ name: 'version', value: 'new' }];
    for (const [flagA, flagB] of [[1, 0], [0, 1], [255, 0], [0, 255], [7, 8]]) {
      const a = emitUbootEnv(older, { size: 0x2000, redundant: { flag: flagA } });
      const b = emitUbootEnv(newer, { size: 0x2000, redundant: { flag: flagB } });
      const ours = selectRedundantCopy(a, b, { size: 0x2000 });
      expect(fwPrintenv([a, b], 0x2000)).toBe(`version=${ours.env.vars[0].value}\n`);
    }
  });
});

describe('parseUbootEnv', () => {
  it('reads a mkenvimage image and reports the size and header form the CRC matched', () => {
    for (const size of [0x2000, 0x4000, 0x8000, 0x10000, 0x20000]) {
      for (const redundant of [false, true]) {
        for (const bigEndian of [false, true]) {
          const image = mkenvimage(boardVars, { size, bigEndian, ...(redundant ? { redundant: { flag: 1 } } : {}) });
          const env = parseUbootEnv(image);
          expect({ size: env.size, redundant: env.redundant, bigEndian: env.bigEndian, fill: env.fill }).toEqual({ size, redundant, bigEndian, fill: 0xff });
          expect(env.vars).toEqual(boardVars);
          if (redundant) expect(env.flag).toBe(1);
        }
      }
    }
  });

  it('finds a common size at the start of a larger region', () => {
    const region = new Uint8Array(0x30000).fill(0xff);
    region.set(mkenvimage(boardVars, { size: 0x10000, fill: 0 }));
    const env = parseUbootEnv(region);
    expect([env.size, env.redundant, env.fill]).toEqual([0x10000, false, 0]);
    expect(env.vars).toEqual(boardVars);
  });

  it('reports a CRC mismatch with the stored and computed values', () => {
    const image = mkenvimage(boardVars, { size: 0x2000 });
    const stored = image[0] + image[1] * 0x100 + image[2] * 0x10000 + image[3] * 0x1000000;
    image[100] ^= 0x01;
    const error = expectFormatError(() => parseUbootEnv(image, { size: 0x2000, redundant: false, bigEndian: false }), /^CRC mismatch: stored 0x[0-9a-f]{8} little-endian, computed 0x[0-9a-f]{8} over the 0x2000-byte environment with a 4-byte header$/);
    expect(error.message).toContain(`stored 0x${stored.toString(16).padStart(8, '0')}`);
    expect(error.offset).toBe(0);
    expectFormatError(() => parseUbootEnv(image), /^no U-Boot environment found: the CRC matches none of the sizes 0x2000 with a 4- or 5-byte header/);
  });

  it('reports data that is not terminated, with its offset', () => {
    const image = new Uint8Array(0x2000).fill(0x41);
    image.set([0, 0, 0, 0]);
    const crc = storedCrc(image, 4);
    image.set(crc, 0);
    const error = expectFormatError(() => parseUbootEnv(image, { size: 0x2000 }), /^data not terminated: the entry at 0x4 runs to the end of the environment \(0x2000\) without a NUL$/);
    expect(error.offset).toBe(4);
  });

  it('keeps variables in stored order and warns about entries U-Boot ignores', () => {
    const image = emitUbootEnv([{ name: 'b', value: '2' }, { name: 'a', value: '' }, { name: 'b', value: '3' }], { size: 0x2000 });
    expect(parseUbootEnv(image).vars).toEqual([{ name: 'b', value: '2' }, { name: 'a', value: '' }, { name: 'b', value: '3' }]);
    const raw = new Uint8Array(0x2000).fill(0xff);
    raw.set(Buffer.from('novalue\0=x\0ok=1\0\0'), 4);
    raw.set(storedCrc(raw, 4), 0);
    const env = parseUbootEnv(raw);
    expect(env.vars).toEqual([{ name: 'ok', value: '1' }]);
    expect(env.warnings).toEqual(['the entry "novalue" at 0x4 has no "=": U-Boot ignores it', 'the entry "=x" at 0xC has an empty name: U-Boot ignores it']);
  });

  it('refuses an input shorter than the size it is told', () => {
    const error = expectFormatError(() => parseUbootEnv(new Uint8Array(0x100), { size: 0x2000 }), /the input ends at 0x100/);
    expect(error.offset).toBe(0x100);
  });
});

/** The little-endian CRC field for the data from `start`, computed by zlib (node:zlib, not our crc32). */
function storedCrc(image: Uint8Array, start: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, zlibCrc32(image.subarray(start)), true);
  return out;
}

describe('selectRedundantCopy follows env_import_redund', () => {
  const a = (flag: number) => emitUbootEnv([{ name: 'copy', value: 'first' }], { size: 0x2000, redundant: { flag } });
  const b = (flag: number) => emitUbootEnv([{ name: 'copy', value: 'second' }], { size: 0x2000, redundant: { flag } });
  const pick = (x: Uint8Array, y: Uint8Array) => selectRedundantCopy(x, y).copy;

  it('takes the higher flag, 0 over 255, the first on a tie', () => {
    expect(pick(a(1), b(0))).toBe('first');
    expect(pick(a(0), b(1))).toBe('second');
    expect(pick(a(255), b(0))).toBe('second');
    expect(pick(a(0), b(255))).toBe('first');
    expect(pick(a(254), b(255))).toBe('second');
    expect(pick(a(9), b(9))).toBe('first');
  });

  it('takes the only valid copy, and refuses two bad ones', () => {
    const bad = b(5);
    bad[10] ^= 0xff;
    expect(selectRedundantCopy(a(0), bad)).toMatchObject({ copy: 'first', reason: expect.stringMatching(/^only the first copy has a valid CRC/) });
    expect(pick(bad, a(0))).toBe('second');
    expectFormatError(() => selectRedundantCopy(bad, bad), /^both copies are bad/);
  });
});

describe('round trips', () => {
  const anyVarsArb = fc.array(
    fc.record({
      name: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((name) => !name.includes('=') && !name.includes('\0')),
      value: fc.string({ unit: 'binary', maxLength: 30 }).filter((value) => !value.includes('\0')),
    }),
    { maxLength: 20 },
  );
  const optionsArb = fc.record({ redundant: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }), bigEndian: fc.boolean(), fill: fc.integer({ min: 0, max: 255 }) });

  it('variables → image → variables, and the image is stable', () => {
    fc.assert(
      fc.property(anyVarsArb, optionsArb, (vars, { redundant, bigEndian, fill }) => {
        const options = { size: 0x2000, bigEndian, fill, ...(redundant === undefined ? {} : { redundant: { flag: redundant } }) };
        const image = emitUbootEnv(vars, options);
        const env = parseUbootEnv(image, { size: 0x2000, redundant: redundant !== undefined, bigEndian });
        expect(env.vars).toEqual(vars);
        expect(env.warnings).toEqual([]);
        expect(env.flag).toBe(redundant);
        const again = emitUbootEnv(env.vars, { size: env.size, bigEndian: env.bigEndian, fill, ...(env.flag === undefined ? {} : { redundant: { flag: env.flag } }) });
        expect(Buffer.from(again).equals(Buffer.from(image))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('10,000 variables in a 128 KiB environment', () => {
    const vars = Array.from({ length: 10_000 }, (_, i) => ({ name: `v${i}`, value: String(i * 7) }));
    const env = parseUbootEnv(emitUbootEnv(vars, { size: 0x20000 }));
    expect(env.vars).toEqual(vars);
    expect(env.size).toBe(0x20000);
  });
});

describe('hostile inputs give only FormatError', () => {
  const tryParse = (bytes: Uint8Array) => {
    try {
      parseUbootEnv(bytes);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
    }
  };

  it('random bytes up to 16 KiB', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 0x4000 }), (bytes) => tryParse(bytes)), { numRuns: 300 });
  });

  it('every truncation and a bit flip in each of 512 positions of a valid image', () => {
    const image = emitUbootEnv(boardVars, { size: 0x2000, redundant: { flag: 1 } });
    for (let length = 0; length <= 0x2000; length += 61) tryParse(image.subarray(0, length));
    for (let at = 0; at < 512; at++) {
      const flipped = image.slice();
      flipped[at] ^= 1 << (at % 8);
      tryParse(flipped);
    }
  });

  it('a CRC-valid image whose data is all non-NUL bytes', () => {
    const image = new Uint8Array(0x2000).fill(0xc3);
    image.set(storedCrc(image, 4), 0);
    expectFormatError(() => parseUbootEnv(image), /^data not terminated/);
  });

  it('invalid emitter options and variables', () => {
    expectFormatError(() => emitUbootEnv([], { size: 4 }), /above the 4-byte header/);
    expectFormatError(() => emitUbootEnv([], { size: 2 ** 40 }), /at most 0x1000000/);
    expectFormatError(() => emitUbootEnv([], { size: 0x2000, fill: 256 }), /^fill must be a byte/);
    expectFormatError(() => emitUbootEnv([], { size: 0x2000, redundant: { flag: -1 } }), /^redundant flag must be a byte/);
    expectFormatError(() => emitUbootEnv([{ name: 'a=b', value: '' }], { size: 0x2000 }), /contains "="/);
    expectFormatError(() => emitUbootEnv([{ name: '', value: 'x' }], { size: 0x2000 }), /name is empty/);
    expectFormatError(() => emitUbootEnv([{ name: 'a', value: 'x\0y' }], { size: 0x2000 }), /value contains a NUL/);
    const long = 'n'.repeat(10_000);
    expect(expectFormatError(() => emitUbootEnv([{ name: `${long}=`, value: '' }], { size: 0x2000 })).message.length).toBeLessThan(120);
  });
});
