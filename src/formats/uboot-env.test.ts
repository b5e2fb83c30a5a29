/**
 * The environment image of a layout's env partition against u-boot-tools' mkenvimage (byte for
 * byte, single and redundant) and libubootenv's fw_printenv (reads it, CRC checked), and back.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { normalizeDocument } from '../families';
import type { LayoutDocument } from '../model/document';
import { findPreset } from '../presets';
import { debianTool, runTool } from '../test-support/debian';
import { imageDirectory } from '../test-support/disk-images';
import { exportFile, importFile } from './files';

let mkenvimage = '';
let fwPrintenv = '';
let images: ReturnType<typeof imageDirectory>;

beforeAll(() => {
  mkenvimage = debianTool('mkenvimage', 'u-boot-tools');
  fwPrintenv = debianTool('fw_printenv', 'libubootenv-tool');
  images = imageDirectory('uboot-env');
});
afterAll(() => images?.remove());

const VARIABLES = [
  { name: 'bootdelay', value: '2' },
  { name: 'bootcmd', value: 'sf probe 0; sf read ${loadaddr} 0x0 0x40; fdt addr ${loadaddr}; run boot_fit' },
  { name: 'console', value: 'ttyS0,115200' },
  { name: 'empty', value: '' },
];

/** The eMMC preset with a 16 KiB GPT env partition holding the variables. */
function withEnv(env: NonNullable<LayoutDocument['partitions'][number]['env']>, size = 0x4000): LayoutDocument {
  const document = normalizeDocument(findPreset('emmc-boot')!.build());
  return normalizeDocument({
    ...document,
    partitions: [...document.partitions, { id: 'uboot-env', name: 'uboot-env', area: 'user', offset: 'auto', size, align: 8 * 1024 * 1024, kind: 'env', env }],
  });
}

function reference(args: string[]): Buffer {
  const text = images.path('env.txt');
  writeFileSync(text, VARIABLES.map((v) => `${v.name}=${v.value}`).join('\n') + '\n');
  const out = images.path(`ref-${args.join('')}.bin`);
  runTool(mkenvimage, [...args, '-o', out, text]);
  return readFileSync(out);
}

function ours(document: LayoutDocument): Uint8Array {
  const outcome = exportFile(document, 'uboot-env');
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.file.bytes;
}

describe('U-Boot environment image', () => {
  it('is mkenvimage -s 0x4000 byte for byte, fw_printenv reads it, and it reads back', () => {
    const document = withEnv({ variables: VARIABLES });
    const bytes = ours(document);
    expect(Buffer.from(bytes).equals(reference(['-s', '0x4000']))).toBe(true);
    const path = images.path('ours.env');
    writeFileSync(path, bytes);
    const config = images.path('fw_env.config');
    writeFileSync(config, `${path} 0x0 0x4000\n`);
    const printed = runTool(fwPrintenv, ['-c', config]).stdout;
    // libubootenv lists the variables sorted by name.
    expect(printed).toBe(['bootcmd', 'bootdelay', 'console', 'empty'].map((name) => `${name}=${VARIABLES.find((v) => v.name === name)!.value}\n`).join(''));
    const emptied = withEnv({ variables: [] });
    const back = importFile(bytes, emptied, { formatId: 'uboot-env' });
    expect(back.ok && back.document).toEqual(document);
  });

  it('a redundant pair is two mkenvimage -r copies, flags 1 and 0, and fw_printenv reads it', () => {
    const document = withEnv({ variables: VARIABLES, size: 0x2000, redundant: true });
    const bytes = ours(document);
    const one = reference(['-r', '-s', '0x2000']);
    expect(Buffer.from(bytes.subarray(0, 0x2000)).equals(one)).toBe(true);
    // The second copy differs only in its flag byte (0: obsolete), which the CRC does not cover.
    expect(Buffer.from(bytes.subarray(0x2000 + 5)).equals(one.subarray(5))).toBe(true);
    expect(bytes[0x2000 + 4]).toBe(0);
    const path = images.path('redundant.env');
    writeFileSync(path, bytes);
    const config = images.path('fw_env_redundant.config');
    writeFileSync(config, `${path} 0x0 0x2000\n${path} 0x2000 0x2000\n`);
    expect(runTool(fwPrintenv, ['-c', config, 'bootcmd']).stdout).toBe(`bootcmd=${VARIABLES[1].value}\n`);
  });

  it('refuses a layout without an env partition, and a corrupted image, with a reason', () => {
    const document = normalizeDocument(findPreset('emmc-boot')!.build());
    const outcome = exportFile(document, 'uboot-env');
    expect(outcome.ok || outcome.message).toBe('the layout has no U-Boot environment partition (kind "env")');
    const bytes = ours(withEnv({ variables: VARIABLES }));
    bytes[100] ^= 1;
    const back = importFile(bytes, withEnv({ variables: [] }), { formatId: 'uboot-env' });
    expect(back.ok).toBe(false);
  });
});
