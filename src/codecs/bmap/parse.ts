/**
 * Reads a bmap file with the checks bmaptool 3.6 `copy` applies (BmapCopy.py) and a few it leaves
 * out: format 2.0 (or 1.4, the same format), BlocksCount = ceil(ImageSize / BlockSize), ranges
 * inside the image, sorted and not overlapping, MappedBlocksCount equal to the blocks they hold,
 * and the BmapFileChecksum verified the way bmaptool verifies it. Errors carry line and column.
 */
import { sha256, sha512 } from 'hash-wasm';
import { FormatError } from '../errors';
import { decodeUtf8, encodeUtf8 } from '../text';
import { MAX_BYTES } from '../../model/units';
import { blocksFor, CHECKSUM_DIGITS, type Bmap, type BmapChecksumType, type BmapRange } from './records';
import { parseXml, quote, type XmlElement, type XmlLocation } from './xml';

const FIELDS = ['ImageSize', 'BlockSize', 'BlocksCount', 'MappedBlocksCount', 'ChecksumType', 'BmapFileChecksum', 'BlockMap'] as const;
type Field = (typeof FIELDS)[number];

function fail(message: string, where: XmlLocation): never {
  throw new FormatError(`${message} (line ${where.line}, column ${where.column})`, { line: where.line, column: where.column }, message);
}

function checkVersion(root: XmlElement): string {
  const attribute = root.attributes.get('version');
  if (!attribute) fail('<bmap> has no version attribute: expected version="2.0"', root);
  const match = /^([0-9]{1,9})\.([0-9]{1,9})$/.exec(attribute.value);
  if (!match) fail(`bmap version ${quote(attribute.value)} is not of the form major.minor`, attribute);
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major === 2 || (major === 1 && minor === 4)) return attribute.value;
  if (major > 2) fail(`bmap format version ${attribute.value} is not supported: only versions up to 2.0 are`, attribute);
  if (major === 1 && minor === 3) {
    fail('bmap format version 1.3 uses SHA-1 checksums (BmapFileSHA1 and sha1= attributes), which are not accepted: recreate the bmap with bmaptool 3.1 or later (format 2.0, sha256)', attribute);
  }
  fail(`bmap format version ${attribute.value} is not supported: expected 2.0 (or 1.4)`, attribute);
}

/** The first-level elements this reader knows, each at most once; others are left alone. */
function fieldsOf(root: XmlElement): Map<Field, XmlElement> {
  const fields = new Map<Field, XmlElement>();
  for (const child of root.children) {
    const name = FIELDS.find((field) => field === child.name);
    if (!name) continue;
    const earlier = fields.get(name);
    if (earlier) fail(`<${name}> appears twice (first at line ${earlier.line})`, child);
    fields.set(name, child);
  }
  for (const name of FIELDS) if (!fields.has(name)) fail(`<bmap> has no <${name}> element`, root);
  return fields;
}

function leafText(element: XmlElement): string {
  if (element.children.length > 0) fail(`<${element.name}> must hold only text, found the element <${element.children[0].name}>`, element.children[0]);
  return element.text.trim();
}

function wholeNumber(element: XmlElement, min: number): number {
  const text = leafText(element);
  if (!/^[0-9]+$/.test(text)) fail(`<${element.name}> must hold a whole number, found ${quote(text)}`, element.textAt);
  const value = Number(text);
  if (value > MAX_BYTES) fail(`<${element.name}> ${quote(text)} is above 2^53 - 1`, element.textAt);
  if (value < min) fail(`<${element.name}> must be at least ${min}, found ${text}`, element.textAt);
  return value;
}

function checksumType(element: XmlElement): BmapChecksumType {
  const text = leafText(element);
  const type = text.toLowerCase();
  if (type !== 'sha256' && type !== 'sha512') fail(`<ChecksumType> ${quote(text)} is not supported: expected sha256 (or sha512)`, element.textAt);
  return type;
}

function digest(text: string, type: BmapChecksumType, what: string, where: XmlLocation): string {
  const digits = CHECKSUM_DIGITS[type];
  if (text.length !== digits || !/^[0-9a-f]+$/.test(text)) fail(`${what} must be ${digits} lower-case hex digits (${type}), found ${quote(text)}`, where);
  return text;
}

