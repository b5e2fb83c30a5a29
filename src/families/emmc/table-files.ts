/**
 * The user area's table as files: sfdisk scripts (the `sfdisk --dump` form, and the shell script
 * a recovery initramfs runs to re-create the table) and the table's sectors as binaries, each
 * read back into a layout through the same bridge.
 */
import { FormatError } from '../../codecs/errors';
import { crc32 } from '../../codecs/crc32';
import { parseGpt } from '../../codecs/gpt';
import { parseMbr } from '../../codecs/mbr';
import { dumpGptScript, dumpMbrScript, emitSfdiskScript, parseSfdiskScript, resolveSfdiskScript, type RandomBytes, type SfdiskScript } from '../../codecs/sfdisk';
import { decodeText, encodeUtf8 } from '../../codecs/text';
import { place } from '../../layout/place';
import type { LayoutDocument } from '../../model/document';
import { formatHex } from '../../model/units';
import { DEFAULT_LINUX_DEVICE, entrySectors, linuxDevice, sectorSize } from './disk';
import { emmcFamily, tablePieces } from './family';
import { documentFromTable } from './from-table';
import { diskTableOf, type DiskTable } from './table';

export interface TableImport {
  document: LayoutDocument;
  warnings: string[];
}

function tableOf(document: LayoutDocument): DiskTable {
  if (document.device.family !== 'emmc') throw new FormatError(`a disk partition table needs an eMMC/SD layout, not a ${document.device.family} one`);
  const table = diskTableOf(document, place(document, emmcFamily));
  if (!table) throw new FormatError('the layout has no user area with an MBR or GPT table');
  return table;
}

function scriptOf(document: LayoutDocument, device: string | undefined): { script: SfdiskScript; warnings: string[] } {
  const table = tableOf(document);
  const options = { device, sectorSize: table.sectorSize, diskSectors: table.diskSectors };
  if (table.label === 'dos') return { script: dumpMbrScript(table.table, options), warnings: [] };
  const { script, warnings } = dumpGptScript(table.table, { ...options, entryCount: table.entryCount });
  return { script, warnings: warnings.map((w) => w.message) };
}

/**
 * The script `sfdisk --dump` prints for the layout's table on its Linux device. It is placed
 * again as sfdisk would place it: a table sfdisk cannot make from its own dump (logical
 * partitions closer than one grain apart) is written with a warning saying why.
 */
export function exportSfdiskScript(document: LayoutDocument): { text: string; warnings: string[] } {
  const { script, warnings } = scriptOf(document, linuxDevice(document));
  const table = tableOf(document);
  try {
    resolveSfdiskScript(script, { sectorSize: table.sectorSize, diskSectors: table.diskSectors });
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    warnings.push(`sfdisk would refuse this script: ${error.message}`);
  }
  return { text: emitSfdiskScript(script), warnings };
}

const HEREDOC_END = 'EOF';

/**
 * A shell script for a recovery initramfs: re-creates the table on the device given as its
 * argument (the layout's device by default). Partition lines carry no device names, so the same
 * script applies to /dev/mmcblk1 or a loop device.
 */
export function exportRecoveryScript(document: LayoutDocument): { text: string; warnings: string[] } {
  const { script, warnings } = scriptOf(document, undefined);
  const device = linuxDevice(document);
  const lines = [
    '#!/bin/sh',
    `# ${document.name.replace(/[\r\n]+/g, ' ')}: re-creates the partition table from a recovery initramfs.`,
    '# Only the table is written: partition contents and raw bootloaders stay as they are.',
    'set -e',
    `DEVICE="\${1:-${device}}"`,
    `sfdisk --wipe never "$DEVICE" <<'${HEREDOC_END}'`,
    emitSfdiskScript(script).trimEnd(),
    HEREDOC_END,
    '',
  ];
  return { text: lines.join('\n'), warnings };
}

/**
 * The sfdisk script inside a recovery shell script (the here-document fed to sfdisk), padded with
 * blank lines so errors keep the file's line numbers; other text as it is.
 */
