/** Timing helpers for the benchmarks: warm up, then take the median of many samples. */
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  name: string;
  unit: 'ms';
  median: number;
  samples: number;
  peer?: { name: string; median: number };
  /** A process this one is measured against in turns (`node -e 0`), with median / its median. */
  baseline?: { name: string; median: number; ratio: number; target: number };
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `body` until `minSamples` samples and at least `minMillis` have passed; returns the median. */
export function measure(body: () => void, { warmup = 20, minSamples = 30, minMillis = 300 } = {}): { median: number; samples: number } {
  for (let i = 0; i < warmup; i++) body();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < minSamples || performance.now() - started < minMillis) {
    const t0 = performance.now();
    body();
    samples.push(performance.now() - t0);
  }
  return { median: median(samples), samples: samples.length };
}
