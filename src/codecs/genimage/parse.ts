/**
 * Reads a genimage configuration: the libconfuse tree (tree.ts) checked against genimage 16's
 * option tables for hdimage images. As in libconfuse, a repeated option keeps its last value and
 * a repeated section title replaces the earlier section in place. Images of other types (vfat,
 * ext4, …) are kept by name, type and size only, so partitions can take their size; `flash` and
 * `config` sections are skipped; include() and unknown options are located errors.
 */
import { FormatError } from '../errors';
import { decodeText } from '../text';
import type { Environment, Token } from './lexer';
import { quote } from '../quote';
import { parseSize } from './sizes';
import { fail, parseEntries, type Entry } from './tree';
import type { GenimageConfig, GenimageHdimage, GenimageHole, GenimageImage, GenimageOtherImage, GenimagePartition, GenimageTableType } from './records';

export interface GenimageParseOptions {
  /** Values for `${NAME}` substitutions; without it a substitution is an error. */
  environment?: Environment;
}

type OptionType = 'size' | 'string' | 'bool' | 'int' | 'holes';

const HDIMAGE_OPTIONS: Record<string, [keyof GenimageHdimage, OptionType]> = {
  align: ['align', 'size'],
  'disk-signature': ['diskSignature', 'string'],
  'disk-uuid': ['diskUuid', 'string'],
  'extended-partition': ['extendedPartition', 'int'],
  'partition-table-type': ['partitionTableType', 'string'],
  'gpt-location': ['gptLocation', 'size'],
  'gpt-no-backup': ['gptNoBackup', 'bool'],
  fill: ['fill', 'bool'],
};

const PARTITION_OPTIONS: Record<string, [keyof GenimagePartition, OptionType]> = {
  offset: ['offset', 'size'],
  size: ['size', 'size'],
  align: ['align', 'size'],
  'partition-type': ['partitionType', 'int'],
  bootable: ['bootable', 'bool'],
  'read-only': ['readOnly', 'bool'],
  hidden: ['hidden', 'bool'],
  'no-automount': ['noAutomount', 'bool'],
  image: ['image', 'string'],
  holes: ['holes', 'holes'],
  autoresize: ['autoresize', 'bool'],
  'in-partition-table': ['inPartitionTable', 'bool'],
  'partition-uuid': ['partitionUuid', 'string'],
  'partition-type-uuid': ['partitionTypeUuid', 'string'],
};

const TABLE_TYPES: readonly GenimageTableType[] = ['none', 'mbr', 'dos', 'gpt', 'hybrid'];

/** genimage 16's image handlers besides hdimage. */
const OTHER_HANDLERS = new Set(['android-sparse', 'btrfs', 'cpio', 'cramfs', 'custom', 'erofs', 'ext2', 'ext3', 'ext4', 'f2fs', 'file', 'fip', 'fit', 'flash', 'iso', 'jffs2', 'mdraid', 'qemu', 'rauc', 'squashfs', 'tar', 'ubi', 'ubifs', 'vfat']);

/** Options every image section takes, whatever its type (genimage.c image_common_opts). */
const COMMON_IMAGE_OPTIONS = new Set(['name', 'size', 'mountpoint', 'srcpath', 'empty', 'temporary', 'exec-pre', 'exec-post', 'flashtype']);

function convert(token: Token, type: Exclude<OptionType, 'holes'>, option: string): string | number | boolean {
  const reject = (reason: string): never => fail(`${option}: ${reason}`, token);
  const text = token.text;
  switch (type) {
    case 'string':
      return text;
    case 'size': {
      const size = parseSize(text);
      return size.ok ? size.value : reject(size.reason);
    }
    case 'bool': {
      const lower = text.toLowerCase();
      if (['true', 'on', 'yes'].includes(lower)) return true;
      if (['false', 'off', 'no'].includes(lower)) return false;
      return reject(`invalid boolean value ${quote(text)} (use true or false)`);
    }
    case 'int': {
      // strtol with base 0, the whole text consumed.
      const match = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
      if (!match) return reject(`invalid integer value ${quote(text)}`);
      const digits = match[2];
      if (digits.replace(/^0[xX]?0*/, '').length > 30) return reject(`integer value ${quote(text)} is out of range`);
      const octal = digits.length > 1 && /^0[0-7]/.test(digits);
      const magnitude = Number(octal ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits));
      return match[1] === '-' ? -magnitude : magnitude;
    }
  }
}

