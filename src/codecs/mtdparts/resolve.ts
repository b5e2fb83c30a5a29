/**
 * Where each partition of one device ends up, as Linux computes it: parse_cmdline_partitions
 * (cmdlinepart.c) fills in offsets and `-` sizes, truncates at the end of the device and drops
 * zero-sized partitions; allocate_partition (mtdpart.c) disables a partition that starts at or
 * past the end, and forces read-only one that does not start and end on an erase block. Linux
 * accepts overlapping partitions; overlaps are reported here as warnings of their own.
 */
import { FormatError } from '../errors';
import { formatHex, MAX_BYTES } from '../../model/units';
import type { MtdDevice } from './records';

export interface ResolvedMtdPartition {
  /** Index of the record in device.partitions. */
  source: number;
  /** The record's name, or Linux's `Partition_NNN` for a partition without one. */
  name: string;
  start: number;
  size: number;
  readOnly: boolean;
  lock: boolean;
  slc: boolean;
  /** Linux registered it with size 0 because it starts at or beyond the end of the device. */
  disabled: boolean;
}

export type MtdWarningKind = 'truncated' | 'zero-size' | 'out-of-reach' | 'unaligned-start' | 'unaligned-end' | 'overlap';

export interface MtdWarning {
  kind: MtdWarningKind;
  /** Index of the record in device.partitions. */
  source: number;
  /** Linux's own message for the first five kinds. */
  message: string;
}

export interface ResolvedMtdparts {
  /** In mtd number order: the n-th entry becomes the device's n-th mtd partition. */
  partitions: ResolvedMtdPartition[];
  warnings: MtdWarning[];
}

export interface MtdResolveOptions {
  /** Erase (write) block size; when given, unaligned writable partitions are forced read-only. */
  eraseSize?: number;
}

/** At most this many overlap warnings: one bad offset should not produce thousands. */
const MAX_OVERLAP_WARNINGS = 100;

function checkSize(value: number, what: string): void {
  if (!Number.isInteger(value) || value <= 0 || value > MAX_BYTES) {
    throw new FormatError(`${what} must be a whole number of bytes from 1 to 2^53 - 1, found ${String(value)}`);
  }
}

export function resolveMtdparts(device: MtdDevice, deviceSize: number, options: MtdResolveOptions = {}): ResolvedMtdparts {
  checkSize(deviceSize, 'device size');
  if (options.eraseSize !== undefined) checkSize(options.eraseSize, 'erase size');
  const partitions: ResolvedMtdPartition[] = [];
  const warnings: MtdWarning[] = [];
  let offset = 0;
  device.partitions.forEach((record, source) => {
    const name = record.name ?? `Partition_${String(source).padStart(3, '0')}`;
    if (record.offset !== undefined) offset = record.offset;
    const start = offset;
    let size = record.size === 'rest' ? deviceSize - start : record.size;
    if (start + size > deviceSize) {
      warnings.push({ kind: 'truncated', source, message: `${device.id}: partitioning exceeds flash size, truncating` });
      size = deviceSize - start;
    }
    // Past the end the kernel's unsigned arithmetic wraps, and the sum lands on the device end here too.
    offset = start + size;
    if (size === 0) {
      warnings.push({ kind: 'zero-size', source, message: `${device.id}: skipping zero sized partition` });
      return;
    }
    const resolved: ResolvedMtdPartition = { source, name, start, size, readOnly: record.readOnly, lock: record.lock, slc: record.slc, disabled: false };
    if (start >= deviceSize) {
      warnings.push({ kind: 'out-of-reach', source, message: `mtd: partition "${name}" is out of reach -- disabled` });
      partitions.push({ ...resolved, start: 0, size: 0, disabled: true });
      return;
    }
    const erase = options.eraseSize;
    if (erase !== undefined && !resolved.readOnly) {
      if (start % erase !== 0) {
        resolved.readOnly = true;
        warnings.push({ kind: 'unaligned-start', source, message: `mtd: partition "${name}" doesn't start on an erase/write block boundary -- force read-only` });
      } else if ((start + size) % erase !== 0) {
        resolved.readOnly = true;
        warnings.push({ kind: 'unaligned-end', source, message: `mtd: partition "${name}" doesn't end on an erase/write block -- force read-only` });
      }
    }
    partitions.push(resolved);
  });
  warnings.push(...overlaps(partitions));
  return { partitions, warnings };
}

/** Overlapping pairs among the enabled partitions, found in one pass over them sorted by start. */
function overlaps(partitions: ResolvedMtdPartition[]): MtdWarning[] {
  const sorted = partitions.filter((partition) => !partition.disabled).sort((a, b) => a.start - b.start || a.source - b.source);
  const warnings: MtdWarning[] = [];
  let reach: ResolvedMtdPartition | undefined;
  for (const partition of sorted) {
    if (reach && partition.start < reach.start + reach.size && warnings.length < MAX_OVERLAP_WARNINGS) {
      const end = (p: ResolvedMtdPartition) => formatHex(p.start + p.size);
      warnings.push({
        kind: 'overlap',
        source: partition.source,
        message: `partition "${partition.name}" (${formatHex(partition.start)}-${end(partition)}) overlaps "${reach.name}" (${formatHex(reach.start)}-${end(reach)}); Linux accepts overlapping partitions`,
      });
    }
    if (!reach || partition.start + partition.size > reach.start + reach.size) reach = partition;
  }
  return warnings;
}
