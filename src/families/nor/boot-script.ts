/**
 * Booting a FIT image from SPI-NOR, as in the QEMU SWUpdate recovery example: the QEMU command
 * line that backs the flash with flash.bin, and the U-Boot script that reads the FIT's FDT header
 * first, takes its totalsize (a big-endian word at byte 4, which `fdt header get` reads without
 * the byte juggling of setexpr.b) and loads exactly that many bytes before bootm. The script is
 * also given as boot.scr, the uImage `mkimage -A arm -O linux -T script -C none` writes.
 */
import { FormatError } from '../../codecs/errors';
import { FDT_HEADER_SIZE } from '../../codecs/fdt';
import { encodeUtf8 } from '../../codecs/text';
import { emitUimageHeader } from '../../codecs/uimage';
import { place } from '../../layout/place';
import type { PlacedPartition } from '../../layout/placement';
import type { LayoutDocument } from '../../model/document';
import { formatHex } from '../../model/units';
import { norFamily } from './family';

const BOOTABLE = new Set(['recovery', 'kernel']);

function fitPartition(document: LayoutDocument): PlacedPartition {
  if (document.device.family !== 'nor') throw new FormatError(`the SPI-NOR boot script is written for a generic NOR layout, not a ${document.device.family} one`);
  const placed = place(document, norFamily).partitions.find((p) => BOOTABLE.has(p.partition.kind) && p.size > 0);
  if (!placed) throw new FormatError('the layout has no kernel or recovery partition holding a FIT image');
  return placed;
}

export function bootScript(document: LayoutDocument): string {
  const placed = fitPartition(document);
  const at = formatHex(placed.start);
  return [
    `# ${document.name.replace(/[\r\n]+/g, ' ')}: boot the FIT image in "${placed.partition.name}" (${at}) from SPI-NOR.`,
    'sf probe 0',
    `# The FIT starts with an FDT header (${FDT_HEADER_SIZE} bytes); its totalsize is the FIT's size.`,
    `sf read \${loadaddr} ${at} ${formatHex(FDT_HEADER_SIZE)}`,
    'fdt addr ${loadaddr}',
    'fdt header get fitsize totalsize',
    `sf read \${loadaddr} ${at} \${fitsize}`,
    'bootm ${loadaddr}',
    '',
  ].join('\n');
}

/**
 * boot.scr: a legacy uImage of type script whose data is mkimage's multi-file layout (the
 * script's length as a big-endian word, a zero word ending the list, then the script; mkimage
 * pads only files that another follows). Time 0 is what mkimage writes with SOURCE_DATE_EPOCH=0.
 */
export function bootScriptImage(document: LayoutDocument, time = 0): Uint8Array {
  const script = encodeUtf8(bootScript(document));
  const data = new Uint8Array(8 + script.length);
  new DataView(data.buffer).setUint32(0, script.length);
  data.set(script, 8);
  const header = emitUimageHeader({ time, load: 0, ep: 0, os: 'linux', arch: 'arm', type: 'script', comp: 'none', name: 'boot script' }, data);
  const image = new Uint8Array(header.length + data.length);
  image.set(header);
  image.set(data, header.length);
  return image;
}

/** flash.bin as the erased chip (all 0xFF) with each image at its partition, then QEMU with it on the MTD interface. */
export function qemuCommands(document: LayoutDocument): string {
  const placed = fitPartition(document);
  const size = document.device.size;
  const layout = place(document, norFamily);
  const writes = layout.partitions
    .filter((p) => p.size > 0 && (p.partition.image || p === placed))
    .map((p) => `dd if=${p.partition.image ?? 'fitImage'} of=flash.bin bs=64K seek=${p.start} oflag=seek_bytes conv=notrunc`);
  return [
    '#!/bin/sh',
    `# ${document.name.replace(/[\r\n]+/g, ' ')}: QEMU with a ${document.device.model ?? 'SPI-NOR'} flash backed by flash.bin.`,
    '# The machine needs the SPI-NOR chip on its SPI bus (the cubieboard patch of the recovery example).',
    'set -e',
    `dd if=/dev/zero ibs=1 count=${size} | LC_ALL=C tr '\\000' '\\377' > flash.bin`,
    ...writes,
    'qemu-system-arm \\',
    '  -M cubieboard \\',
    '  -m 1G \\',
    '  -kernel "${UBOOT:-u-boot}" \\',
    '  -nographic \\',
    '  -drive if=mtd,file=flash.bin,format=raw',
    '',
  ].join('\n');
}
