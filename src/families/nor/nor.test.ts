/**
 * The generic SPI-NOR formats: the fixed-partitions node compiles with dtc and reads back as the
 * layout; boot.scr is what `mkimage -A arm -O linux -T script -C none` writes for boot.cmd
 * (SOURCE_DATE_EPOCH=0) and dumpimage lists it; the script reads the FIT header's size.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeDocument } from '..';
import { FormatError } from '../../codecs/errors';
import { exportFile, importFile } from '../../formats/files';
import type { LayoutDocument } from '../../model/document';
import { findPreset } from '../../presets';
import { debianTool, runTool } from '../../test-support/debian';
import { imageDirectory } from '../../test-support/disk-images';
import { documentToFixedPartitions, fixedPartitionsToDocument } from './dts';

let dtc = '';
let mkimage = '';
let dumpimage = '';
let images: ReturnType<typeof imageDirectory>;

beforeAll(() => {
  dtc = debianTool('dtc', 'device-tree-compiler');
  mkimage = debianTool('mkimage', 'u-boot-tools');
  dumpimage = debianTool('dumpimage', 'u-boot-tools');
  images = imageDirectory('nor');
});
afterAll(() => images?.remove());

const text = (document: LayoutDocument, id: string) => {
  const outcome = exportFile(document, id);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.file;
};

/** The QEMU preset with a bootloader, an environment and a read-only data partition after the FIT. */
function norLayout(): LayoutDocument {
  const document = normalizeDocument(findPreset('qemu-nor')!.build());
  return {
    ...document,
    partitions: [
      ...document.partitions,
      { id: 'u-boot-env', name: 'u-boot-env', area: 'flash', offset: 0xc00000, size: 0x10000, kind: 'env' },
      { id: 'data', name: 'data', area: 'flash', offset: 'auto', size: 0x100000, kind: 'data', flags: ['readonly'] },
    ],
  };
}

describe('device-tree fixed-partitions', () => {
  it('compiles with dtc inside a flash node and reads back as the same layout', () => {
    const document = norLayout();
    const node = text(document, 'nor-dts').text!;
    const source = images.path('flash.dts');
    writeFileSync(source, `/dts-v1/;\n/ {\n\tflash {\n${node.replace(/^/gm, '\t\t')}\n\t};\n};\n`);
    const compiled = runTool(dtc, ['-I', 'dts', '-O', 'dts', source]).stdout;
    expect(compiled).toContain('reg = <0xc00000 0x10000>;');
    expect(compiled).toMatch(/label = "data";\s+reg = <0xc10000 0x100000>;\s+read-only;/);
    const back = importFile(new TextEncoder().encode(node), document);
    expect(back.ok && back.formatTitle).toBe('Device tree fixed-partitions node (Linux MTD)');
    const placed = (d: LayoutDocument) => documentToFixedPartitions(d).partitions;
    expect(back.ok && placed(back.document)).toEqual(placed(document));
  });

  it('round-trips any list of partitions (document → node records → document)', () => {
    const base = norLayout();
    const partition = fc.record({ gap: fc.nat({ max: 64 }), blocks: fc.integer({ min: 1, max: 64 }), readonly: fc.boolean(), name: fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/) });
    fc.assert(
      fc.property(fc.array(partition, { maxLength: 20 }), (list) => {
        let at = 0;
        const table = {
          partitions: list.map((p) => {
            at += p.gap * 4096;
            const entry = { label: p.name, offset: at, size: p.blocks * 4096, ...(p.readonly ? { readOnly: true } : {}) };
            at += entry.size;
            return entry;
          }),
        };
        expect(documentToFixedPartitions(fixedPartitionsToDocument(table, base)).partitions).toEqual(table.partitions);
      }),
      { numRuns: 200 },
    );
  });

  it('hostile input gives a located FormatError, never a crash', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (garbage) => {
        const outcome = importFile(new TextEncoder().encode(`partitions { compatible = "fixed-partitions"; ${garbage}`), norLayout(), { formatId: 'nor-dts' });
        expect(typeof outcome.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    expect(() => fixedPartitionsToDocument({ partitions: [] }, norLayout())).not.toThrow(FormatError);
  });
});

describe('booting the FIT from SPI-NOR', () => {
  it('boot.scr is what mkimage writes for boot.cmd', () => {
    const document = norLayout();
    const cmd = images.path('boot.cmd');
    writeFileSync(cmd, text(document, 'nor-uboot-script').text!);
    const scr = images.path('boot.scr');
    const made = spawnSync(mkimage, ['-A', 'arm', '-O', 'linux', '-T', 'script', '-C', 'none', '-n', 'boot script', '-d', cmd, scr], { env: { ...process.env, SOURCE_DATE_EPOCH: '0' }, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    expect(Buffer.from(text(document, 'nor-uboot-scr').bytes).equals(readFileSync(scr))).toBe(true);
    expect(runTool(dumpimage, ['-l', scr]).stdout).toMatch(/Image Type:\s+ARM Linux Script/);
  });

  it('reads 0x28 header bytes, takes totalsize and loads that many bytes from the FIT partition', () => {
    const script = text(norLayout(), 'nor-uboot-script').text!;
    expect(script.split('\n').filter((line) => !line.startsWith('#'))).toEqual([
      'sf probe 0',
      'sf read ${loadaddr} 0x0 0x28',
      'fdt addr ${loadaddr}',
      'fdt header get fitsize totalsize',
      'sf read ${loadaddr} 0x0 ${fitsize}',
      'bootm ${loadaddr}',
      '',
    ]);
    expect(text(norLayout(), 'nor-qemu').text).toContain('-drive if=mtd,file=flash.bin,format=raw');
  });
});
