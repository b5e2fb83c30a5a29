import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { readShared } from '../../test-support/shared';
import { parseMtdparts, parseMtdpartsList } from './parse';
import type { MtdPartition } from './records';

const part = (size: MtdPartition['size'], name?: string, extra: Partial<MtdPartition> = {}): MtdPartition => ({
  size,
  ...(name === undefined ? {} : { name }),
  readOnly: false,
  lock: false,
  slc: false,
  ...extra,
});

function errorOf(run: () => unknown): FormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('parseMtdparts: reference strings', () => {
  it('reads the SYS list that the PurPle-Pi [[set_partition.es appends to $(mtdparts)', () => {
    // corpus/sstar/scripts/industio-PurPle-Pi-R1/set_partition.es, line 3.
    const line = readShared('corpus/sstar/scripts/industio-PurPle-Pi-R1/set_partition.es').split('\n')[2];
    const list = line.slice(line.indexOf('$(mtdparts),') + '$(mtdparts),'.length);
    expect(parseMtdpartsList(list)).toEqual([
      part(0x20000, 'KEY_CUST'),
      part(0x60000, 'LOGO'),
      part(0x500000, 'KERNEL'),
      part(0x500000, 'RECOVERY'),
      part('rest', 'UBI'),
    ]);
  });

  it("reads the spec's U-Boot string for the SSD202 256 MiB NAND (first offset with @)", () => {
    // specs/sigmastar-alkaid.md §3, "U-Boot mtdparts then reads `...`"; §2 gives the "mtdparts=nand0:" head.
    const spec = readShared('specs/sigmastar-alkaid.md');
    const list = /U-Boot mtdparts then reads\n`([^`]+)`/.exec(spec)?.[1] ?? '';
    const [device] = parseMtdparts(`mtdparts=nand0:${list}`);
    expect(device.id).toBe('nand0');
    expect(device.partitions).toEqual([
      part(0x140000, 'CIS', { offset: 0 }),
      part(0x60000, 'IPL0'),
      part(0x60000, 'IPL1'),
      part(0x60000, 'IPL_CUST0'),
      part(0x60000, 'IPL_CUST1'),
      part(0xc0000, 'UBOOT0'),
      part(0xc0000, 'UBOOT1'),
      part(0x60000, 'ENV0'),
    ]);
  });

  it("reads the kernel's documented examples (cmdlinepart.c header comment)", () => {
    expect(parseMtdparts('edb7312-nor:-')).toEqual([{ id: 'edb7312-nor', partitions: [part('rest')] }]);
    expect(parseMtdparts('mtdparts=edb7312-nor:256k(ARMboot)ro,-(root);edb7312-nand:-(home)')).toEqual([
      { id: 'edb7312-nor', partitions: [part(256 * 1024, 'ARMboot', { readOnly: true }), part('rest', 'root')] },
      { id: 'edb7312-nand', partitions: [part('rest', 'home')] },
    ]);
  });
});

describe('parseMtdparts: the kernel grammar', () => {
  it('reads sizes with memparse: base 0 numbers and case-insensitive K M G T P suffixes', () => {
    const sizes = parseMtdpartsList('1k,1K,2m,2M,1g,1G,1t,1T,1p,3P,0x10,0X1f,010,7').map((p) => p.size);
    expect(sizes).toEqual([1024, 1024, 2 * 2 ** 20, 2 * 2 ** 20, 2 ** 30, 2 ** 30, 2 ** 40, 2 ** 40, 2 ** 50, 3 * 2 ** 50, 16, 31, 8, 7]);
    // E (2^60) is a memparse suffix too, but every size with it is past 2^53 - 1.
    expect(() => parseMtdpartsList('1e')).toThrow(/larger than 2\^53 - 1/);
    // "0x" without a hex digit is the octal 0 followed by "x", as simple_strtoull reads it.
    expect(() => parseMtdpartsList('0x')).toThrow(/partition has size 0/);
  });

  it('reads offsets, names and the ro/lk/slc flags in that order', () => {
    expect(parseMtdpartsList('0x100@0x200(a)rolkslc,0x100(b)lk,0x100slc,0x100@4k')).toEqual([
      part(0x100, 'a', { offset: 0x200, readOnly: true, lock: true, slc: true }),
      part(0x100, 'b', { lock: true }),
      part(0x100, undefined, { slc: true }),
      part(0x100, undefined, { offset: 4096 }),
    ]);
  });

  it('lets names hold any character but ")", and ids hold ":" (the last ":" before the first "(")', () => {
    expect(parseMtdparts('spi0.0:a:1M(a:b;c,d(e)')).toEqual([{ id: 'spi0.0:a', partitions: [part(2 ** 20, 'a:b;c,d(e')] }]);
    expect(parseMtdparts('x:1M();y:-')).toEqual([
      { id: 'x', partitions: [part(2 ** 20, '')] },
      { id: 'y', partitions: [part('rest')] },
    ]);
  });

  it('locates errors with what was expected and found', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['nand0', 1, /no mtd-id/],
      ['nand0:', 7, /expected a partition size .* found the end/],
      ['nand0:0(x)', 7, /partition has size 0/],
      ['nand0:(x)', 7, /expected a partition size/],
      ['nand0:1M(x', 9, /no closing \)/],
      ['nand0:-(a),1M(b)', 11, /no partitions allowed after a fill-up partition/],
      ['nand0:1M@(a)', 10, /expected an offset after "@"/],
      ['nand0:1M(a)lkro', 14, /bad character after partition.*"ro"/],
      ['nand0:1Mi', 9, /bad character after partition/],
      // simple_strtoull reads "08" as the octal 0 and "018" as 1 then "8".
      ['nand0:08', 7, /partition has size 0/],
      ['nand0:018', 9, /bad character after partition.*"8"/],
      ['nand0:1M;', 10, /no mtd-id/],
      ['nand0:1M ', 9, /bad character/],
      ['nand0:9007199254740992', 7, /larger than 2\^53 - 1/],
      ['nand0:8192T', 7, /larger than 2\^53 - 1/],
    ];
    for (const [text, column, message] of cases) {
      const error = errorOf(() => parseMtdparts(text));
      expect(error.column, text).toBe(column);
      expect(error.message, text).toMatch(message);
    }
  });

  it('stops at the 1025th partition with its column', () => {
    const text = `nand0:${Array.from({ length: 10_000 }, () => '4k').join(',')}`;
    const error = errorOf(() => parseMtdparts(text));
    expect(error.message).toMatch(/more than 1024 partitions/);
    expect(error.column).toBe('nand0:'.length + 1024 * 3 + 1);
  });

  it('cuts quoted input in messages', () => {
    const error = errorOf(() => parseMtdparts(`nand0:1M${'x'.repeat(1_000_000)}`));
    expect(error.message.length).toBeLessThan(200);
  });
});
