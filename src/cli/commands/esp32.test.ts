/**
 * `flashmap esp32` as a drop-in for gen_esp32part.py v6.0.2: every case of the conformance corpus
 * (../shared/conformance/esp32/cases and messages) and every recorded answer of the reference
 * tool (src/test-support/gen-esp32part) gets the tool's exact standard error, output and exit
 * status, except that where the tool crashed (exit 1) we exit 2 with one line; `--locate` adds
 * where each problem is. In-process through runCli, and once as a real process.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test-support/shared';
import { esp32Cases, ESP32_CASES_DIR, ESP32_MESSAGES_DIR, type Esp32Case } from '../../test-support/esp32-cases';
import { referenceAnswers } from '../../test-support/gen-esp32part';
import type { CliIo } from '../io';
import { runCli } from '../run';

interface Captured extends CliIo {
  stdoutChunks: Array<string | Uint8Array>;
  err: string;
  files: Map<string, Uint8Array | string>;
}

/** Files in memory, or (`disk`) read from disk and written to the map; output captured. */
function io(files: Record<string, Uint8Array | string> = {}, stdin: Uint8Array = new Uint8Array(), { disk = false, helpWidth = 78 } = {}): Captured {
  const captured: Captured = {
    stdoutChunks: [],
    err: '',
    files: new Map(Object.entries(files)),
    stdout: (data) => void captured.stdoutChunks.push(data),
    stderr: (text) => void (captured.err += text),
    readFile(path) {
      if (disk) return new Uint8Array(readFileSync(path));
      const data = captured.files.get(path);
      if (data === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return typeof data === 'string' ? new Uint8Array(Buffer.from(data)) : data;
    },
    writeFile: (path, data) => void captured.files.set(path, data),
    readStdin: () => stdin,
    helpWidth: () => helpWidth,
  };
  return captured;
}

const text = (c: Captured) => c.stdoutChunks.map((chunk) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'))).join('');
const bytes = (c: Captured) => new Uint8Array(Buffer.concat(c.stdoutChunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk))));
const asBytes = (data: Uint8Array | string | undefined) => (typeof data === 'string' ? new Uint8Array(Buffer.from(data)) : data);

const cases = esp32Cases();
const messages = esp32Cases(ESP32_MESSAGES_DIR);
const corpus = [...cases, ...messages];
const byName = (name: string) => corpus.find((c) => c.name === name)!;

/** The case's options, then -q and the files (after `--`, which ends --extra-partition-subtypes' values). */
async function convert(testCase: Esp32Case, input: Uint8Array, extra: string[] = []) {
  const run = io({ in: input });
  const status = await runCli(['esp32', ...testCase.args, ...extra, '-q', '--', 'in', 'out'], run);
  return { status, err: run.err, out: asBytes(run.files.get('out')) };
}

describe('the conformance corpus: the tool\'s words, status and bytes', () => {
  it('reads the 53 tables of cases/ and the 22 of messages/', () => {
    expect(cases).toHaveLength(53);
    expect(messages).toHaveLength(22);
  });

  const rejected = corpus.filter((c) => c.expectedError);
  it.each(rejected.map((c) => [c.name, c] as const))('%s: rejected with the tool\'s standard error and exit status', async (_name, testCase) => {
    const { exit, text: expected } = testCase.expectedError!;
    const { status, err, out } = await convert(testCase, testCase.input);
    expect(out).toBeUndefined();
    if (exit === 1) {
      // The tool crashed with a Python exception: one clean line and exit 2 instead.
      expect(status).toBe(2);
      expect(err).toMatch(/^[^\n]+\n$/);
    } else {
      expect(status).toBe(exit);
      expect(err).toBe(expected);
    }
  });

  const accepted = corpus.filter((c) => !c.expectedError);
  it.each(accepted.map((c) => [c.name, c] as const))('%s: the tool\'s binary, its CSV back, and its warnings or none', async (_name, testCase) => {
    const toBinary = await convert(testCase, testCase.input);
    expect(toBinary.status).toBe(0);
    expect(toBinary.err).toBe(testCase.expectedWarningsText ?? '');
    expect(toBinary.out).toEqual(testCase.expectedBin);

    const back = await convert(testCase, testCase.expectedBin!);
    if (testCase.expectedCsvError) {
      expect(back.status).toBe(testCase.expectedCsvError.exit === 1 ? 2 : testCase.expectedCsvError.exit);
    } else {
      expect(back.status).toBe(0);
      expect(Buffer.from(back.out!).toString('utf8')).toBe(testCase.expectedCsv);
    }
  });

  it('has rejected cases with a hint line, with context rows, and accepted ones with warnings', () => {
    expect(rejected.filter((c) => c.expectedError!.text.includes('\nPlease check extra_partition_subtypes.inc')).length).toBeGreaterThan(5);
    expect(rejected.some((c) => c.expectedError!.text.startsWith('A list of partitions that have the same name:'))).toBe(true);
    expect(accepted.filter((c) => c.expectedWarningsText).length).toBeGreaterThan(0);
  });
});

/** 1-based column where `field` starts on line `line` of the case's input. */
function columnOf(testCase: Esp32Case, line: number, field: string): number {
  const row = Buffer.from(testCase.input).toString('utf8').split('\n')[line - 1];
  return row.indexOf(field) + 1;
}