function scriptText(text: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /\bsfdisk\b.*<<-?\s*'?"?EOF'?"?\s*$/.test(line));
  if (start < 0) return text;
  const end = lines.findIndex((line, index) => index > start && line.trim() === HEREDOC_END);
  if (end < 0) throw new FormatError(`the here-document fed to sfdisk is not closed by an ${HEREDOC_END} line`, { line: start + 1 });
  return [...lines.slice(0, start + 1).map(() => ''), ...lines.slice(start + 1, end)].join('\n');
}

/** A first content line that is an sfdisk header or partition line, or a shell script feeding sfdisk. */
export function looksLikeSfdiskScript(bytes: Uint8Array): boolean {
  const decoded = decodeText(bytes.subarray(0, 64 * 1024));
  if (!decoded.ok) return false;
  const text = decoded.text;
  if (text.startsWith('#!')) return /\bsfdisk\b[^\n]*<</.test(text);
  const first = text.split('\n').find((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  return first !== undefined && /^\s*(label|label-id|unit|device|first-lba|last-lba|table-length|grain|sector-size)\s*:|^\s*(\S+\s*:\s*)?start=/.test(first);
}

/** Stand-in randomness for GUIDs a script leaves out: seeded by the script, so one script always gives one table. */
function seededRandom(text: string): RandomBytes {
  let state = crc32(encodeUtf8(text)) || 1;
  return (length) => {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      bytes[i] = state & 0xff;
    }
    return bytes;
  };
}

export function importSfdiskScript(bytes: Uint8Array, current: LayoutDocument): TableImport {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new FormatError('the script is not valid text', { offset: decoded.offset });
  const { script, warnings } = parseSfdiskScript(scriptText(decoded.text));
  const sector = script.sectorSize ?? (current.device.family === 'emmc' ? sectorSize(current) : 512);
  // The script applies to the current device, as sfdisk applies it to the device it is given; a
  // dump's last-lba says how large a disk it needs at least (and is the device when none is known).
  const fromScript = script.label === 'gpt' && script.lastLba !== undefined ? script.lastLba + 1 + entrySectors(script.tableLength ?? 128, sector) + 1 : undefined;
  const deviceSectors = current.device.family === 'emmc' ? Math.floor(current.device.size / sector) : undefined;
  const diskSectors = deviceSectors !== undefined ? Math.max(deviceSectors, fromScript ?? 0) : (fromScript ?? Math.floor(emmcFamily.defaultDevice().size / sector));
  const resolution = resolveSfdiskScript(script, { sectorSize: sector, diskSectors, randomBytes: seededRandom(decoded.text) });
  const source =
    resolution.label === 'dos'
      ? { label: 'dos' as const, sectorSize: sector, diskSectors, table: resolution.table, grain: script.grain }
      : { label: 'gpt' as const, sectorSize: sector, diskSectors, table: resolution.table, entryCount: resolution.entryCount, grain: script.grain };
  let document = documentFromTable(source, current);
  if (script.device?.startsWith('/dev/') && script.device !== linuxDevice(document) && /^\/dev\/[A-Za-z0-9_./-]+$/.test(script.device)) {
    document = { ...document, device: { ...document.device, emmc: { ...document.device.emmc, linuxDevice: script.device } } };
  }
  const located = (w: { message: string; line?: number }) => (w.line !== undefined ? `line ${w.line}: ${w.message}` : w.message);
  return { document, warnings: [...warnings, ...resolution.warnings].map(located) };
}

/** The table's sectors at the start of the device: the MBR, or the protective MBR, GPT header and entry array. */
export function exportTableHead(document: LayoutDocument): { bytes: Uint8Array; warnings: string[] } {
  const table = tableOf(document);
  if (table.label === 'dos' && table.table.partitions.some((p) => p.number > 4)) {
    throw new FormatError('logical partitions have EBRs spread over the disk: write the table with "flashmap build" or the sfdisk script');
  }
  const pieces = tablePieces(table);
  const backupStart = table.label === 'gpt' ? (table.diskSectors - 1 - entrySectors(table.entryCount, table.sectorSize)) * table.sectorSize : Infinity;
  const head = pieces.filter((piece) => piece.offset < backupStart);
  const length = Math.max(...head.map((piece) => piece.offset + piece.bytes.length));
  const bytes = new Uint8Array(length);
  for (const piece of head) bytes.set(piece.bytes, piece.offset);
  return { bytes, warnings: [] };
}

/** The backup GPT (entry array and header) that belongs in the device's last sectors. */
export function exportTableBackup(document: LayoutDocument): { bytes: Uint8Array; warnings: string[] } {
  const table = tableOf(document);
  if (table.label !== 'gpt') throw new FormatError('an MBR has no backup copy');
  const sectors = entrySectors(table.entryCount, table.sectorSize) + 1;
  const start = (table.diskSectors - sectors) * table.sectorSize;
  const bytes = new Uint8Array(sectors * table.sectorSize);
  for (const piece of tablePieces(table)) if (piece.offset >= start) bytes.set(piece.bytes, piece.offset - start);
  return { bytes, warnings: [`write it at ${formatHex(start)} (the last ${sectors} sectors of ${linuxDevice(document) === DEFAULT_LINUX_DEVICE ? 'the device' : linuxDevice(document)})`] };
}

const hasBootSignature = (bytes: Uint8Array) => bytes.length >= 512 && bytes[510] === 0x55 && bytes[511] === 0xaa;
const hasGptAt = (bytes: Uint8Array, at: number) => bytes.length >= at + 8 && String.fromCharCode(...bytes.subarray(at, at + 8)) === 'EFI PART';

/** A disk image or table head: 55 AA at 510 and a GPT header, or MBR entries with a sane status byte. */
export function looksLikeDiskTable(bytes: Uint8Array): boolean {
  if (!hasBootSignature(bytes)) return false;
  if (hasGptAt(bytes, 512) || hasGptAt(bytes, 4096)) return true;
  let used = 0;
  for (let slot = 0; slot < 4; slot++) {
    const at = 0x1be + slot * 16;
    if (bytes[at] !== 0 && bytes[at] !== 0x80) return false;
    if (bytes[at + 4] !== 0) used++;
  }
  return used > 0;
}

function u32(bytes: Uint8Array, at: number): number {
  return bytes[at] + bytes[at + 1] * 0x100 + bytes[at + 2] * 0x10000 + bytes[at + 3] * 0x1000000;
}

/** Reads a disk image (or the head exported above) through its sectors; sectors past the file are unreadable. */
export function importDiskTable(bytes: Uint8Array, current: LayoutDocument): TableImport {
  const reader = (size: number) => (lba: number) => (lba >= 0 && (lba + 1) * size <= bytes.length ? bytes.subarray(lba * size, (lba + 1) * size) : undefined);
  const fileUnits = Math.floor(bytes.length / 512);
  if (hasGptAt(bytes, 512) || hasGptAt(bytes, 4096)) {
    const size = hasGptAt(bytes, 512) ? 512 : 4096;
    // A table head alone still names the disk's last sector in its AlternateLBA.
    const alternate = u32(bytes, size + 32) + u32(bytes, size + 36) * 2 ** 32;
    const diskSectors = Math.max(Math.floor(bytes.length / size), alternate + 1);
    const parsed = parseGpt(reader(size), { sectorSize: size, diskSectors });
    const source = { label: 'gpt' as const, sectorSize: size, diskSectors, table: parsed.table, entriesLba: parsed.primary?.partitionEntryLba ?? parsed.backup?.partitionEntryLba, entryCount: (parsed.primary ?? parsed.backup)?.numberOfPartitionEntries };
    const warnings = parsed.warnings.filter((w) => !(bytes.length < diskSectors * size && /backup/.test(w.message))).map((w) => (w.offset !== undefined ? `at ${formatHex(w.offset)}: ${w.message}` : w.message));
    return { document: documentFromTable(source, current), warnings };
  }
  const size = current.device.family === 'emmc' ? sectorSize(current) : 512;
  const parsed = parseMbr(reader(size), { sectorSize: size });
  const end = Math.max(Math.floor(bytes.length / size), ...parsed.table.partitions.map((p) => p.startLba + p.sectors));
  const diskSectors = current.device.family === 'emmc' ? Math.max(end, Math.floor(current.device.size / size)) : Math.max(end, fileUnits);
  const source = { label: 'dos' as const, sectorSize: size, diskSectors, table: parsed.table };
  return { document: documentFromTable(source, current), warnings: parsed.warnings.map((w) => (w.offset !== undefined ? `at ${formatHex(w.offset)}: ${w.message}` : w.message)) };
}
