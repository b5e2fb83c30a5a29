/**
 * Writes a bmap file exactly as bmaptool 3.6 `create` does (BmapCreate.py): the same comment
 * preamble, spacing and element order, the same Python number formatting in the comments, and the
 * same `BmapFileChecksum`: the sha256 of the file written with 64 ASCII '0' in its place.
 */
import { sha256 } from 'hash-wasm';
import { FormatError } from '../errors';
import { MAX_BYTES } from '../../model/units';
import { humanSize, pyFixed1 } from './python-format';
import { blocksFor, DEFAULT_BLOCK_SIZE, type BmapInput, type BmapRange } from './records';

const PREAMBLE = `<?xml version="1.0" ?>
<!-- This file contains the block map for an image file, which is basically
     a list of useful (mapped) block numbers in the image file. In other words,
     it lists only those blocks which contain data (boot sector, partition
     table, file-system metadata, files, directories, extents, etc). These
     blocks have to be copied to the target device. The other blocks do not
     contain any useful data and do not have to be copied to the target
     device.

     The block map an optimization which allows to copy or flash the image to
     the image quicker than copying of flashing the entire image. This is
     because with bmap less data is copied: <MappedBlocksCount> blocks instead
     of <BlocksCount> blocks.

     Besides the machine-readable data, this file contains useful commentaries
     which contain human-readable information like image size, percentage of
     mapped data, etc.

     The 'version' attribute is the block map file format version in the
     'major.minor' format. The version major number is increased whenever an
     incompatible block map format change is made. The minor number changes
     in case of minor backward-compatible changes. -->

`;

const SHA256_DIGITS = 64;

/**
 * bmaptool writes blanks first and overwrites them in place once the counts are known; a longer
 * value runs on over the blanks that follow, exactly as a seek-and-write does.
 */
function overwrite(blanks: string, value: string): string {
  return value + blanks.slice(value.length);
}

function checkInput(input: BmapInput, blockSize: number): number {
  const { imageSize, ranges } = input;
  if (!Number.isSafeInteger(imageSize) || imageSize < 1) throw new FormatError(`ImageSize must be a whole number of bytes from 1 to 2^53 - 1, found ${String(imageSize)}`);
  if (!Number.isSafeInteger(blockSize) || blockSize < 1) throw new FormatError(`BlockSize must be a whole number of bytes of at least 1, found ${String(blockSize)}`);
  const blocksCount = blocksFor(imageSize, blockSize);
  if (blocksCount * blockSize > MAX_BYTES) throw new FormatError(`${blocksCount} blocks of ${blockSize} bytes go past 2^53 - 1 bytes`);
  let previous: BmapRange | undefined;
  for (const range of ranges) {
    const { first, last, chksum } = range;
    const shown = first === last ? `${first}` : `${first}-${last}`;
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || first < 0 || last < first) {
      throw new FormatError(`Range ${shown}: expected block numbers with first <= last, both from 0`);
    }
    if (last >= blocksCount) throw new FormatError(`Range ${shown} goes past the image's last block ${blocksCount - 1}`);
    if (previous && first <= previous.last) throw new FormatError(`Range ${shown} does not follow the range ${previous.first}-${previous.last}: ranges must be sorted and must not overlap`);
    if (chksum !== undefined && !/^[0-9a-f]{64}$/.test(chksum)) throw new FormatError(`Range ${shown}: chksum must be 64 lower-case hex digits (sha256)`);
    previous = range;
  }
  return blocksCount;
}

function rangeLine({ first, last, chksum }: BmapRange): string {
  const attribute = chksum === undefined ? '' : ` chksum="${chksum}"`;
  return `        <Range${attribute}> ${first === last ? first : `${first}-${last}`} </Range>\n`;
}

/** The .bmap text for an image of `imageSize` bytes whose data lies in `ranges`. */
export async function emitBmap(input: BmapInput): Promise<string> {
  const blockSize = input.blockSize ?? DEFAULT_BLOCK_SIZE;
  const blocksCount = checkInput(input, blockSize);
  const mapped = input.ranges.reduce((sum, range) => sum + range.last - range.first + 1, 0);
  const imageHuman = humanSize(input.imageSize);
  const mappedSummary = `${humanSize(mapped * blockSize)} or ${pyFixed1((mapped * 100) / blocksCount)}%`;

  const head =
    PREAMBLE +
    `<bmap version="2.0">\n` +
    `    <!-- Image size in bytes: ${imageHuman} -->\n` +
    `    <ImageSize> ${input.imageSize} </ImageSize>\n\n` +
    `    <!-- Size of a block in bytes -->\n` +
    `    <BlockSize> ${blockSize} </BlockSize>\n\n` +
    `    <!-- Count of blocks in the image file -->\n` +
    `    <BlocksCount> ${blocksCount} </BlocksCount>\n\n` +
    `    <!-- Count of mapped blocks: ${overwrite(`${' '.repeat(imageHuman.length)} or ${' '.repeat('100.0%'.length)}   -->`, mappedSummary)}\n` +
    `    <MappedBlocksCount> ${overwrite(' '.repeat(String(blocksCount).length), String(mapped))} </MappedBlocksCount>\n\n` +
    `    <!-- Type of checksum used in this file -->\n` +
    `    <ChecksumType> sha256 </ChecksumType>\n\n` +
    `    <!-- The checksum of this bmap file. When it is calculated, the value of\n` +
    `         the checksum has be zero (all ASCII "0" symbols).  -->\n` +
    `    <BmapFileChecksum> `;
  const tail =
    ` </BmapFileChecksum>\n\n` +
    `    <!-- The block map which consists of elements which may either be a\n` +
    `         range of blocks or a single block. The 'chksum' attribute\n` +
    `         (if present) is the checksum of this blocks range. -->\n` +
    `    <BlockMap>\n` +
    input.ranges.map(rangeLine).join('') +
    `    </BlockMap>\n` +
    `</bmap>\n`;
  const checksum = await sha256(head + '0'.repeat(SHA256_DIGITS) + tail);
  return head + checksum + tail;
}
