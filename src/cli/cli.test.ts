import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS, runCli } from './run';
import { PRESETS, findPreset } from '../presets';
import { parseDocumentText, serializeDocument, type LayoutDocument } from '../model/document';
import { fakeIo } from '../test-support/cli';
import { layoutOf, part } from '../test-support/documents';
import { mxpListing, pniListing, type ReferenceEntry } from '../test-support/references';
import { readShared, REPO_ROOT } from '../test-support/shared';
import { pniCaseDocument } from '../test-support/sstar-cases';
import { sameNames } from '../test-support/hostile';

/** A layout with two errors (overlap, misaligned offset) and nothing else wrong. */
const BROKEN = layoutOf([part('kernel', 0, 0x20000), part('rootfs', 0x10000, 0x10000), part('data', 0x40800, 0x1000)]);

function presetText(id: string): string {
  return serializeDocument(findPreset(id)!.build());
}

async function cli(argv: string[], files: Record<string, string> = {}, stdin = '') {
  const io = fakeIo(files, stdin);
  const status = await runCli(argv, io);
  return { status, out: io.out, err: io.err };
}

/** Rows of `flashmap show` tables: name → its columns (start, end, size, human, kind, copies). */
function showRows(out: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  const lines = out.split('\n');
  lines.forEach((line, i) => {
    if (!line.startsWith('Name ') || !lines[i - 1]?.startsWith('Area ')) return;
    for (const row of lines.slice(i + 1)) {
      if (row.trim() === '') break;
      const [name, ...columns] = row.split(/\s{2,}/);
      rows.set(name, columns);
    }
  });
  return rows;
}

/** Checks each reference extent against a show table: a row of its own, or a copy in the Copies column. */
function expectShowMatches(out: string, reference: ReferenceEntry[]) {
  const rows = showRows(out);
  const copies = new Map(
    [...rows.values()].flatMap((columns) =>
      columns[5] === '-' ? [] : columns[5].split(' ').map((copy) => copy.split('@') as [string, string]),
    ),
  );
  for (const entry of reference) {
    const row = rows.get(entry.name);
    if (row) {
      expect([parseInt(row[0], 16), parseInt(row[1], 16), parseInt(row[2], 16)], entry.name).toEqual([entry.start, entry.start + entry.size, entry.size]);
      expect(row[0], entry.name).toMatch(/^0x[0-9A-F]+$/);
    } else {
      expect(copies.has(entry.name), `${entry.name} is listed`).toBe(true);
      expect(parseInt(copies.get(entry.name)!, 16), entry.name).toBe(entry.start);
    }
  }
}

