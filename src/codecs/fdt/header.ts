/**
 * The flattened device tree header (dtc libfdt/fdt.h, `struct fdt_header`): ten big-endian u32,
 * checked as libfdt's fdt_check_header checks them: magic, versions, and every block inside
 * totalsize. Versions 16 and 17 are read (what dtc and mkimage have written for twenty years);
 * older layouts, with full paths as node names, are refused.
 */
import { u32be } from '../bytes';
import { FormatError } from '../errors';
import { formatHex } from '../../model/units';

export const FDT_MAGIC = 0xd00dfeed;
export const FDT_HEADER_SIZE = 40;
const FIRST_VERSION = 16;
const LAST_COMP_VERSION = 17;

export interface FdtHeader {
  magic: number;
  totalsize: number;
  offDtStruct: number;
  offDtStrings: number;
  offMemRsvmap: number;
  version: number;
  lastCompVersion: number;
  bootCpuidPhys: number;
  sizeDtStrings: number;
  /** Version 17 and later; for version 16 the structure block runs to totalsize. */
  sizeDtStruct: number;
}

function fail(message: string, offset: number): never {
  throw new FormatError(`${message} (offset ${formatHex(offset)})`, { offset }, message);
}

/** The header at `offset` of `bytes` (only its 40 bytes are needed). */
export function parseFdtHeader(bytes: Uint8Array, offset = 0): FdtHeader {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset + FDT_HEADER_SIZE > bytes.length) {
    fail(`a device tree header needs ${FDT_HEADER_SIZE} bytes, but the input has ${Math.max(0, bytes.length - Math.max(0, offset))} there`, Math.min(Math.max(0, offset), bytes.length));
  }
  const field = (index: number) => u32be(bytes, offset + 4 * index);
  const header: FdtHeader = {
    magic: field(0),
    totalsize: field(1),
    offDtStruct: field(2),
    offDtStrings: field(3),
    offMemRsvmap: field(4),
    version: field(5),
    lastCompVersion: field(6),
    bootCpuidPhys: field(7),
    sizeDtStrings: field(8),
    sizeDtStruct: field(9),
  };
  const at = (index: number) => offset + 4 * index;
  if (header.magic !== FDT_MAGIC) fail(`not a device tree: magic should be 0xD00DFEED, found ${formatHex(header.magic)}`, at(0));
  if (header.version < FIRST_VERSION) fail(`device tree version ${header.version} is older than 16 and not supported`, at(5));
  if (header.lastCompVersion > LAST_COMP_VERSION) fail(`device tree last_comp_version ${header.lastCompVersion} is newer than 17, the last this reader knows`, at(6));
  if (header.version < header.lastCompVersion) fail(`device tree version ${header.version} is below its last_comp_version ${header.lastCompVersion}`, at(5));
  const { totalsize } = header;
  if (totalsize < FDT_HEADER_SIZE) fail(`device tree totalsize ${totalsize} is smaller than its ${FDT_HEADER_SIZE}-byte header`, at(1));
  const inside = (start: number, size: number, what: string, index: number) => {
    if (start < FDT_HEADER_SIZE || start + size > totalsize) {
      fail(`device tree ${what} (${formatHex(start)}, ${size} bytes) is not inside the blob (header to totalsize ${formatHex(totalsize)})`, at(index));
    }
  };
  inside(header.offMemRsvmap, 0, 'memory reservation map', 4);
  inside(header.offDtStruct, header.version >= 17 ? header.sizeDtStruct : 0, 'structure block', 2);
  inside(header.offDtStrings, header.sizeDtStrings, 'strings block', 3);
  if (header.offDtStruct % 4 !== 0) fail(`device tree structure block offset ${formatHex(header.offDtStruct)} is not a multiple of 4`, at(2));
  return header;
}

/** The end of the structure block: its size is known from version 17 on. */
export function structEnd(header: FdtHeader): number {
  return header.version >= 17 ? header.offDtStruct + header.sizeDtStruct : header.totalsize;
}