describe('--locate: the same words, and where the problem is', () => {
  it('adds the partition and column to a line error, keeping the hint line', async () => {
    const badHex = byName('err-bad-hex');
    const [first, hint] = badHex.expectedError!.text.split('\n');
    const { status, err } = await convert(badHex, badHex.input, ['--locate']);
    expect(status).toBe(2);
    expect(err).toBe(`${first} (partition "nvs", column ${columnOf(badHex, 2, '0x9G00')})\n${hint}\n`);
  });

  it('adds the partition and column to an overlap, and the partition and line to a check', async () => {
    const zigbee = byName('arduino-zigbee-zczr');
    const overlap = await convert(zigbee, zigbee.input, ['--locate']);
    expect(overlap.err).toBe(`${zigbee.expectedError!.text.trimEnd()} (partition "spiffs", column ${columnOf(zigbee, 6, '0x28F000')})\n`);

    const secure = byName('err-secure-app-size');
    const check = await convert(secure, secure.input, ['--locate']);
    expect(check.err).toBe(`${secure.expectedError!.text.trimEnd()} (partition "factory", line 2)\n`);
  });

  it('keeps the rows printed before an error as they are', async () => {
    const duplicate = byName('err-duplicate-name');
    const lines = duplicate.expectedError!.text.trimEnd().split('\n');
    const { err } = await convert(duplicate, duplicate.input, ['--locate']);
    expect(err).toBe([...lines.slice(0, -1), `${lines.at(-1)} (partition "store", line 4)`].join('\n') + '\n');
  });

  it('is ours, not an option of the tool: after `--` it is a file name', async () => {
    const run = io({ '--locate': byName('idf-two-ota').input });
    expect(await runCli(['esp32', '-q', '--', '--locate', 'out'], run)).toBe(0);
    expect(asBytes(run.files.get('out'))).toEqual(byName('idf-two-ota').expectedBin);
  });
});

describe("gen_esp32part.py's recorded answers beyond the corpus (argparse, options, encodings, long tables, binaries)", () => {
  const answers = referenceAnswers();
  const dir = mkdtempSync(join(tmpdir(), 'flashmap-esp32-answers-'));

  it.each(answers.map((a) => [a.name, a] as const))('%s', async (_name, answer) => {
    const input = join(dir, `${answer.name.replace(/\W+/g, '-')}.in`);
    const output = join(dir, `${answer.name.replace(/\W+/g, '-')}.out`);
    writeFileSync(input, answer.input);
    const run = io({}, new Uint8Array(), { disk: true, helpWidth: (answer.columns ?? 80) - 2 });
    const args = answer.args.map((word) => (word === 'IN' ? input : word === 'OUT' ? output : word));
    const status = await runCli(['esp32', ...args], run);
    const err = run.err.replaceAll(input, 'IN').replaceAll(output, 'OUT');
    if (answer.status === 1) {
      // The tool printed this much, then stopped with a Python exception: we add one line, exit 2.
      expect(status).toBe(2);
      expect(err.startsWith(answer.stderr)).toBe(true);
      expect(err.slice(answer.stderr.length)).toMatch(/^[^\n]+\n$/);
      return;
    }
    expect(status).toBe(answer.status);
    expect(err).toBe(answer.stderr);
    expect(bytes(run)).toEqual(answer.stdout);
    expect(asBytes(run.files.get(output)) ?? null).toEqual(answer.file);
  });

  it('include help, usage errors, crashes and tables of more than 94 rows', () => {
    expect(answers.filter((a) => a.stderr.includes('gen_esp32part.py: error:')).length).toBeGreaterThan(10);
    expect(answers.filter((a) => a.status === 1).length).toBeGreaterThan(3);
    expect(answers.some((a) => Buffer.from(a.stdout).toString().startsWith('usage: gen_esp32part.py [-h]'))).toBe(true);
    expect(answers.some((a) => a.stderr.includes('Binary partition table length (3232) longer than max'))).toBe(true);
  });
});

describe('flashmap esp32 (in-process)', () => {
  const twoOta = byName('idf-two-ota');

  it('prints the progress lines without -q, and writes CSV to standard output for a binary', async () => {
    const run = io({ 'in.csv': twoOta.input });
    expect(await runCli(['esp32', '--flash-size', '4MB', 'in.csv', 'out.bin'], run)).toBe(0);
    expect(run.files.get('out.bin')).toEqual(twoOta.expectedBin);
    expect(run.err).toBe('Parsing CSV input...\nVerifying table...\n');

    const back = io({ 'out.bin': twoOta.expectedBin! });
    expect(await runCli(['esp32', '-q', 'out.bin'], back)).toBe(0);
    expect(text(back)).toBe(twoOta.expectedCsv);
    expect(back.err).toBe('');
  });

  it('writes binary to standard output for OUTPUT "-" or none, and reads standard input for INPUT "-"', async () => {
    const run = io({}, twoOta.input);
    expect(await runCli(['esp32', '-q', '-', '-'], run)).toBe(0);
    expect(bytes(run)).toEqual(twoOta.expectedBin);
  });
});

describe('flashmap esp32 (a real process)', () => {
  it('converts a table and rejects an invalid one with the tool\'s words and exit status 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmap-esp32-'));
    mkdirSync(join(dir, 'build'));
    const output = join(dir, 'build', 'partition_table', 'partition-table.bin');
    const ok = spawnSync('node', ['bin/flashmap.js', 'esp32', '-q', '--flash-size', '4MB', join(ESP32_CASES_DIR, 'idf-two-ota', 'input.csv'), output], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(new Uint8Array(readFileSync(output))).toEqual(byName('idf-two-ota').expectedBin);

    const zigbee = byName('arduino-zigbee-zczr');
    const bad = spawnSync('node', ['bin/flashmap.js', 'esp32', '-q', join(ESP32_CASES_DIR, 'arduino-zigbee-zczr', 'input.csv'), '-'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(zigbee.expectedError!.exit);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(zigbee.expectedError!.text);
  });
});