describe('flashmap (in process)', () => {
  describe('presets', () => {
    it('lists every preset, one per line: its id, then its title', async () => {
      const { status, out } = await cli(['presets']);
      expect(status).toBe(0);
      const lines = out.trimEnd().split('\n');
      expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(PRESETS.map((p) => p.id));
      lines.forEach((line, i) => expect(line.slice(PRESETS[i].id.length).trim()).toBe(PRESETS[i].title));
    });

    it.each(PRESETS.map((p) => p.id))('prints the %s preset as a layout document', async (id) => {
      const { status, out } = await cli(['presets', id]);
      expect(status).toBe(0);
      expect(parseDocumentText(out)).toEqual({ ok: true, document: findPreset(id)!.build() });
    });

    it('refuses an unknown preset with a usage error naming the known ones', async () => {
      const { status, err, out } = await cli(['presets', 'nope']);
      expect(status).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(/no preset "nope"/);
      expect(err).toContain(PRESETS.map((p) => p.id).join(', '));
    });
  });

  describe('validate', () => {
    it.each(PRESETS.map((p) => p.id))('finds no problems in the %s preset', async (id) => {
      const { status, out } = await cli(['validate', `${id}.flashmap.json`], { [`${id}.flashmap.json`]: presetText(id) });
      expect(out).toBe(`${id}.flashmap.json: no problems\n`);
      expect(status).toBe(0);
    });

    it('prints every problem of a broken layout and exits 1', async () => {
      const { status, out } = await cli(['validate', 'broken.json'], { 'broken.json': serializeDocument(BROKEN) });
      expect(status).toBe(1);
      const lines = out.trimEnd().split('\n');
      expect(lines[0].split(/\s+/)).toEqual(['SEVERITY', 'CODE', 'PARTITION', 'MESSAGE']);
      const rows = lines.slice(1, -1).map((line) => line.split(/\s{2,}/));
      expect(rows.map((r) => r.slice(0, 3))).toEqual([
        ['error', 'overlap', 'kernel'],
        ['error', 'misaligned-offset', 'data'],
      ]);
      expect(rows[0][3]).toMatch(/"rootfs".*overlaps.*"kernel"/);
      expect(lines.at(-1)).toBe('2 error(s), 0 warning(s), 0 note(s)');
    });

    it('prints the problems as JSON with --json', async () => {
      const { status, out } = await cli(['validate', '--json', 'broken.json'], { 'broken.json': serializeDocument(BROKEN) });
      expect(status).toBe(1);
      const { problems } = JSON.parse(out) as { problems: Array<{ code: string; severity: string; partitionIds: string[] }> };
      expect(problems.map((p) => [p.code, p.severity, p.partitionIds])).toEqual([
        ['overlap', 'error', ['kernel', 'rootfs']],
        ['misaligned-offset', 'error', ['data']],
      ]);
    });

    it('exits 0 when there are only warnings', async () => {
      const sd = findPreset('sd-allwinner')!.build();
      // Off the 1 MiB grain but on a sector: a warning, not an error.
      const warned: LayoutDocument = { ...sd, partitions: sd.partitions.map((p) => (p.name === 'data' ? { ...p, offset: 1454080 * 512 + 512 } : p)) };
      const { status, out } = await cli(['validate', 'sd.json'], { 'sd.json': serializeDocument(warned) });
      expect(out).toMatch(/^warning\s+misaligned-offset\s+data/m);
      expect(out).toMatch(/0 error\(s\), 1 warning\(s\)/);
      expect(status).toBe(0);
    });

    it('reads an ESP-IDF table too, and states a table it cannot read in the located form', async () => {
      const good = await cli(['validate', 'partitions.csv'], { 'partitions.csv': readShared('conformance/esp32/cases/idf-two-ota/input.csv') });
      expect(good.status).toBe(0);
      expect(good.out).not.toMatch(/^error/m);

      const input = readShared('conformance/esp32/messages/err-bad-hex/input.csv');
      const [, words] = /^Error at line 2: (.*)$/m.exec(readShared('conformance/esp32/messages/err-bad-hex/expected-error.txt'))!;
      const bad = await cli(['validate', 'bad.csv'], { 'bad.csv': input });
      expect(bad.status).toBe(2);
      expect(bad.err).toBe(`flashmap validate: bad.csv: line 2, column ${input.split('\n')[1].indexOf('0x9G00') + 1}: ${words}\n`);
    });

    it('reads standard input for "-"', async () => {
      const { status, out } = await cli(['validate', '-'], {}, presetText('qemu-nor'));
      expect(status).toBe(0);
      expect(out).toBe('-: no problems\n');
    });
  });

  describe('show', () => {
    it('lists each partition of the vendor guide\'s SPI-NAND layout with its resolved start and end (PNI reference)', async () => {
      const { status, out } = await cli(['show', 'nand.json'], { 'nand.json': serializeDocument(pniCaseDocument('pni-doc-example')) });
      expect(status).toBe(0);
      expectShowMatches(out, pniListing('pni-doc-example').entries);
      expect(out).toMatch(/^Area BOOT .*: 0x0–0x200000/m);
      expect(out.trimEnd().split('\n').at(-1)).toBe('9 partition(s), no problems');
    });

    it('points at validate when the layout has problems', async () => {
      const { status, out } = await cli(['show', 'broken.json'], { 'broken.json': serializeDocument(BROKEN) });
      expect(status).toBe(0);
      expect(out).toMatch(/2 error\(s\), 0 other problem\(s\): run flashmap validate/);
    });
  });

  describe('help and usage errors', () => {
    it.each(COMMANDS.map((c) => c.name))('%s --help prints the usage and exits 0', async (name) => {
      for (const flag of ['--help', '-h']) {
        const { status, out, err } = await cli([name, flag]);
        expect(status).toBe(0);
        expect(err).toBe('');
        // A drop-in answers with its reference tool's help (gen_esp32part.py's argparse help).
        expect(out.startsWith(name === 'esp32' ? 'usage: gen_esp32part.py [-h]' : `Usage: flashmap ${name}`)).toBe(true);
      }
    });

    it('lists every command for --help, and exits 2 without a command', async () => {
      const help = await cli(['--help']);
      expect(help.status).toBe(0);
      const lines = help.out.split('\n');
      for (const command of COMMANDS) {
        const line = lines.find((l) => l.trimStart().startsWith(`${command.name} `));
        expect(line?.trim().slice(command.name.length).trim(), command.name).toBe(command.summary);
      }
      const bare = await cli([]);
      expect(bare.status).toBe(2);
      expect(bare.out).toMatch(/^Usage: flashmap COMMAND/);
    });

    it.each([
      [['frobnicate'], /unknown command "frobnicate"/],
      [['validate'], /flashmap validate: expected one layout file\nUsage: flashmap validate/],
      [['validate', 'a.json', 'b.json'], /expected one layout file/],
      [['validate', '--yaml', 'a.json'], /flashmap validate: unknown option --yaml/],
      [['validate', '--json=yes', 'a.json'], /option --json takes no value/],
      [['show'], /flashmap show: expected one layout file\nUsage: flashmap show FILE/],
      [['presets', 'a', 'b'], /expected at most one preset id/],
    ])('%j is a usage error: exit 2 with a clear message', async (argv, message) => {
      const { status, err } = await cli(argv as string[]);
      expect(status).toBe(2);
      expect(err).toMatch(message);
    });

    it('exits 2 naming a file that cannot be read', async () => {
      for (const command of ['validate', 'show']) {
        const { status, err } = await cli([command, 'missing/layout.json']);
        expect(status).toBe(2);
        expect(err).toBe(`flashmap ${command}: cannot read missing/layout.json: no such file or directory\n`);
      }
    });

    it('exits 2 naming a file that is neither a layout document nor a table', async () => {
      const { status, err } = await cli(['validate', 'notes.txt'], { 'notes.txt': 'IPL 0x10000\n' });
      expect(status).toBe(2);
      expect(err).toMatch(/^flashmap validate: notes.txt: Flashmap does not recognise this file/);
      const broken = await cli(['validate', 'notes.json'], { 'notes.json': '{ "format": ' });
      expect(broken.err).toMatch(/^flashmap validate: notes.json is not a valid layout document:\n {2}\(file\): not valid JSON/);
    });

    it('exits 2 naming the file and the bad field of an invalid document', async () => {
      const document = JSON.parse(presetText('sstar-nor'));
      document.partitions[2].size = -1;
      const { status, err, out } = await cli(['show', 'bad.json'], { 'bad.json': JSON.stringify(document) });
      expect(status).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(/bad.json is not a valid layout document:\n {2}partitions\[2\]\.size: must not be negative/);
    });
  });
});

