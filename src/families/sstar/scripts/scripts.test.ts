/**
 * The burn scripts against the real ones in ../shared/corpus/sstar/scripts, for the configs they
 * were made from: tdautc19841202/IPC's from its i6b0 SPI-NOR config (the else branch of its
 * FLASH_SIZE test: its [[kernel has no BOOTCMD), industio/PurPle-Pi-R1's from its 128M SPI-NAND
 * config, which the sstar-nand preset follows (rootfs 0x5200000, customer 0x500000 in its
 * [[set_partition.es). Byte for byte where the SDK's rules make them; command for command where
 * the board's own makefiles add lines.
 */
import { describe, expect, it } from 'vitest';
import { parseEstarScript } from '../../../codecs/estar-script';
import { unzipSync } from 'fflate';
import { exportFile } from '../../../formats/files';
import type { LayoutDocument } from '../../../model/document';
import { findPreset } from '../../../presets';
import { readShared } from '../../../test-support/shared';
import { emptySstarDocument } from '../../../test-support/sstar-cases';
import { configToDocument } from '../config-import';
import { burnScripts } from '.';
import { shellEcho } from './shell';

const corpus = (board: string, file: string) => readShared('corpus/sstar/scripts', board, file);
const scriptOf = (document: LayoutDocument, path: string) => burnScripts(document).find((file) => file.path === path)?.text;
const commands = (text: string, header = true) => parseEstarScript(text, { requireHeader: header, requireFooter: header }).commands.map((c) => c.text.trim());

describe('SPI-NOR scripts (tdautc19841202/IPC)', () => {
  const config = readShared('corpus/sstar/configs', 'tdautc19841202-IPC_i6b0_nor.squashfs.partition.config');
  const other = configToDocument(config, emptySstarDocument('sstar-nor'), { defines: { FLASH_SIZE: '' } }).document;

  it.each([
    ['scripts/[[kernel', 'kernel.es'],
    ['scripts/[[mxp', 'mxp.es'],
    ['scripts/[[customer', 'customer.es'],
    ['auto_update.txt', 'auto_update.txt'],
  ])('%s is the SDK’s byte for byte', (path, file) => {
    expect(scriptOf(other, path)).toBe(corpus('tdautc19841202-IPC', file));
  });

  it('set_config is the SDK’s once EXBOOTARGS gives the board’s memory layout', () => {
    // LX_MEM and mma_heap come from the board's makefiles, not from partition.config.
    const board = { ...other, device: { ...other.device, sstar: { ...other.device.sstar, bootArgs: 'LX_MEM=0x3fe0000 mma_heap=mma_heap_name0,miu=0,sz=0x2000000 mma_memblock_remove=1' } } };
    expect(scriptOf(board, 'scripts/set_config')).toBe(corpus('tdautc19841202-IPC', 'set_config'));
  });

  it('the one-bin [[boot.es is the board’s mscript byte for byte', () => {
    expect(scriptOf(other, 'scripts/[[boot.es')).toBe(corpus('tdautc19841202-IPC', 'board-mscript-sf-boot.es'));
  });

  it('with FLASH_SIZE 16M the kernel script carries the config’s BOOTCMD through the shell', () => {
    const sixteen = configToDocument(config, emptySstarDocument('sstar-nor')).document;
    expect(commands(scriptOf(sixteen, 'scripts/[[kernel')!).at(-1)).toBe("setenv bootcmd ' sf probe 0;sf read 0x22000000 ${sf_kernel_start} ${sf_kernel_size}; bootm 0x22000000");
  });
});

describe('SPI-NAND scripts (industio/PurPle-Pi-R1, the sstar-nand preset)', () => {
  const preset = findPreset('sstar-nand')!.build();

  it.each([
    ['scripts/[[set_partition.es', 'set_partition.es'],
    ['scripts/[[rootfs.es', 'rootfs.es'],
    ['scripts/[[kernel.es', 'scripts_bin-kernel.es'],
    ['auto_update.txt', 'auto_update.txt'],
  ])('%s is the SDK’s byte for byte', (path, file) => {
    expect(scriptOf(preset, path)).toBe(corpus('industio-PurPle-Pi-R1', file));
  });

  it('writes the copies the layout has: raising the IPL copies adds IPL2', () => {
    const three = { ...preset, partitions: preset.partitions.map((p) => (p.name === 'IPL' ? { ...p, copies: { ...p.copies!, count: 3 } } : p)) };
    expect(commands(scriptOf(three, 'scripts/[[ipl.es')!)).toEqual([
      'tftp 0x21000000 ipl_s.bin',
      ...[0, 1, 2].flatMap((k) => [`nand erase.part IPL${k}`, `nand write.e 0x21000000 IPL${k} \${filesize}`]),
    ]);
  });

  it('[[cis.es loads the SNI and the PNI and runs writecis with CIS_PBAs and CIS_COPIES', () => {
    expect(commands(scriptOf(preset, 'scripts/[[cis.es')!)).toEqual(['tftp 0x21000000 boot/SPINANDINFO.sni', 'tftp 0x21800000 boot/PARTINFO.pni', 'writecis 0x21000000 0x21800000 10 0 0 5']);
  });

  it('keeps every script under estar’s 4 KiB buffer', () => {
    for (const file of burnScripts(preset)) expect(new TextEncoder().encode(file.text).length, file.path).toBeLessThan(4096);
  });

  it('bundles images/ with the table the scripts load, the same bytes each time', () => {
    const first = exportFile(preset, 'sstar-scripts');
    const second = exportFile(preset, 'sstar-scripts');
    if (!first.ok || !second.ok) throw new Error('no bundle');
    expect(first.file.bytes).toEqual(second.file.bytes);
    const files = unzipSync(first.file.bytes);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['images/auto_update.txt', 'images/scripts/[[set_partition.es', 'images/boot/PARTINFO.pni']));
    const pni = exportFile(preset, 'pni');
    expect(pni.ok && files['images/boot/PARTINFO.pni']).toEqual(pni.ok && pni.file.bytes);
  });
});

describe('the shell of the SDK’s echo', () => {
  it('splits words, drops quotes and backslashes as sh does', () => {
    expect(shellEcho("setenv bootcmd \\' sf probe 0\\;sf read 0x22000000 \\${a}  \\${b}\\;  bootm 0x22000000")).toBe("setenv bootcmd ' sf probe 0;sf read 0x22000000 ${a} ${b}; bootm 0x22000000");
    expect(shellEcho(`a "b  c" 'd  $e'`)).toBe('a b  c d  $e');
  });

  it.each([
    ['sf read; bootm', /unquoted ";" at column 8/],
    ['root=$ROOT', /expand the unquoted "\$"/],
    ["it's", /unmatched '/],
  ])('refuses %j, naming what the shell would do', (text, message) => {
    expect(() => shellEcho(text)).toThrow(message);
  });
});
