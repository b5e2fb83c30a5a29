/**
 * Writes a script in the form `sfdisk --dump` prints (libfdisk script.c, write_file_sfdisk):
 * headers in dump order as `name: value`, a blank line, then one line per partition,
 * `dev : start=%12u, size=%12u, type=…, uuid=…, name="…", attrs="…", bootable`. A line without a
 * device name is written without the prefix, since a prefix would fix its partition number.
 */
import { MAX_BYTES } from '../../model/units';
import { FormatError } from '../errors';
import { formatSfdiskAttributes } from './attributes';
import { isGuid } from '../guid';
import { quoteName } from './name';
import { unitMultiplier } from './numbers';
import { quote } from '../quote';
import type { SfdiskAmount, SfdiskLabel, SfdiskPartitionLine, SfdiskScript } from './records';

/** A GUID as sfdisk --dump writes it: upper case. */
function normalizeGuid(text: string, what: string): string {
  if (!isGuid(text)) throw new FormatError(`${what}: expected a GUID like 0FC63DAF-8483-4772-8E79-3D69D8477DE4, found ${quote(text)}`);
  return text.toUpperCase();
}

function amountText(amount: SfdiskAmount, what: string): string {
  const multiplier = unitMultiplier(amount.suffix);
  if (!Number.isSafeInteger(amount.value) || amount.value < 0 || multiplier === undefined) {
    throw new FormatError(`${what}: expected a whole number with no unit or a unit such as MiB, found ${String(amount.value)}${amount.suffix}`);
  }
  if (BigInt(amount.value) * multiplier > BigInt(MAX_BYTES)) throw new FormatError(`${what}: ${amount.value}${amount.suffix} is above the limit of 2^53 - 1`);
  return amount.suffix === '' ? String(amount.value).padStart(12) : `${amount.value}${amount.suffix}`;
}

function typeText(type: number | string, label: SfdiskLabel, what: string): string {
  if ((typeof type === 'string') !== (label === 'gpt')) throw new FormatError(`${what}: a ${label} type is ${label === 'gpt' ? 'a GUID' : 'a byte'}, found ${quote(String(type))}`);
  if (typeof type === 'string') return normalizeGuid(type, what);
  if (!Number.isInteger(type) || type < 1 || type > 0xff) throw new FormatError(`${what}: a dos type is a byte from 1 to 0xff, found ${String(type)}`);
  return type.toString(16);
}

/** Text of a header value that must stay on one line. */
function oneLine(value: string, what: string): string {
  if (/[\n\r]/.test(value) || value !== value.trim() || value === '') throw new FormatError(`${what} ${quote(value)} must be non-empty text on one line without surrounding blanks`);
  return value;
}

function headerLines(script: SfdiskScript): string[] {
  const lines: string[] = [];
  const add = (name: string, value: string | number | undefined) => {
    if (value !== undefined) lines.push(`${name}: ${value}`);
  };
  add('label', script.label);
  if (script.labelId !== undefined) {
    const label = script.label ?? 'dos';
    if ((typeof script.labelId === 'string') !== (label === 'gpt')) throw new FormatError(`label-id: a ${label} label-id is ${label === 'gpt' ? 'a GUID' : 'a 32-bit number'}, found ${quote(String(script.labelId))}`);
    if (typeof script.labelId === 'string') add('label-id', normalizeGuid(script.labelId, 'label-id'));
    else if (Number.isInteger(script.labelId) && script.labelId >= 0 && script.labelId <= 0xffffffff) add('label-id', `0x${script.labelId.toString(16).padStart(8, '0')}`);
    else throw new FormatError(`label-id: expected a 32-bit number or a GUID, found ${String(script.labelId)}`);
  }
  add('device', script.device === undefined ? undefined : oneLine(script.device, 'device'));
  add('unit', script.unit);
  for (const [name, value] of [
    ['first-lba', script.firstLba],
    ['last-lba', script.lastLba],
    ['table-length', script.tableLength],
    ['grain', script.grain],
    ['sector-size', script.sectorSize],
  ] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) throw new FormatError(`${name}: expected a whole number, found ${String(value)}`);
    add(name, value);
  }
  return lines;
}

function partitionLine(partition: SfdiskPartitionLine, index: number, label: SfdiskLabel): string {
  const what = `partition line ${index + 1}`;
  const fields: string[] = [];
  if (partition.start) fields.push(`start=${amountText(partition.start, `${what} start`)}`);
  if (partition.size) fields.push(`size=${amountText(partition.size, `${what} size`)}`);
  if (partition.type !== undefined) fields.push(`type=${typeText(partition.type, label, `${what} type`)}`);
  if (partition.uuid !== undefined) fields.push(`uuid=${normalizeGuid(partition.uuid, `${what} uuid`)}`);
  if (partition.name !== undefined) fields.push(`name=${quoteName(partition.name)}`);
  if (partition.attributes !== undefined) fields.push(`attrs="${formatSfdiskAttributes(partition.attributes)}"`);
  if (partition.bootable) fields.push('bootable');
  // Without an "=" the line would be read as the positional form (or a header): say the start is the default.
  if (!fields.some((field) => field.includes('='))) fields.unshift('start=-');
  const body = fields.join(', ');
  if (partition.device === undefined) return body;
  const device = oneLine(partition.device, `${what} device`);
  if (device.includes(':') || device.includes('=') || device.startsWith('#')) throw new FormatError(`${what}: the device name ${quote(device)} cannot contain ":" or "=" or start with "#"`);
  return `${device} : ${body}`;
}

export function emitSfdiskScript(script: SfdiskScript): string {
  const lines = headerLines(script);
  if (script.partitions.length > 0) lines.push('', ...script.partitions.map((partition, index) => partitionLine(partition, index, script.label ?? 'dos')));
  return lines.map((line) => `${line}\n`).join('');
}