describe('flashmap (a real process)', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'flashmap-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(args: string[]): Promise<{ status: number; out: string; err: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, ['bin/flashmap.js', ...args], { cwd: REPO_ROOT }, (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ status, out: stdout, err: stderr });
      });
    });
  }

  function write(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('lists the presets', async () => {
    const { status, out } = await run(['presets']);
    expect(status).toBe(0);
    expect(out.trimEnd().split('\n').map((line) => line.split(/\s+/)[0])).toEqual(PRESETS.map((p) => p.id));
  });

  it('validates every preset written to a file: exit 0, no problems', async () => {
    const results = await Promise.all(
      PRESETS.map(async (preset) => {
        const path = write(`${preset.id}.flashmap.json`, presetText(preset.id));
        return { path, ...(await run(['validate', path])) };
      }),
    );
    for (const { path, status, out, err } of results) {
      expect(err, path).toBe('');
      expect(out, path).toBe(`${path}: no problems\n`);
      expect(status, path).toBe(0);
    }
  });

  it('validates a broken layout: exit 1 with the problems, and --json lists their codes', async () => {
    const path = write('broken.flashmap.json', serializeDocument(BROKEN));
    const text = await run(['validate', path]);
    expect(text.status).toBe(1);
    expect(text.out).toMatch(/^error\s+overlap\s+kernel\s+"rootfs"/m);
    const json = await run(['validate', '--json', path]);
    expect(json.status).toBe(1);
    expect((JSON.parse(json.out) as { problems: Array<{ code: string }> }).problems.map((p) => p.code)).toEqual(['overlap', 'misaligned-offset']);
  });

  it('shows the SigmaStar NOR preset with the offsets of the MXP reference', async () => {
    const path = write('nor.flashmap.json', presetText('sstar-nor'));
    const { status, out } = await run(['show', path]);
    expect(status).toBe(0);
    expectShowMatches(out, mxpListing('mxp-doc-example').filter((e) => e.name !== 'BOOT'));
  });

  it('exits 2 on a usage error and on an unreadable file, naming it', async () => {
    const usage = await run(['validate']);
    expect(usage.status).toBe(2);
    expect(usage.err).toMatch(/expected one layout file/);
    const missing = join(dir, 'missing.flashmap.json');
    const unreadable = await run(['show', missing]);
    expect(unreadable.status).toBe(2);
    expect(unreadable.err).toContain(`cannot read ${missing}`);
  });

  it('an output that is a directory, or under a file, is one line and exit 2, never a stack trace', async () => {
    const csv = write('out-test.csv', 'nvs, data, nvs, 0x9000, 0x6000,\nfactory, app, factory, 0x10000, 1M,\n');
    const intoDirectory = await run(['esp32', '-q', csv, dir]);
    expect(intoDirectory.status).toBe(2);
    expect(intoDirectory.err).toBe(`flashmap esp32: cannot write ${dir}: it is a directory\n`);
    const underFile = await run(['esp32', '-q', csv, join(csv, 'table.bin')]);
    expect(underFile.status).toBe(2);
    expect(underFile.err).toBe(`flashmap esp32: cannot write ${join(csv, 'table.bin')}: a file stands where a directory of its path should be\n`);
  });

  it('a closed standard output (`| head -1`) ends with one line and a non-zero status', async () => {
    // Far more output than a pipe buffers, so the writer meets the closed end.
    const path = write('many.flashmap.json', serializeDocument(sameNames(5000)));
    const child = spawn(process.execPath, ['bin/flashmap.js', 'show', path], { cwd: REPO_ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(stderr).toBe('flashmap: standard output was closed before everything was written\n');
    expect(status).toBe(141);
  });

  it('prints --help for every command', async () => {
    const results = await Promise.all(COMMANDS.map((command) => run([command.name, '--help'])));
    results.forEach(({ status, out }, i) => {
      expect(status).toBe(0);
      expect(out.startsWith(COMMANDS[i].name === 'esp32' ? 'usage: gen_esp32part.py [-h]' : `Usage: flashmap ${COMMANDS[i].name}`)).toBe(true);
    });
  });
});