function readRanges(blockMap: XmlElement, type: BmapChecksumType, blocksCount: number): BmapRange[] {
  if (blockMap.text.trim() !== '') fail(`<BlockMap> must hold only <Range> elements, found the text ${quote(blockMap.text.trim())}`, blockMap.textAt);
  const ranges: BmapRange[] = [];
  for (const element of blockMap.children) {
    if (element.name !== 'Range') fail(`<BlockMap> must hold only <Range> elements, found <${element.name}>`, element);
    const text = leafText(element);
    const match = /^([0-9]+)(?:[ \t\r\n]*-[ \t\r\n]*([0-9]+))?$/.exec(text);
    if (!match) fail(`<Range> must hold a block number or two joined by "-", found ${quote(text)}`, element.textAt);
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (first > last) fail(`bad range (first > last): ${quote(text)}`, element.textAt);
    if (last >= blocksCount) fail(`<Range> ${quote(text)} goes past the last block ${blocksCount - 1} of the image`, element.textAt);
    const previous = ranges[ranges.length - 1];
    if (previous && first <= previous.last) {
      fail(`<Range> ${quote(text)} starts at or before the end of the range before it (block ${previous.last}): ranges must be sorted and must not overlap`, element.textAt);
    }
    const attribute = element.attributes.get('chksum');
    const range: BmapRange = { first, last };
    if (attribute) range.chksum = digest(attribute.value, type, 'The chksum attribute', attribute);
    ranges.push(range);
  }
  return ranges;
}

/** Bytes and text of the file; a BOM is kept in the bytes (it is part of what was hashed). */
function decode(input: string | Uint8Array): { text: string; bytes: Uint8Array } {
  if (typeof input === 'string') return { text: input, bytes: encodeUtf8(input) };
  const decoded = decodeUtf8(input);
  if (!decoded.ok) throw new FormatError(`the bmap file is not valid UTF-8 (bad byte at offset ${decoded.offset})`, { offset: decoded.offset });
  return { text: decoded.text, bytes: input };
}

/**
 * bmaptool finds the first occurrence of the stored checksum in the file, replaces it by as many
 * ASCII '0', hashes the whole file and compares.
 */
async function verifyFileChecksum(text: string, bytes: Uint8Array, stored: string, type: BmapChecksumType, where: XmlLocation): Promise<void> {
  const index = text.indexOf(stored);
  const at = encodeUtf8(text.slice(0, index)).length;
  const copy = bytes.slice();
  copy.fill(0x30, at, at + stored.length);
  const calculated = type === 'sha256' ? await sha256(copy) : await sha512(copy);
  if (calculated !== stored) fail(`checksum mismatch for the bmap file: calculated ${calculated}, the file says ${stored}`, where);
}

/** Reads and checks a .bmap file (text, or its bytes as UTF-8). */
export async function parseBmap(input: string | Uint8Array): Promise<Bmap> {
  const { text, bytes } = decode(input);
  const root = parseXml(text.startsWith('\ufeff') ? ' ' + text.slice(1) : text);
  if (root.name !== 'bmap') fail(`expected the root element <bmap>, found <${root.name}>`, root);
  const version = checkVersion(root);
  const fields = fieldsOf(root);
  const field = (name: Field) => fields.get(name) as XmlElement;

  const imageSize = wholeNumber(field('ImageSize'), 1);
  const blockSize = wholeNumber(field('BlockSize'), 1);
  const blocksCount = wholeNumber(field('BlocksCount'), 0);
  if (blocksCount !== blocksFor(imageSize, blockSize)) {
    fail(`Inconsistent bmap - image size does not match blocks count (${imageSize} bytes != ${blocksCount} blocks * ${blockSize} bytes)`, field('BlocksCount').textAt);
  }
  if (blocksCount * blockSize > MAX_BYTES) fail(`${blocksCount} blocks of ${blockSize} bytes go past 2^53 - 1 bytes`, field('BlocksCount').textAt);
  const mappedBlocksCount = wholeNumber(field('MappedBlocksCount'), 0);
  const type = checksumType(field('ChecksumType'));
  const fileChecksumElement = field('BmapFileChecksum');
  const bmapFileChecksum = digest(leafText(fileChecksumElement), type, '<BmapFileChecksum>', fileChecksumElement.textAt);
  const ranges = readRanges(field('BlockMap'), type, blocksCount);

  const held = ranges.reduce((sum, range) => sum + range.last - range.first + 1, 0);
  if (held !== mappedBlocksCount) fail(`<MappedBlocksCount> is ${mappedBlocksCount}, but the ranges hold ${held} blocks`, field('MappedBlocksCount').textAt);
  await verifyFileChecksum(text, bytes, bmapFileChecksum, type, fileChecksumElement.textAt);
  return { version, imageSize, blockSize, blocksCount, mappedBlocksCount, checksumType: type, bmapFileChecksum, ranges };
}