/** `(start;end)`, as genimage's parse_holes reads it with sscanf. */
function parseHole(token: Token): GenimageHole {
  const match = /^\s*\(\s*([0-9skKMG]+)\s*;\s*([0-9skKMG]+)\s*\)\s*$/.exec(token.text);
  if (!match) fail(`holes: invalid hole specification ${quote(token.text)}, use '(<start>;<end>)'`, token);
  const [start, end] = [match[1], match[2]].map((part) => {
    const size = parseSize(part);
    return size.ok ? size.value : fail(`holes: ${size.reason}`, token);
  });
  return { start, end };
}

function checkRange(token: Token, value: number, min: number, max: number, option: string): void {
  if (value < min || value > max) fail(`${option} must be from ${min} to ${max}, found ${value}`, token);
}

/** Sets one option on `record` from its entry; returns the value token, for range errors. */
function setOption<T extends object>(record: T, entry: Entry, spec: [keyof T, OptionType], where: string): Token {
  const name = entry.name;
  if (entry.kind !== 'option') fail(`${quote(name.text)} in ${where} is an option: write ${name.text} = value`, name);
  const [key, type] = spec;
  if (type === 'holes') {
    const previous = entry.append ? ((record[key] as GenimageHole[] | undefined) ?? []) : [];
    (record[key] as unknown) = [...previous, ...entry.values.map(parseHole)];
    return entry.values[0] ?? name;
  }
  if (entry.append) fail(`attempt to append to non-list option ${quote(name.text)}`, name);
  if (entry.list) fail(`${quote(name.text)} takes one value, not a { } list`, name);
  (record[key] as unknown) = convert(entry.values[0], type, name.text);
  return entry.values[0];
}

function readHdimage(section: Entry & { kind: 'section' }, hdimage: GenimageHdimage): void {
  for (const entry of section.body) {
    const name = entry.name.text;
    if (name === 'partition-table' || name === 'gpt') fail(`the deprecated option ${quote(name)} is not supported: use partition-table-type`, entry.name);
    const spec = HDIMAGE_OPTIONS[name];
    if (!spec) fail(`no such option ${quote(name)} in hdimage`, entry.name);
    const value = setOption(hdimage, entry, spec, 'hdimage');
    if (spec[0] === 'partitionTableType' && !TABLE_TYPES.includes(hdimage.partitionTableType!)) {
      fail(`${quote(value.text)} is not a valid partition-table-type (none, mbr, gpt or hybrid)`, value);
    }
    if (spec[0] === 'extendedPartition') checkRange(value, hdimage.extendedPartition!, 0, 4, 'extended-partition');
    if (spec[0] === 'diskSignature' && value.text !== 'random') {
      const signature = convert(value, 'int', 'disk-signature') as number;
      checkRange(value, signature, 0, 0xffffffff, 'disk-signature');
      hdimage.diskSignature = signature;
    }
  }
}

function readPartition(section: Entry & { kind: 'section' }): GenimagePartition {
  const partition: GenimagePartition = { name: section.title!.text, line: section.name.line };
  for (const entry of section.body) {
    const spec = PARTITION_OPTIONS[entry.name.text];
    if (!spec) fail(`no such option ${quote(entry.name.text)} in partition ${quote(partition.name)}`, entry.name);
    const value = setOption(partition, entry, spec, `partition ${quote(partition.name)}`);
    if (spec[0] === 'partitionType') checkRange(value, partition.partitionType!, 0, 255, 'partition-type');
  }
  return partition;
}

