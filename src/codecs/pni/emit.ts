/**
 * Writing PARTINFO.pni as pnigenerator does: the header, `u16_PartCnt`, the records, zeros in the
 * unused records, then the checksum over bytes 4..511.
 */
import { putU16le, putU32le } from '../bytes';
import { FormatError } from '../errors';
import { OFFSET, PNI_BYTES, PNI_HEADER_BYTES, PNI_MAX_RECORDS, PNI_RECORD_BYTES, RECORD_FIELDS, pniChecksum, type Pni } from './records';

export function emitPni(pni: Pni): Uint8Array {
  const { header, records } = pni;
  if (records.length > PNI_MAX_RECORDS) {
    throw new FormatError(`a PNI holds at most ${PNI_MAX_RECORDS} records, found ${records.length}`);
  }
  const bytes = new Uint8Array(PNI_BYTES);
  putU16le(bytes, OFFSET.spareByteCount, header.spareByteCount, 'PNI spare bytes per page (u16_SpareByteCnt)');
  putU16le(bytes, OFFSET.pageByteCount, header.pageByteCount, 'PNI page bytes (u16_PageByteCnt)');
  putU16le(bytes, OFFSET.blockPageCount, header.blockPageCount, 'PNI pages per block (u16_BlkPageCnt)');
  putU16le(bytes, OFFSET.blockCount, header.blockCount, 'PNI block count (u16_BlkCnt)');
  putU16le(bytes, OFFSET.partCount, records.length, 'PNI record count (u16_PartCnt)');
  putU16le(bytes, OFFSET.unitByteCount, header.unitByteCount, 'PNI record size (u16_UnitByteCnt)');
  records.forEach((record, i) => {
    RECORD_FIELDS.forEach((field, k) => {
      putU16le(bytes, PNI_HEADER_BYTES + i * PNI_RECORD_BYTES + 2 * k, record[field], `PNI record ${i} ${field}`);
    });
  });
  putU32le(bytes, OFFSET.checksum, pniChecksum(bytes));
  return bytes;
}
