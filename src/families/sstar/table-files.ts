/**
 * SigmaStar files of a layout, as the registry entries offer them: MXP_SF.bin, PARTINFO.pni,
 * partition.config, mtdparts, the burn scripts, the generator command line and fw_env.config.
 * Each reads into a layout of the SigmaStar family it is for and writes what the SDK writes.
 */
import { emitMxp, parseMxp, MXP_TABLE_BYTES } from '../../codecs/mxp';
import { emitPni, parsePni, parsePniSet, PNI_BYTES, PNI_HEADER_BYTES, PNI_MAX_RECORDS, PNI_RECORD_BYTES, type ParsedPni } from '../../codecs/pni';
import { FormatError } from '../../codecs/errors';
import { decodeText } from '../../codecs/text';
import type { LayoutDocument } from '../../model/document';
import { generatorCommand, fwEnvLines } from './commands';
import { configToDocument } from './config-import';
import { documentToConfig } from './config-export';
import { documentMtdparts, looksLikeMtdparts, mtdpartsToDocument } from './mtdparts-bridge';
import { documentMxpRecords, mxpToDocument } from './mxp-bridge';
import { nandGeometry } from './geometry';
import { documentPniLayout, pniToDocument } from './pni-bridge';
import { scriptBundle } from './scripts';

export interface FileImport {
  document: LayoutDocument;
  warnings: string[];
  choices?: Array<{ name: string; values: string[]; chosen: string }>;
}

export interface ImportSettings {
  defines?: Readonly<Record<string, string>>;
  deviceSize?: number;
}

function text(bytes: Uint8Array, what: string): string {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new FormatError(`the ${what} is not valid ${decoded.encoding.toUpperCase()} text at byte 0x${decoded.offset.toString(16)}`, { offset: decoded.offset });
  return decoded.text;
}

const hasAscii = (bytes: Uint8Array, at: number, ascii: string) => [...ascii].every((char, i) => bytes[at + i] === char.charCodeAt(0));

/** 4096 bytes starting with the first record's magic. */
/** The MXPT magic in a table of the right size, or a shorter one: a cut table, whose reader says where it ends. */
export function isMxpTable(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes.length <= MXP_TABLE_BYTES && hasAscii(bytes, 0, 'MXPT');
}

export function importMxp(bytes: Uint8Array, current: LayoutDocument): FileImport {
  return mxpToDocument(parseMxp(bytes), current);
}

export function exportMxp(document: LayoutDocument): { bytes: Uint8Array } {
  return { bytes: emitMxp(documentMxpRecords(document)) };
}

function checksumOk(bytes: Uint8Array, at: number): boolean {
  let sum = 0;
  for (let i = at + 4; i < at + PNI_BYTES; i++) sum += bytes[i];
  const stored = (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) + bytes[at + 3] * 2 ** 24;
  return sum === stored;
}

/**
 * The start of a PNI cut short: a whole header a NAND has (page and block sizes that are powers of
 * two, spare bytes, 8-byte records, at most 62 of them) and a checksum the bytes present do not
 * exceed and the bytes missing could make up. Read as a PNI, its reader says where it ends.
 */
function isCutPni(bytes: Uint8Array): boolean {
  if (bytes.length < PNI_HEADER_BYTES || bytes.length >= PNI_BYTES) return false;
  const u16 = (at: number) => bytes[at] | (bytes[at + 1] << 8);
  const powerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;
  const [spare, page, blockPages, blocks, count, unit] = [4, 6, 8, 10, 12, 14].map(u16);
  const header = powerOfTwo(page) && page >= 512 && spare > 0 && spare <= page / 4 && powerOfTwo(blockPages) && blockPages >= 16 && blocks > 0 && count <= PNI_MAX_RECORDS && unit === PNI_RECORD_BYTES;
  let present = 0;
  for (let i = 4; i < bytes.length; i++) present += bytes[i];
  const stored = u16(0) + u16(2) * 0x10000;
  return header && stored >= present && stored - present <= 0xff * (PNI_BYTES - bytes.length);
}

