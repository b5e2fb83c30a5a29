/** Our copies of Python's formatting, checked against python3 itself (the interpreter bmaptool runs on). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { debianTool, runTool } from '../../test-support/debian';
import { humanSize, pyFixed1 } from './python-format';

const python = debianTool('python3', 'python3-minimal');
// human_size comes from bmaptool's own module.
debianTool('bmaptool', 'bmap-tools');

/** Python's own answers, one per line, for the given expressions (one process for all). */
function pythonSays(expressions: string[]): string[] {
  const program = `import sys\nfrom bmaptools.BmapHelpers import human_size\nfor line in sys.stdin.read().splitlines():\n    print(eval(line))\n`;
  return runTool(python, ['-c', program], expressions.join('\n')).stdout.split('\n').slice(0, expressions.length);
}

describe('Python number formatting', () => {
  it('formats "%.1f" like Python, ties to even included', () => {
    const values = [0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.75, 1.25, 2.5, 99.95, 99.25, 100, 12.75, 1e-9, 0.0499999];
    const ratios = fc.sample(fc.tuple(fc.integer({ min: 0, max: 1 << 20 }), fc.integer({ min: 1, max: 1 << 20 })), { numRuns: 400, seed: 7 });
    const expressions = [...values.map((v) => `'%.1f' % ${v}`), ...ratios.map(([mapped, total]) => `'%.1f' % ((${mapped} * 100.0) / ${total})`)];
    const ours = [...values.map(pyFixed1), ...ratios.map(([mapped, total]) => pyFixed1((mapped * 100) / total))];
    expect(ours).toEqual(pythonSays(expressions));
  });

  it('formats sizes like bmaptools human_size, up to EiB', () => {
    const sizes = [0, 1, 2, 511, 512, 1023, 1024, 1280, 1536, 10485760, 2 ** 40 * 1023.96, 2 ** 50, 2 ** 53 - 1, 1048575, 1073741823];
    const random = fc.sample(fc.oneof(fc.integer({ min: 0, max: 1 << 30 }), fc.maxSafeNat()), { numRuns: 400, seed: 11 });
    const all = [...sizes.map(Math.floor), ...random];
    expect(all.map(humanSize)).toEqual(pythonSays(all.map((size) => `human_size(${size})`)));
  });
});
