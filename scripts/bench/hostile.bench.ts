/**
 * Hostile sizes at N = 1,000 / 10,000 / 100,000: validation of N partitions at offset 0, of N
 * partitions with one name, of N ESP32 rows in descending order, and reading a CSV of N lines.
 * Each note shows the growth from one size to the next (10× the input should cost about 10×).
 */
import { parseCsv } from '../../src/codecs/esp32/csv';
import { validate } from '../../src/families';
import { csvOfLines, esp32RowsReversed, overlappingAtZero, sameNames } from '../../src/test-support/hostile';
import { measure, type BenchResult } from './measure';

const SIZES = [1_000, 10_000, 100_000];

function series(label: string, build: (n: number) => () => void): BenchResult[] {
  const results: BenchResult[] = [];
  for (const n of SIZES) {
    const body = build(n);
    const { median, samples } = measure(body, { warmup: 2, minSamples: n >= 100_000 ? 5 : 15, minMillis: 200 });
    const previous = results[results.length - 1];
    const note = previous ? `growth ×${(median / previous.median).toFixed(1)} for ×10 input` : undefined;
    results.push({ name: `${label}, N = ${n.toLocaleString('en')}`, unit: 'ms', median, samples, note });
  }
  return results;
}

function expectFailure(body: () => void): () => void {
  return () => {
    try {
      body();
    } catch {
      return;
    }
    throw new Error('expected the input to be refused');
  };
}

export async function run(): Promise<BenchResult[]> {
  return [
    ...series('validate N overlapping partitions (all at 0)', (n) => {
      const document = overlappingAtZero(n);
      return () => validate(document);
    }),
    ...series('validate N partitions with one name', (n) => {
      const document = sameNames(n);
      return () => validate(document);
    }),
    ...series('validate N ESP32 rows in descending order', (n) => {
      const document = esp32RowsReversed(n);
      return () => validate(document);
    }),
    ...series('read a CSV of N lines (stops at the 95-row limit)', (n) => {
      const text = csvOfLines(n);
      return expectFailure(() => parseCsv(text));
    }),
  ];
}
