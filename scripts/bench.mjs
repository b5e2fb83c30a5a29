#!/usr/bin/env node
// `npm run bench`: runs every scripts/bench/*.bench.ts in this process (through tsx), prints
// medians (and ratios against a peer tool when one was run), writes reports/bench.json.
// Speed is measured here, never with timing asserts in tests.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'scripts', 'bench');
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.includes(name)))
  .sort();

const results = [];
for (const file of files) {
  const module = await import(pathToFileURL(join(benchDir, file)).href);
  console.log(`\n# ${file}`);
  for (const result of await module.run()) {
    results.push({ file, ...result });
    const ratio = result.peer ? result.peer.median / result.median : 1;
    const speed = ratio >= 1 ? `${ratio.toFixed(1)}× faster` : `${(1 / ratio).toFixed(1)}× slower`;
    const peer = result.peer ? `  vs ${result.peer.name} ${result.peer.median.toFixed(3)} ${result.unit} (we are ${speed})` : '';
    console.log(`${result.name.padEnd(58)} median ${result.median.toFixed(result.median < 1 ? 4 : 2)} ${result.unit}  (n=${result.samples})${peer}`);
    if (result.baseline) {
      const { name, median, ratio, target } = result.baseline;
      console.log(`  ${ratio.toFixed(3)}× ${name} (${median.toFixed(2)} ${result.unit}, run in turns with it; target at most ${target}×: ${ratio <= target ? 'met' : 'NOT met'})`);
    }
    if (result.note) console.log(`  ${result.note}`);
  }
}

mkdirSync(join(root, 'reports'), { recursive: true });
const machine = { node: process.version, platform: process.platform, arch: process.arch, date: new Date().toISOString() };
writeFileSync(join(root, 'reports', 'bench.json'), JSON.stringify({ machine, results }, null, 2) + '\n');
console.log('\nwritten reports/bench.json');
