import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { sharedPath } from '../../test-support/shared';
import { readPartitionConfig } from './config';
import { evaluateMake } from './evaluate';

const CONFIGS = readdirSync(sharedPath('corpus/sstar/configs')).map((name) => new Uint8Array(readFileSync(sharedPath('corpus/sstar/configs', name))));

function errorOf(run: () => unknown): FormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

/** Either a result or a FormatError whose line and column lie inside the input. */
function onlyFormatErrors(input: string | Uint8Array): void {
  try {
    readPartitionConfig(input, { FLASH_SIZE: '16M' });
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    const { line, column, offset } = error as FormatError;
    if (offset === undefined) {
      expect(line).toBeGreaterThanOrEqual(1);
      expect(column).toBeGreaterThanOrEqual(1);
    }
    expect((error as Error).message.length).toBeLessThan(400);
  }
}

describe('hostile partition.config input', () => {
  it('random make-like text (up to 300 characters) gives a result or a located FormatError', () => {
    const alphabet = fc.constantFrom(...'$(){},:=+?!#\\ \t\nabcAB_01ifeqndlsx"\'@%'.split(''), 'ifeq ', 'else', 'endif', '$(call multiplyhex,', 'ipl$(PATSIZE)', '\r\n');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 300 }).map((parts) => parts.join('')), onlyFormatErrors), { numRuns: 3000 });
    fc.assert(fc.property(fc.string({ maxLength: 300 }), onlyFormatErrors), { numRuns: 500 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), onlyFormatErrors), { numRuns: 500 });
  });

  it('truncations and bit flips of the corpus configs give a result or a FormatError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONFIGS), fc.nat(), fc.integer({ min: 0, max: 7 }), (bytes, at, bit) => {
        const cut = at % (bytes.length + 1);
        onlyFormatErrors(bytes.slice(0, cut));
        const flipped = bytes.slice();
        if (cut < flipped.length) flipped[cut] ^= 1 << bit;
        onlyFormatErrors(flipped);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads 100,000 assignment lines, and 100,000 appends to one variable', () => {
    // Runs of 100 variables, each one the previous plus a "y".
    const many = evaluateMake(Array.from({ length: 100_000 }, (_, i) => (i % 100 === 0 ? `V${i} = x` : `V${i} = $(V${i - 1})y`)).join('\n'));
    expect(many.variables.size).toBe(100_000);
    expect(many.variables.get('V199')?.value).toBe(`x${'y'.repeat(99)}`);
    const appended = evaluateMake(Array.from({ length: 100_000 }, () => 'A += w').join('\n'));
    expect(appended.variables.get('A')?.value.length).toBe(100_000 * 2 - 1);
  });

  it('stops a chain of 100,000 variables each naming the next at 200 levels', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `V${i} = $(V${i + 1})`).join('\n');
    expect(errorOf(() => evaluateMake(text)).message).toMatch(/more than 200 levels deep/);
  });

  it('stops doubling expansions with a budget that grows with the input, at the line where it ran out', () => {
    const doubling = ['A0 = xxxxxxxxxxxxxxxx', ...Array.from({ length: 80 }, (_, i) => `A${i + 1} = $(A${i})$(A${i})`)].join('\n');
    const error = errorOf(() => evaluateMake(doubling));
    expect(error.message).toMatch(/takes more than \d+ steps/);
    expect(error.line).toBeGreaterThan(1);
    const immediate = ['B0 := yyyyyyyyyyyyyyyy', ...Array.from({ length: 80 }, (_, i) => `B${i + 1} := $(B${i})$(B${i})`)].join('\n');
    expect(errorOf(() => evaluateMake(immediate)).message).toMatch(/takes more than \d+ steps/);
  });

  it('reports 100,000 nested ifeq without endif at the line of the innermost one', () => {
    const error = errorOf(() => evaluateMake(Array.from({ length: 100_000 }, () => 'ifeq (a,a)').join('\n')));
    expect([error.line, error.column]).toEqual([100_000, 1]);
    expect(error.message).toMatch(/missing 'endif'/);
  });

  it('stops references nested 10,000 deep at 64 levels', () => {
    const text = `A = ${'$(a'.repeat(10_000)}${')'.repeat(10_000)}`;
    expect(errorOf(() => evaluateMake(text)).message).toMatch(/nest deeper than 64 levels/);
  });

  it('fails fast on a 2 MB unterminated reference and keeps the message short', () => {
    const error = errorOf(() => evaluateMake(`A := $(${'x'.repeat(2_000_000)}`));
    expect(error.message).toMatch(/unterminated variable reference/);
    const rule = errorOf(() => evaluateMake(`${'y'.repeat(2_000_000)}: z`));
    expect(rule.message.length).toBeLessThan(200);
  });

  it('reports bytes that are not UTF-8 with their offset', () => {
    expect(errorOf(() => evaluateMake(Uint8Array.of(0x41, 0x3d, 0xff))).offset).toBe(2);
  });
});
