/** Validation speed: placing and checking layouts of 16, 256 and 4096 partitions (aim: < 1 ms at 256). */
import { type LayoutDocument } from '../../src/index';
import { measure, type BenchResult } from './measure';
import { validate } from '../../src/families';

/** A NOR layout of `count` 64 KiB partitions with auto offsets, a few of them misaligned and overlapping. */
export function syntheticLayout(count: number): LayoutDocument {
  const size = 64 * 1024;
  return {
    format: 'flashmap',
    version: 1,
    name: `synthetic ${count}`,
    device: { family: 'nor', size: count * size * 2, geometry: { eraseBlock: 4096, pageSize: 256 } },
    areas: [{ id: 'flash', name: 'Flash', space: 'main', start: 0, size: 'rest' }],
    partitions: Array.from({ length: count }, (_, i) => ({
      id: `p${i}`,
      name: `part${i}`,
      area: 'flash',
      offset: i % 50 === 7 ? i * size + 0x800 : 'auto',
      size: i % 64 === 3 ? size + 0x100 : size,
      kind: 'data' as const,
    })),
  };
}

export async function run(): Promise<BenchResult[]> {
  return [16, 256, 4096].map((count) => {
    const document = syntheticLayout(count);
    const { median, samples } = measure(() => validate(document), { minSamples: count > 1000 ? 20 : 200 });
    return { name: `validate ${count} partitions (place + all rules)`, unit: 'ms', median, samples };
  });
}
