/**
 * Writes a genimage configuration that reads back (through genimage and through parseGenimage)
 * as the same records: one option per line in genimage's README order, strings double-quoted
 * with libconfuse's escapes, sizes in their shortest exact suffix form.
 */
import { FormatError } from '../errors';
import { quote } from '../quote';
import { formatSize } from './sizes';
import type { GenimageConfig, GenimageHdimage, GenimageImage, GenimagePartition } from './records';
import { MAX_BYTES } from '../../model/units';

/** A libconfuse double-quoted string: `\` `"` and `$` escaped (so `${` never substitutes). */
export function confuseString(value: string): string {
  if (value.includes('\0')) throw new FormatError(`string ${quote(value)} contains a NUL, which ends a string in genimage`);
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '\\' || char === '"' || char === '$') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

/** Section titles stay bare when libconfuse reads them back as one unquoted string. */
function title(value: string): string {
  if (value === '') throw new FormatError('a section title cannot be empty');
  return /^[A-Za-z0-9_.@%-]+$/.test(value) && !value.startsWith('//') ? value : confuseString(value);
}

function size(value: number, what: string): string {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_BYTES) throw new FormatError(`${what} must be a whole number of bytes from 0 to 2^53 - 1, found ${String(value)}`);
  return formatSize(value);
}

function byteValue(value: number, what: string, max: number): string {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new FormatError(`${what} must be from 0 to ${max}, found ${String(value)}`);
  return `0x${value.toString(16)}`;
}

function hdimageLines(hdimage: GenimageHdimage): string[] {
  const lines: string[] = [];
  const { partitionTableType, diskUuid, diskSignature, align, gptLocation, gptNoBackup, extendedPartition, fill } = hdimage;
  if (partitionTableType !== undefined) lines.push(`partition-table-type = ${confuseString(partitionTableType)}`);
  if (diskUuid !== undefined) lines.push(`disk-uuid = ${confuseString(diskUuid)}`);
  if (diskSignature !== undefined) lines.push(`disk-signature = ${diskSignature === 'random' ? '"random"' : byteValue(diskSignature, 'disk-signature', 0xffffffff)}`);
  if (align !== undefined) lines.push(`align = ${size(align, 'align')}`);
  if (gptLocation !== undefined) lines.push(`gpt-location = ${size(gptLocation, 'gpt-location')}`);
  if (gptNoBackup !== undefined) lines.push(`gpt-no-backup = ${gptNoBackup}`);
  if (extendedPartition !== undefined) {
    if (!Number.isInteger(extendedPartition) || extendedPartition < 0 || extendedPartition > 4) throw new FormatError(`extended-partition must be from 0 to 4, found ${String(extendedPartition)}`);
    lines.push(`extended-partition = ${extendedPartition}`);
  }
  if (fill !== undefined) lines.push(`fill = ${fill}`);
  return lines;
}

function partitionLines(partition: GenimagePartition): string[] {
  const where = `partition ${quote(partition.name)}`;
  const lines: string[] = [];
  const flag = (name: string, value: boolean | undefined) => value !== undefined && lines.push(`${name} = ${value}`);
  flag('in-partition-table', partition.inPartitionTable);
  if (partition.offset !== undefined) lines.push(`offset = ${size(partition.offset, `${where}: offset`)}`);
  if (partition.size !== undefined) lines.push(`size = ${size(partition.size, `${where}: size`)}`);
  if (partition.align !== undefined) lines.push(`align = ${size(partition.align, `${where}: align`)}`);
  if (partition.image !== undefined) lines.push(`image = ${confuseString(partition.image)}`);
  flag('autoresize', partition.autoresize);
  if (partition.partitionType !== undefined) lines.push(`partition-type = ${byteValue(partition.partitionType, `${where}: partition-type`, 0xff)}`);
  if (partition.partitionTypeUuid !== undefined) lines.push(`partition-type-uuid = ${confuseString(partition.partitionTypeUuid)}`);
  if (partition.partitionUuid !== undefined) lines.push(`partition-uuid = ${confuseString(partition.partitionUuid)}`);
  flag('bootable', partition.bootable);
  flag('read-only', partition.readOnly);
  flag('hidden', partition.hidden);
  flag('no-automount', partition.noAutomount);
  if (partition.holes !== undefined) {
    const holes = partition.holes.map(({ start, end }) => confuseString(`(${size(start, `${where}: hole start`)};${size(end, `${where}: hole end`)})`));
    lines.push(`holes = {${holes.join(', ')}}`);
  }
  return lines;
}

function imageLines(image: GenimageImage): string[] {
  const lines = [`image ${title(image.name)} {`];
  if (image.size !== undefined) lines.push(`\tsize = ${size(image.size, `image ${quote(image.name)}: size`)}`);
  lines.push('\thdimage {', ...hdimageLines(image.hdimage).map((line) => `\t\t${line}`), '\t}');
  const names = new Set<string>();
  for (const partition of image.partitions) {
    if (names.has(partition.name)) throw new FormatError(`image ${quote(image.name)} has two partitions named ${quote(partition.name)}: genimage would keep only the second`);
    names.add(partition.name);
    lines.push('', `\tpartition ${title(partition.name)} {`, ...partitionLines(partition).map((line) => `\t\t${line}`), '\t}');
  }
  lines.push('}');
  return lines;
}

export function emitGenimage(config: GenimageConfig): string {
  const names = new Set<string>();
  return config.images
    .map((image) => {
      if (names.has(image.name)) throw new FormatError(`two images are named ${quote(image.name)}: genimage would keep only the second`);
      names.add(image.name);
      return imageLines(image).join('\n') + '\n';
    })
    .join('\n');
}
