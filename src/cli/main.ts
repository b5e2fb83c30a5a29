/** Entry point of the flashmap command in Node. */
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from './run';
import type { CliIo } from './io';

const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path),
  writeFile: (path, data) => writeFileSync(path, data),
  readStdin: () => readFileSync(0),
};

process.exitCode = await runCli(process.argv.slice(2), nodeIo);
