/**
 * `flashmap mxpgenerator` and `flashmap pnigenerator` as drop-ins for the SDK's tools: every case
 * of ../shared/conformance/sstar run with its own command line gives the case's output file and
 * stdout.txt byte for byte; and `flashmap convert` between the formats, failing with a location.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentText, serializeDocument } from '../../model/document';
import { findPreset } from '../../presets';
import { REPO_ROOT, readShared, sharedPath } from '../../test-support/shared';
import { caseCommand, caseOutput, SSTAR_CASES } from '../../test-support/sstar-cases';
import type { CliIo } from '../io';
import { runCli } from '../run';

interface Captured extends CliIo {
  out: Array<string | Uint8Array>;
  err: string;
  files: Map<string, Uint8Array | string>;
}

function io(files: Record<string, Uint8Array | string> = {}): Captured {
  const captured: Captured = {
    out: [],
    err: '',
    files: new Map(Object.entries(files)),
    stdout: (data) => void captured.out.push(data),
    stderr: (text) => void (captured.err += text),
    readFile(path) {
      const data = captured.files.get(path);
      if (data === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return typeof data === 'string' ? new TextEncoder().encode(data) : data;
    },
    writeFile: (path, data) => void captured.files.set(path, data),
    readStdin: () => new Uint8Array(),
  };
  return captured;
}

const text = (c: Captured) => c.out.map((chunk) => (typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk))).join('');
const asBytes = (data: Uint8Array | string | undefined) => (typeof data === 'string' ? new TextEncoder().encode(data) : data);

describe.each(SSTAR_CASES)('drop-in for the tool of %s', (name) => {
  it('writes the case’s file and prints its stdout.txt, byte for byte', async () => {
    const { tool, argv } = caseCommand(name);
    const run = io();
    const args = name.endsWith('-envmerge') ? [...argv, '--env-merge'] : argv;
    expect(await runCli([tool, ...args], run)).toBe(0);
    expect(run.err).toBe('');
    const file = tool === 'mxpgenerator' ? 'MXP_SF.bin' : 'PARTINFO.pni';
    expect(run.files.get(file)).toEqual(caseOutput(name));
    expect(text(run)).toBe(readShared('conformance/sstar/cases', name, 'stdout.txt'));
  });
});

describe('the drop-ins refuse what the tools would garble, with the column', () => {
  it('mxpgenerator: an entry without 0x', async () => {
    const run = io();
    expect(await runCli(['mxpgenerator', '0x10000(IPL),10000(X)', '0x1000(K)', 'out.bin'], run)).toBe(2);
    expect(run.err).toMatch(/^flashmap mxpgenerator: expected "0x" and a hex size, found "10000\(X\)" \(BOOT list, column 14\)\n$/);
    expect(run.files.size).toBe(0);
  });

  it('pnigenerator: a value past 16 bits, and a warning for what it silently drops', async () => {
    const bad = io();
    expect(await runCli(['pnigenerator', '-k', '70000', '-t', '0x20000(IPL0)', '-o', 'p.pni'], bad)).toBe(2);
    expect(bad.err).toMatch(/-k "70000" is out of range/);
    const dropped = io();
    expect(await runCli(['pnigenerator', '-k', '2', '-t', '0x40000(CIS),0x20000(IPL0)', '-o', 'p.pni'], dropped)).toBe(0);
    expect(dropped.err).toMatch(/^warning: IPL0 starts at 0x40000, at or past the flash end 0x40000: pnigenerator drops it\n$/);
  });
});

describe('flashmap convert', () => {
  const config = readShared('corpus/sstar/configs', 'tdautc19841202-IPC_i6b0_nor.squashfs.partition.config');

  it('partition.config → MXP_SF.bin: the vendor guide table from the i6b0 config, FLASH_SIZE 16M said on stderr', async () => {
    const run = io({ 'nor.config': config });
    expect(await runCli(['convert', 'nor.config', '--to', 'mxp', '-o', 'MXP_SF.bin'], run)).toBe(0);
    expect(run.files.get('MXP_SF.bin')).toEqual(caseOutput('mxp-doc-example'));
    expect(run.err).toBe('warning: FLASH_SIZE is not set in the file (line 27 compares it with "16M"); taking FLASH_SIZE = 16M\n');
  });

  it('--define picks the other branch of the config', async () => {
    const run = io({ 'nor.config': config });
    expect(await runCli(['convert', 'nor.config', '--to', 'mtdparts', '--define', 'FLASH_SIZE=8M'], run)).toBe(0);
    expect(text(run)).toBe('mtdparts=nor0:0x50000@0x0(BOOT),0x180000(KERNEL),0x280000(rootfs),0x180000(miservice)ro,0x180000(customer)ro\n');
  });

  it('MXP_SF.bin → flashmap-json → partition.config → mtdparts, each recognised by content', async () => {
    const run = io({ 'MXP_SF.bin': caseOutput('mxp-doc-example') });
    expect(await runCli(['convert', 'MXP_SF.bin', '--to', 'flashmap-json', '-o', 'layout.json'], run)).toBe(0);
    const layout = parseDocumentText(new TextDecoder().decode(asBytes(run.files.get('layout.json'))));
    expect(layout.ok && layout.document.partitions.map((p) => p.name)).toEqual(['IPL', 'IPL_CUST', 'MXPT', 'UBOOT', 'UBOOT_ENV', 'KERNEL', 'rootfs', 'miservice', 'customer']);
    expect(await runCli(['convert', 'layout.json', '--to', 'partition-config', '-o', 'out.config'], run)).toBe(0);
    expect(await runCli(['convert', 'out.config', '--to', 'mxp', '-o', 'again.bin'], run)).toBe(0);
    expect(run.files.get('again.bin')).toEqual(caseOutput('mxp-doc-example'));
  });

  it('PARTINFO.pni → pnigenerator command line; a NAND mtdparts with its device size', async () => {
    const run = io({ 'PARTINFO.pni': caseOutput('pni-infinity6e-vendor-repro'), 'parts.txt': 'mtdparts=nand0:0x140000@0x0(CIS),0x60000(IPL0),0x60000(IPL1),-(UBI)\n' });
    expect(await runCli(['convert', 'PARTINFO.pni', '--to', 'pni', '-o', 'copy.pni'], run)).toBe(0);
    expect(run.files.get('copy.pni')).toEqual(caseOutput('pni-infinity6e-vendor-repro'));
    expect(await runCli(['convert', 'parts.txt', '--to', 'flashmap-json', '--flash-size', '256M'], run)).toBe(0);
    const layout = parseDocumentText(text(run));
    expect(layout.ok && layout.document.device).toMatchObject({ family: 'sstar-nand', size: 256 * 1024 * 1024 });
  });

  it('ESP-IDF CSV → binary, the same path as the app', async () => {
    const run = io({ 'p.csv': readShared('conformance/esp32/cases/idf-two-ota/input.csv') });
    expect(await runCli(['convert', 'p.csv', '--to', 'esp32-bin', '-o', 'p.bin'], run)).toBe(0);
    expect(run.files.get('p.bin')).toEqual(new Uint8Array(readFileSync(sharedPath('conformance/esp32/cases/idf-two-ota/expected.bin'))));
  });

  it('fails with the line and column of the input, exit 2', async () => {
    const run = io({ 'bad.config': 'IMAGE_LIST = mxp\nFLASH_TYPE = nor\nmxp$(BOOTTAB) = "0x10000(IPL)"\nmxp$(SYSTAB) = "0x10000 (KERNEL)"\n' });
    expect(await runCli(['convert', 'bad.config', '--to', 'mxp'], run)).toBe(2);
    expect(run.err).toMatch(/^flashmap convert: bad.config: line 4: mxp\$\(SYSTAB\): expected "\(" after the size/);
    const table = io({ 't.bin': new Uint8Array(4096) });
    expect(await runCli(['convert', 't.bin', '--from', 'mxp', '--to', 'mtdparts'], table)).toBe(2);
    expect(table.err).toMatch(/^flashmap convert: t.bin: byte offset 0x0: MXP record 0/);
  });

  it('refuses a target the layout’s family has no such file for', async () => {
    const run = io({ 'layout.json': serializeDocument(findPreset('esp32-ota')!.build()) });
    expect(await runCli(['convert', 'layout.json', '--to', 'pni'], run)).toBe(2);
    expect(run.err).toBe('flashmap convert: pni is written for sstar-nand layouts; layout.json is a esp32 layout\n');
  });

  it('names the formats for a bad --to', async () => {
    const run = io();
    expect(await runCli(['convert', 'x', '--to', 'zip'], run)).toBe(2);
    expect(run.err).toMatch(/--to zip: not a format Flashmap writes \(flashmap-json, esp32-bin, esp32-csv/);
  });
});

describe('as a process', () => {
  it('flashmap pnigenerator writes the vendor guide PNI from the real command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmap-pni-'));
    const { argv } = caseCommand('pni-doc-example');
    const out = join(dir, 'PARTINFO.pni');
    const args = argv.map((arg) => (arg === 'PARTINFO.pni' ? out : arg));
    const run = spawnSync('node', ['bin/flashmap.js', 'pnigenerator', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readShared('conformance/sstar/cases/pni-doc-example/stdout.txt'));
    expect(new Uint8Array(readFileSync(out))).toEqual(caseOutput('pni-doc-example'));
  });
});
