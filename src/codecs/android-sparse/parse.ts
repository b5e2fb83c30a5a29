/**
 * Reads the header and chunk list of an Android sparse image by random access, the way libsparse's
 * sparse_file_read_sparse walks it but without inflating: only the 12-byte chunk headers (and the
 * 4-byte value of FILL and CRC32 chunks) are read, RAW data is skipped by its size. Larger
 * file_hdr_sz / chunk_hdr_sz are honoured. Work is bounded by the file size: a file of S bytes
 * holds at most (S - file_hdr_sz) / chunk_hdr_sz chunks, whatever total_chunks claims.
 */
import { u16le, u32le } from '../bytes';
import { FormatError } from '../errors';
import { formatHex, MAX_BYTES } from '../../model/units';
import { CHUNK_HDR_SZ, CHUNK_TYPES, FILE_HDR_SZ, MAJOR_VERSION, SPARSE_MAGIC, type SparseChunk, type SparseChunkType, type SparseHeader, type SparseImage } from './format';
import { readExactly, type ReadAt } from '../read-at';

function fail(message: string, offset: number): never {
  throw new FormatError(`${message} (offset ${formatHex(offset)})`, { offset }, message);
}

const TYPE_BY_CODE = new Map<number, SparseChunkType>(Object.entries(CHUNK_TYPES).map(([name, code]) => [code, name as SparseChunkType]));

async function readHeader(read: ReadAt, fileSize: number): Promise<SparseHeader> {
  if (fileSize < FILE_HDR_SZ) fail(`a sparse image starts with a ${FILE_HDR_SZ}-byte header, but the file has ${fileSize} bytes`, 0);
  const bytes = await readExactly(read, 0, FILE_HDR_SZ, 'sparse header');
  const magic = u32le(bytes, 0);
  if (magic !== SPARSE_MAGIC) fail(`not an Android sparse image: magic should be 0xED26FF3A, found ${formatHex(magic)}`, 0);
  const header: SparseHeader = {
    majorVersion: u16le(bytes, 4),
    minorVersion: u16le(bytes, 6),
    fileHdrSz: u16le(bytes, 8),
    chunkHdrSz: u16le(bytes, 10),
    blkSz: u32le(bytes, 12),
    totalBlks: u32le(bytes, 16),
    totalChunks: u32le(bytes, 20),
    imageChecksum: u32le(bytes, 24),
  };
  if (header.majorVersion !== MAJOR_VERSION) fail(`sparse format major version ${header.majorVersion} is not supported: expected 1`, 4);
  if (header.fileHdrSz < FILE_HDR_SZ) fail(`file_hdr_sz is ${header.fileHdrSz}, less than the ${FILE_HDR_SZ} bytes of the header`, 8);
  if (header.chunkHdrSz < CHUNK_HDR_SZ) fail(`chunk_hdr_sz is ${header.chunkHdrSz}, less than the ${CHUNK_HDR_SZ} bytes of a chunk header`, 10);
  if (header.blkSz === 0 || header.blkSz % 4 !== 0) fail(`blk_sz must be a non-zero multiple of 4, found ${header.blkSz}`, 12);
  if (header.totalBlks * header.blkSz > MAX_BYTES) fail(`total_blks ${header.totalBlks} of ${header.blkSz} bytes make an image above 2^53 - 1 bytes`, 16);
  if (header.fileHdrSz > fileSize) fail(`file_hdr_sz ${header.fileHdrSz} is larger than the file (${fileSize} bytes)`, 8);
  const room = Math.floor((fileSize - header.fileHdrSz) / header.chunkHdrSz);
  if (header.totalChunks > room) {
    fail(`total_chunks is ${header.totalChunks}, but a file of ${fileSize} bytes has room for at most ${room} chunk headers of ${header.chunkHdrSz} bytes`, 20);
  }
  return header;
}

/** The data size each chunk type must have, given its chunk_sz. */
function expectedDataSize(type: SparseChunkType, chunkSz: number, blkSz: number): number {
  switch (type) {
    case 'raw':
      return chunkSz * blkSz;
    case 'fill':
    case 'crc32':
      return 4;
    case 'dont-care':
      return 0;
  }
}

async function readChunk(read: ReadAt, header: SparseHeader, index: number, offset: number, outputBlock: number, fileSize: number): Promise<SparseChunk> {
  const where = `chunk ${index + 1} of ${header.totalChunks}`;
  if (offset + header.chunkHdrSz > fileSize) fail(`${where}: its header would end at ${formatHex(offset + header.chunkHdrSz)}, past the end of the file (${fileSize} bytes)`, offset);
  const bytes = await readExactly(read, offset, CHUNK_HDR_SZ, `${where} header`);
  const code = u16le(bytes, 0);
  const chunkType = TYPE_BY_CODE.get(code);
  if (!chunkType) fail(`${where}: unknown chunk type ${formatHex(code)} (expected 0xCAC1 raw, 0xCAC2 fill, 0xCAC3 don't care or 0xCAC4 crc32)`, offset);
  const chunkSz = u32le(bytes, 4);
  const totalSz = u32le(bytes, 8);
  const dataSize = expectedDataSize(chunkType, chunkSz, header.blkSz);
  if (totalSz !== header.chunkHdrSz + dataSize) {
    const detail = chunkType === 'raw' ? `chunk_hdr_sz ${header.chunkHdrSz} + ${chunkSz} blocks of ${header.blkSz} bytes = ${header.chunkHdrSz + dataSize}` : `chunk_hdr_sz ${header.chunkHdrSz} + ${dataSize}`;
    fail(`${where} (${chunkType}): total_sz is ${totalSz}, expected ${detail}`, offset + 8);
  }
  if (offset + totalSz > fileSize) fail(`${where} (${chunkType}) of ${totalSz} bytes runs past the end of the file (${fileSize} bytes)`, offset);
  if (chunkType === 'crc32' && chunkSz !== 0) fail(`${where}: a crc32 chunk stands for no output blocks, but chunk_sz is ${chunkSz}`, offset + 4);
  if (outputBlock + chunkSz > header.totalBlks) {
    fail(`${where} (${chunkType}) ends at output block ${outputBlock + chunkSz}, past total_blks ${header.totalBlks}`, offset + 4);
  }
  const chunk: SparseChunk = { chunkType, chunkSz, totalSz, offset, outputBlock };
  if (chunkType === 'fill' || chunkType === 'crc32') {
    const value = u32le(await readExactly(read, offset + header.chunkHdrSz, 4, `${where} value`), 0);
    if (chunkType === 'fill') chunk.fillValue = value;
    else chunk.crc32 = value;
  }
  return chunk;
}

/** The header and chunks of the sparse image of `fileSize` bytes behind `read`. */
export async function parseSparse(read: ReadAt, fileSize: number): Promise<SparseImage> {
  if (!Number.isSafeInteger(fileSize) || fileSize < 0) throw new FormatError(`file size must be a whole number of bytes, found ${String(fileSize)}`);
  const header = await readHeader(read, fileSize);
  const chunks: SparseChunk[] = [];
  let offset = header.fileHdrSz;
  let outputBlock = 0;
  for (let index = 0; index < header.totalChunks; index++) {
    const chunk = await readChunk(read, header, index, offset, outputBlock, fileSize);
    chunks.push(chunk);
    offset += chunk.totalSz;
    outputBlock += chunk.chunkSz;
  }
  if (outputBlock !== header.totalBlks) fail(`the ${header.totalChunks} chunks stand for ${outputBlock} output blocks, but total_blks is ${header.totalBlks}`, 16);
  return { header, chunks, end: offset };
}
