/** `flashmap esp32` as a drop-in for gen_esp32part.py: in-process through runCli, and once as a real process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test-support/shared';
import { esp32Cases, ESP32_CASES_DIR } from '../../test-support/esp32-cases';
import type { CliIo } from '../io';
import { runCli } from '../run';

interface Captured extends CliIo {
  stdoutChunks: Array<string | Uint8Array>;
  err: string;
  files: Map<string, Uint8Array | string>;
}

function io(files: Record<string, Uint8Array | string> = {}, stdin: Uint8Array = new Uint8Array()): Captured {
  const captured: Captured = {
    stdoutChunks: [],
    err: '',
    files: new Map(Object.entries(files)),
    stdout: (data) => void captured.stdoutChunks.push(data),
    stderr: (text) => void (captured.err += text),
    readFile(path) {
      const data = captured.files.get(path);
      if (data === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return typeof data === 'string' ? new Uint8Array(Buffer.from(data)) : data;
    },
    writeFile: (path, data) => void captured.files.set(path, data),
    readStdin: () => stdin,
  };
  return captured;
}

const text = (c: Captured) => c.stdoutChunks.map((chunk) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'))).join('');
const bytes = (c: Captured) => new Uint8Array(Buffer.concat(c.stdoutChunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk))));
const byName = (name: string) => esp32Cases().find((c) => c.name === name)!;

describe('flashmap esp32 (in-process)', () => {
  const twoOta = byName('idf-two-ota');

  it('writes the binary table for a CSV and the normalised CSV for a binary, like gen_esp32part.py', async () => {
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

  it('takes options before the files, -o for --offset, and a bare --secure as v1', async () => {
    const efuse = byName('idf-efuse-emul-bootloader');
    const run = io({ 'in.csv': efuse.input });
    expect(await runCli(['esp32', '-o', '0xC000', '--primary-bootloader-offset', '0x1000', '-q', 'in.csv'], run)).toBe(0);
    expect(bytes(run)).toEqual(efuse.expectedBin);

    const secure = io({ 'in.csv': 'app,app,factory,,0x101000\n' });
    expect(await runCli(['esp32', '--secure', 'in.csv', 'out.bin'], secure)).toBe(2);
    expect(secure.err).toMatch(/^Partition app invalid: Size 0x101000 is not aligned to 0x10000/m);
    const v2 = io({ 'in.csv': 'app,app,factory,,0x101000\n' });
    expect(await runCli(['esp32', '--secure', 'v2', 'in.csv', 'out.bin'], v2)).toBe(0);
  });

  it('lets --extra-partition-subtypes take every following word, up to --', async () => {
    const custom = byName('idf-custom-subtypes');
    const run = io({ 'in.csv': custom.input });
    expect(await runCli(['esp32', '-q', '--extra-partition-subtypes', 'app,my_app1,0x40', 'app,my_app2,41', '--', 'in.csv', 'out.bin'], run)).toBe(0);
    expect(run.files.get('out.bin')).toEqual(custom.expectedBin);
    const swallowed = io({ 'in.csv': custom.input });
    expect(await runCli(['esp32', '--extra-partition-subtypes', 'app,my_app1,0x40', 'in.csv'], swallowed)).toBe(2);
    expect(swallowed.err).toMatch(/expected TYPE,NAME,HEX .* got 'in.csv'/);
  });

  it('exits 2 for an invalid table, naming the line and the partition', async () => {
    const zigbee = byName('arduino-zigbee-zczr');
    const run = io({ 'in.csv': zigbee.input });
    expect(await runCli(['esp32', '-q', 'in.csv', 'out.bin'], run)).toBe(2);
    expect(run.err).toBe('CSV Error at line 6: Partitions overlap. Partition sets offset 0x28f000. Previous partition ends 0x290000 (partition "spiffs", column 28)\n');
    expect(run.files.has('out.bin')).toBe(false);
  });

  it('prints the rows before a duplicate-name error, and warnings as it goes', async () => {
    const run = io({ 'in.csv': 'app,data,fat,,4K\nx,data,fat,,4K\nx,data,fat,,8K\n' });
    expect(await runCli(['esp32', '-q', 'in.csv', 'out.bin'], run)).toBe(2);
    expect(run.err).toBe(
      "WARNING: Partition has name 'app' which is a partition type, but does not match this partition's type (0x1). Mistake in partition table?\n" +
        'A list of partitions that have the same name:\nx,data,fat,0xa000,4K,\nx,data,fat,0xb000,8K,\nPartition names must be unique (partition "x", line 3)\n',
    );
  });

  it('skips the checks with --no-verify but still checks the flash size', async () => {
    const csv = 'nvs,data,nvs,,0x1000\nbig,app,factory,,4M\n';
    expect(await runCli(['esp32', '-q', 'in.csv', 'out.bin'], io({ 'in.csv': csv }))).toBe(2);
    expect(await runCli(['esp32', '-q', '--no-verify', 'in.csv', 'out.bin'], io({ 'in.csv': csv }))).toBe(0);
    const tooBig = io({ 'in.csv': csv });
    expect(await runCli(['esp32', '-q', '--no-verify', '--flash-size', '4MB', 'in.csv', 'out.bin'], tooBig)).toBe(2);
    expect(tooBig.err).toMatch(/^Partitions tables occupies 4\.1MB of flash \(4259840 bytes\) which does not fit in configured flash size 4MB\./);
  });

  it('refuses a bootloader at or above the table, and bad option values, with exit 2', async () => {
    const run = io({ 'in.csv': 'nvs,data,nvs,,0x6000\n' });
    expect(await runCli(['esp32', '--primary-bootloader-offset', '0x8000', 'in.csv'], run)).toBe(2);
    expect(run.err).toBe('Unsupported configuration. Primary bootloader must be below partition table. Check --primary-bootloader-offset=0x8000 and --offset=0x8000\n');
    const badSize = io({ 'in.csv': 'x' });
    expect(await runCli(['esp32', '--flash-size', '3MB', 'in.csv'], badSize)).toBe(2);
    expect(badSize.err).toMatch(/invalid choice: '3MB'/);
    expect(await runCli(['esp32', '--offset', '0x8g', 'in.csv'], io({ 'in.csv': 'x' }))).toBe(2);
    expect(await runCli(['esp32'], io())).toBe(2);
    expect(await runCli(['esp32', 'missing.csv'], io())).toBe(2);
  });

  it('prints its usage with --help', async () => {
    const run = io();
    expect(await runCli(['esp32', '--help'], run)).toBe(0);
    expect(text(run)).toMatch(/^Usage: flashmap esp32 \[options\] INPUT \[OUTPUT\]/);
  });
});

describe('flashmap esp32 (a real process)', () => {
  it('converts a table and rejects an invalid one with exit status 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmap-esp32-'));
    const output = join(dir, 'build', 'partition_table', 'partition-table.bin');
    const ok = spawnSync('node', ['bin/flashmap.js', 'esp32', '-q', '--flash-size', '4MB', join(ESP32_CASES_DIR, 'idf-two-ota', 'input.csv'), output], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(new Uint8Array(readFileSync(output))).toEqual(byName('idf-two-ota').expectedBin);

    const bad = spawnSync('node', ['bin/flashmap.js', 'esp32', join(ESP32_CASES_DIR, 'arduino-zigbee-zczr', 'input.csv'), '-'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/CSV Error at line 6: Partitions overlap\. .* \(partition "spiffs", column 28\)/);
  });
});