/** Adds to `list`, or replaces the entry of the same name in place (libconfuse's titled sections). */
function putByName<T extends { name: string }>(list: T[], item: T): void {
  const index = list.findIndex((other) => other.name === item.name);
  if (index === -1) list.push(item);
  else list[index] = item;
}

function readImage(section: Entry & { kind: 'section' }): GenimageImage | GenimageOtherImage {
  const name = section.title!.text;
  const handlers = section.body.filter((entry) => entry.kind === 'section' && !entry.title && (entry.name.text === 'hdimage' || OTHER_HANDLERS.has(entry.name.text)));
  const types = [...new Set(handlers.map((entry) => entry.name.text))];
  if (types.length === 0) fail(`image ${quote(name)} has no image type section (hdimage, vfat, ext4, …)`, section.name);
  if (types.length > 1) fail(`image ${quote(name)} has more than one image type: ${types.join(', ')}`, handlers[1].name);
  const size: { size?: number } = {};
  const sizeEntry = section.body.filter((entry) => entry.name.text === 'size').pop();
  if (sizeEntry && !(sizeEntry.kind === 'option' && /%\s*$/.test(sizeEntry.values[0]?.text ?? ''))) setOption(size, sizeEntry, ['size', 'size'], `image ${quote(name)}`);
  if (types[0] !== 'hdimage') return { name, type: types[0], ...size, line: section.name.line };

  const hdimage: GenimageHdimage = {};
  const partitions: GenimagePartition[] = [];
  for (const entry of section.body) {
    const option = entry.name.text;
    if (option === 'hdimage' && entry.kind === 'section') readHdimage(entry, hdimage);
    else if (option === 'partition' && entry.kind === 'section') {
      if (!entry.title) fail('missing title for section "partition"', entry.name);
      putByName(partitions, readPartition(entry));
    } else if (option === 'size') continue;
    else if (COMMON_IMAGE_OPTIONS.has(option)) fail(`the image option ${quote(option)} is not supported for hdimage images here (this reader takes size, hdimage and partition)`, entry.name);
    else fail(`no such option ${quote(option)} in image ${quote(name)}`, entry.name);
  }
  return { name, ...size, hdimage, partitions, line: section.name.line };
}

/** Reads a genimage configuration (text, or the bytes of the file). */
export function parseGenimage(input: string | Uint8Array, options: GenimageParseOptions = {}): GenimageConfig {
  let text: string;
  if (typeof input === 'string') text = input.replace(/^\ufeff/, '');
  else {
    const decoded = decodeText(input);
    if (!decoded.ok) throw new FormatError(`the configuration is not valid ${decoded.encoding.toUpperCase()} text (byte offset ${decoded.offset})`, { offset: decoded.offset });
    text = decoded.text;
  }
  const images: GenimageImage[] = [];
  const otherImages: GenimageOtherImage[] = [];
  for (const entry of parseEntries(text, options.environment)) {
    const name = entry.name.text;
    if (name === 'image' && entry.kind === 'section') {
      if (!entry.title) fail('missing title for section "image"', entry.name);
      const image = readImage(entry);
      const other = 'type' in image;
      // A later image of the same name replaces the earlier one, whatever its type.
      const drop = other ? images : otherImages;
      const kept = drop.findIndex((item) => item.name === image.name);
      if (kept !== -1) drop.splice(kept, 1);
      if (other) putByName(otherImages, image);
      else putByName(images, image);
    } else if ((name === 'flash' || name === 'config') && entry.kind === 'section') continue;
    else if (name === 'include') fail('include() is not supported: put the included configuration in this file', entry.name);
    else fail(`no such option ${quote(name)} at the top level (expected image)`, entry.name);
  }
  return { images, ...(otherImages.length ? { otherImages } : {}) };
}