/** One or more 512-byte PNIs whose first checksum holds (U-Boot's own test of a PNI), or a cut one (see isCutPni). */
export function isPni(bytes: Uint8Array): boolean {
  if (bytes.length > 64 * PNI_BYTES) return false;
  if (bytes.length >= PNI_BYTES) return checksumOk(bytes, 0);
  return isCutPni(bytes);
}

/** A set of PNIs (one per flash geometry, as U-Boot's PARTITION_v2_default.pni): the one of the current geometry, else the first. */
function choosePni(bytes: Uint8Array, current: LayoutDocument): { pni: ParsedPni; warnings: string[] } {
  // One PNI, or less than one: its reader says where a cut one ends.
  if (bytes.length <= PNI_BYTES) return { pni: parsePni(bytes), warnings: [] };
  const set = parsePniSet(bytes);
  const geometry = current.device.family === 'sstar-nand' ? nandGeometry(current.device) : undefined;
  const index = geometry ? set.findIndex((p) => p.header.blockCount === geometry.blockCount && p.header.pageByteCount === geometry.pageBytes && p.header.spareByteCount === geometry.spareBytes) : -1;
  const chosen = index === -1 ? 0 : index;
  const described = set.map((p, i) => `${i}: ${p.header.blockCount} blocks of ${p.header.blockPageCount} × ${p.header.pageByteCount}+${p.header.spareByteCount}`).join('; ');
  return { pni: set[chosen], warnings: [`the file holds ${set.length} PNIs, one per flash geometry (${described}); PNI ${chosen} is read${index === -1 ? ' (none matches the current layout)' : ', the current layout\'s geometry'}`] };
}

export function importPni(bytes: Uint8Array, current: LayoutDocument): FileImport {
  const { pni, warnings } = choosePni(bytes, current);
  const read = pniToDocument(pni, current);
  return { document: read.document, warnings: [...warnings, ...read.warnings] };
}

export function exportPni(document: LayoutDocument): { bytes: Uint8Array; warnings: string[] } {
  const layout = documentPniLayout(document);
  return { bytes: emitPni(layout.pni), warnings: layout.warnings };
}

/** Text with IMAGE_LIST or the SDK's per-image variables. */
export function isPartitionConfig(bytes: Uint8Array): boolean {
  const decoded = decodeText(bytes.subarray(0, 64 * 1024));
  if (!decoded.ok) return false;
  return /^[ \t]*IMAGE_LIST[ \t]*[:?+]?=/m.test(decoded.text) || /^[ \t]*[A-Za-z0-9_]+\$\((PATSIZE|BOOTTAB|SYSTAB|MTDPART|RESOUCE)\)[ \t]*[:?+]?=/m.test(decoded.text);
}

export function importPartitionConfig(bytes: Uint8Array, current: LayoutDocument, settings: ImportSettings = {}): FileImport {
  return configToDocument(bytes, current, settings);
}

export function exportPartitionConfig(document: LayoutDocument): { text: string; warnings: string[] } {
  return documentToConfig(document);
}

export function isMtdparts(bytes: Uint8Array): boolean {
  if (bytes.length > 64 * 1024) return false;
  const decoded = decodeText(bytes);
  return decoded.ok && looksLikeMtdparts(decoded.text);
}

export function importMtdparts(bytes: Uint8Array, current: LayoutDocument, settings: ImportSettings = {}): FileImport {
  return mtdpartsToDocument(text(bytes, 'mtdparts string'), current, settings.deviceSize);
}

export function exportMtdparts(document: LayoutDocument): { text: string } {
  return { text: `${documentMtdparts(document)}\n` };
}

export function exportScripts(document: LayoutDocument): { bytes: Uint8Array } {
  const table = document.device.family === 'sstar-nand' ? { path: 'boot/PARTINFO.pni', bytes: exportPni(document).bytes } : { path: 'boot/MXP_SF.bin', bytes: exportMxp(document).bytes };
  return { bytes: scriptBundle(document, table) };
}

export function exportGeneratorCommand(document: LayoutDocument): { text: string } {
  return { text: generatorCommand(document) };
}

export function exportFwEnv(document: LayoutDocument): { text: string; warnings: string[] } {
  return fwEnvLines(document);
}
