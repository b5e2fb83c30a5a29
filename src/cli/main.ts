/** Entry point of the flashmap command in Node. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runCli } from './run';
import type { CliIo } from './io';

const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path),
  writeFile: (path, data) => {
    // Like gen_esp32part.py, create the output's directory (build/partition_table/...) if needed.
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  },
  readStdin: () => readFileSync(0),
};

process.exitCode = await runCli(process.argv.slice(2), nodeIo);
