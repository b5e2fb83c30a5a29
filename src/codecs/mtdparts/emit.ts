/**
 * Writes devices back as an `mtdparts` string that parseMtdparts (and Linux) read as the same
 * records: sizes and offsets in hex as SigmaStar/U-Boot scripts write them (`0x140000@0x0(CIS)`),
 * or in the shortest k/m/g form. An offset is written only where the record has one.
 */
import { FormatError } from '../errors';
import { MAX_BYTES } from '../../model/units';
import { hexSize, shortSize } from './numbers';
import { quote } from '../quote';
import { MAX_MTD_PARTITIONS, MTDPARTS_PREFIX, type MtdDevice, type MtdPartition } from './records';

export interface MtdpartsEmitOptions {
  /** `hex` (default): `0x20000`; `short`: the shortest of decimal, hex and `128k`-style. */
  style?: 'hex' | 'short';
  /** Whether to start with `mtdparts=` (default true). */
  prefix?: boolean;
}

function number(value: number, options: MtdpartsEmitOptions): string {
  return options.style === 'short' ? shortSize(value) : hexSize(value);
}

function checkBytes(value: number, what: string, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum || value > MAX_BYTES) {
    throw new FormatError(`${what} must be a whole number of bytes from ${minimum} to 2^53 - 1, found ${String(value)}`);
  }
}

function partitionText(partition: MtdPartition, index: number, last: boolean, options: MtdpartsEmitOptions): string {
  const label = partition.name === undefined ? `partition ${index + 1}` : `partition ${quote(partition.name)}`;
  let text: string;
  if (partition.size === 'rest') {
    if (!last) throw new FormatError(`${label}: a "-" (rest of the device) partition must be the last of its device`);
    text = '-';
  } else {
    checkBytes(partition.size, `${label} size`, 1);
    text = number(partition.size, options);
  }
  if (partition.offset !== undefined) {
    checkBytes(partition.offset, `${label} offset`, 0);
    text += `@${number(partition.offset, options)}`;
  }
  if (partition.name !== undefined) {
    if (/[)\0]/.test(partition.name)) throw new FormatError(`${label}: a name cannot hold ")" or a NUL character`);
    text += `(${partition.name})`;
  }
  if (partition.readOnly) text += 'ro';
  if (partition.lock) text += 'lk';
  if (partition.slc) text += 'slc';
  return text;
}

/** One device's partitions, comma-separated, without the `<mtd-id>:` in front. */
export function emitMtdpartsList(partitions: readonly MtdPartition[], options: MtdpartsEmitOptions = {}): string {
  if (partitions.length === 0) throw new FormatError('a device needs at least one partition');
  if (partitions.length > MAX_MTD_PARTITIONS) throw new FormatError(`${partitions.length} partitions: at most ${MAX_MTD_PARTITIONS} can be written`);
  return partitions.map((partition, index) => partitionText(partition, index, index === partitions.length - 1, options)).join(',');
}

export function emitMtdparts(devices: readonly MtdDevice[], options: MtdpartsEmitOptions = {}): string {
  if (devices.length === 0) throw new FormatError('mtdparts needs at least one device');
  const total = devices.reduce((sum, device) => sum + device.partitions.length, 0);
  if (total > MAX_MTD_PARTITIONS) throw new FormatError(`${total} partitions: at most ${MAX_MTD_PARTITIONS} can be written`);
  const prefix = options.prefix ?? true;
  const text = devices
    .map((device, index) => {
      // Linux takes the id up to the last ':' before the first '(' of its own ';'-segment.
      if (/[;(\0]/.test(device.id)) throw new FormatError(`mtd-id ${quote(device.id)} cannot hold ";", "(" or a NUL character`);
      if (index === 0 && !prefix && device.id.startsWith(MTDPARTS_PREFIX)) {
        throw new FormatError(`mtd-id ${quote(device.id)} would be read as the "mtdparts=" prefix; write the prefix too`);
      }
      return `${device.id}:${emitMtdpartsList(device.partitions, options)}`;
    })
    .join(';');
  return prefix ? MTDPARTS_PREFIX + text : text;
}
