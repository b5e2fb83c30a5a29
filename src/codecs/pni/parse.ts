/**
 * Reading PARTINFO.pni: exactly 512 bytes, the checksum U-Boot verifies, at most 62 records.
 * What a rewrite would not keep (bytes after the last record) and what looks odd (records past
 * the flash end, type codes of older SDKs) are warnings. `parsePniSet` reads files that hold
 * several PNIs back to back, such as U-Boot's drivers/mstar/spinand/cis/PARTITION_v2_default.pni
 * (one per flash geometry).
 */
import { hex, u16le, u32le } from '../bytes';
import { FormatError } from '../errors';
import { OFFSET, PNI_BYTES, PNI_HEADER_BYTES, PNI_MAX_RECORDS, PNI_RECORD_BYTES, pniChecksum, type Pni, type PniHeader, type PniRecord } from './records';

export interface ParsedPni extends Pni {
  /** `u32_ChkSum` as stored (it matched). */
  checksum: number;
  warnings: string[];
}

/** UNFD_PART_OS: the KERNEL code of older SDKs, commented out in the argv pnigenerator. */
const OLD_KERNEL_TYPE = 0x04;

function checkLength(bytes: Uint8Array): void {
  if (bytes.length === PNI_BYTES) return;
  if (bytes.length < PNI_BYTES) {
    throw new FormatError(`a PNI is ${PNI_BYTES} bytes (a ${PNI_HEADER_BYTES}-byte header and ${PNI_MAX_RECORDS} records of ${PNI_RECORD_BYTES} bytes), but the input ends at ${hex(bytes.length)}: the file is truncated`, { offset: bytes.length });
  }
  const set = bytes.length % PNI_BYTES === 0 ? ` (${bytes.length / PNI_BYTES} PNIs back to back? read them with parsePniSet)` : '';
  throw new FormatError(`a PNI is ${PNI_BYTES} bytes, found ${bytes.length}${set}`, { offset: PNI_BYTES });
}

function readHeader(bytes: Uint8Array): PniHeader {
  return {
    spareByteCount: u16le(bytes, OFFSET.spareByteCount),
    pageByteCount: u16le(bytes, OFFSET.pageByteCount),
    blockPageCount: u16le(bytes, OFFSET.blockPageCount),
    blockCount: u16le(bytes, OFFSET.blockCount),
    unitByteCount: u16le(bytes, OFFSET.unitByteCount),
  };
}

function readRecord(bytes: Uint8Array, index: number): PniRecord {
  const at = PNI_HEADER_BYTES + index * PNI_RECORD_BYTES;
  return {
    startBlock: u16le(bytes, at),
    blockCount: u16le(bytes, at + 2),
    partType: u16le(bytes, at + 4),
    backupBlockCount: u16le(bytes, at + 6),
  };
}

function recordWarnings(header: PniHeader, records: PniRecord[]): string[] {
  const warnings: string[] = [];
  records.forEach((record, i) => {
    const end = record.startBlock + record.blockCount + record.backupBlockCount;
    if (end > header.blockCount) {
      warnings.push(`PNI record ${i} (type 0x${record.partType.toString(16).padStart(4, '0')}) ends at block ${end}, past the ${header.blockCount} blocks of the flash`);
    }
    if (record.partType === OLD_KERNEL_TYPE) {
      warnings.push(`PNI record ${i} has type 0x0004 (UNFD_PART_OS), the KERNEL code of older SDKs: U-Boot names it KERNEL, the argv pnigenerator never writes it`);
    }
  });
  if (header.unitByteCount !== PNI_RECORD_BYTES) warnings.push(`the record size field (u16_UnitByteCnt) is ${header.unitByteCount}, but records are ${PNI_RECORD_BYTES} bytes`);
  return warnings;
}

export function parsePni(bytes: Uint8Array): ParsedPni {
  checkLength(bytes);
  const checksum = u32le(bytes, OFFSET.checksum);
  const computed = pniChecksum(bytes);
  if (checksum !== computed) {
    throw new FormatError(`PNI checksum at 0x0 is ${hex(checksum)}, but the bytes 0x4..0x1FF add up to ${hex(computed)}`, { offset: OFFSET.checksum });
  }
  const count = u16le(bytes, OFFSET.partCount);
  if (count > PNI_MAX_RECORDS) throw new FormatError(`PNI record count at 0xC is ${count}; a PNI holds at most ${PNI_MAX_RECORDS} records`, { offset: OFFSET.partCount });
  const header = readHeader(bytes);
  const records = Array.from({ length: count }, (_, i) => readRecord(bytes, i));
  const warnings = recordWarnings(header, records);
  const unused = PNI_HEADER_BYTES + count * PNI_RECORD_BYTES;
  const stray = bytes.subarray(unused).findIndex((b) => b !== 0);
  if (stray !== -1) warnings.push(`bytes after the last record are not zero (first at ${hex(unused + stray)}); they are not kept`);
  return { header, records, checksum, warnings };
}

/** Several PNIs back to back, each 512 bytes; errors give the offset in the whole input. */
export function parsePniSet(bytes: Uint8Array): ParsedPni[] {
  if (bytes.length === 0 || bytes.length % PNI_BYTES !== 0) {
    const cut = bytes.length % PNI_BYTES;
    throw new FormatError(
      `a set of PNIs is a whole number of ${PNI_BYTES}-byte PNIs, but the input ends at ${hex(bytes.length)}, ${cut} bytes into PNI ${Math.floor(bytes.length / PNI_BYTES)}: the file is truncated`,
      { offset: bytes.length },
    );
  }
  const set: ParsedPni[] = [];
  for (let at = 0; at < bytes.length; at += PNI_BYTES) {
    try {
      set.push(parsePni(bytes.subarray(at, at + PNI_BYTES)));
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      throw new FormatError(`PNI ${at / PNI_BYTES} (at ${hex(at)}): ${error.message}`, { offset: at + (error.offset ?? 0) });
    }
  }
  return set;
}
