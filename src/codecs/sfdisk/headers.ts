/**
 * The headers of an sfdisk script, checked once all are read (the label decides what label-id
 * means): label dos (or mbr) or gpt, label-id a 32-bit hex number or a GUID, unit only "sectors",
 * the numeric headers plain integers, grain a size in bytes that is a multiple of 512.
 */
import { FormatError } from '../errors';
import { isGuid } from '../guid';
import { parseAmount, parseCount, unitMultiplier } from './numbers';
import { quote } from '../quote';
import type { SfdiskHeaderName, SfdiskScript, SfdiskWarning } from './records';
import { MAX_TABLE_LENGTH } from './tables';

export interface RawHeader {
  value: string;
  line: number;
  /** Column of the value. */
  column: number;
}

type Headers = ReadonlyMap<SfdiskHeaderName, RawHeader>;
type HeaderFields = Omit<SfdiskScript, 'partitions' | 'headerLines'>;

const at = (raw: RawHeader) => ({ line: raw.line, column: raw.column });

function readLabel(raw: RawHeader): 'dos' | 'gpt' {
  const value = raw.value.toLowerCase();
  if (value === 'dos' || value === 'mbr') return 'dos';
  if (value === 'gpt') return 'gpt';
  if (['sun', 'sgi', 'bsd'].includes(value)) throw new FormatError(`label ${quote(raw.value)}: only dos and gpt tables are supported`, at(raw));
  throw new FormatError(`label: expected dos or gpt, found ${quote(raw.value)}`, at(raw));
}

function readLabelId(raw: RawHeader, label: 'dos' | 'gpt'): number | string {
  if (label === 'gpt') {
    if (!isGuid(raw.value)) throw new FormatError(`label-id: a gpt label-id is a GUID like 5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B, found ${quote(raw.value)}`, at(raw));
    return raw.value.toUpperCase();
  }
  if (!/^(0x)?[0-9a-f]{1,8}$/i.test(raw.value)) throw new FormatError(`label-id: a dos label-id is a 32-bit hex number like 0x12345678, found ${quote(raw.value)}`, at(raw));
  return parseInt(raw.value, 16);
}

function readCount(raw: RawHeader, name: SfdiskHeaderName, min: number, max: number): number {
  const parsed = parseCount(raw.value);
  if (!parsed.ok) throw new FormatError(`header ${name}: ${parsed.reason}`, at(raw));
  if (parsed.value < min || parsed.value > max) throw new FormatError(`header ${name}: expected ${min} to ${max}, found ${quote(raw.value)}`, at(raw));
  return parsed.value;
}

function readGrain(raw: RawHeader): number {
  const parsed = parseAmount(raw.value);
  if (!parsed.ok) throw new FormatError(`grain: ${parsed.reason}`, at(raw));
  const bytes = Number(BigInt(parsed.amount.value) * (unitMultiplier(parsed.amount.suffix) ?? 1n));
  if (bytes === 0 || bytes % 512 !== 0) throw new FormatError(`grain: expected a multiple of 512 bytes, found ${quote(raw.value)}`, at(raw));
  return bytes;
}

const COUNTS = [
  ['firstLba', 'first-lba', 0, Number.MAX_SAFE_INTEGER],
  ['lastLba', 'last-lba', 0, Number.MAX_SAFE_INTEGER],
  ['tableLength', 'table-length', 1, MAX_TABLE_LENGTH],
  ['sectorSize', 'sector-size', 512, 65536],
] as const;

/** The script's header fields; what sfdisk ignores on the label becomes a warning. */
export function readHeaders(headers: Headers, warnings: SfdiskWarning[]): HeaderFields {
  const fields: HeaderFields = {};
  const label = headers.get('label');
  if (label) fields.label = readLabel(label);
  const effective = fields.label ?? 'dos';
  const labelId = headers.get('label-id');
  if (labelId) fields.labelId = readLabelId(labelId, effective);
  const device = headers.get('device');
  if (device) fields.device = device.value;
  const unit = headers.get('unit');
  if (unit) {
    if (unit.value !== 'sectors') throw new FormatError(`unit: sfdisk supports only "sectors", found ${quote(unit.value)}`, at(unit));
    fields.unit = 'sectors';
  }
  for (const [key, name, min, max] of COUNTS) {
    const raw = headers.get(name);
    if (raw) fields[key] = readCount(raw, name, min, max);
  }
  const grain = headers.get('grain');
  if (grain) fields.grain = readGrain(grain);
  if (effective === 'dos') {
    for (const name of ['first-lba', 'last-lba', 'table-length'] as const) {
      const raw = headers.get(name);
      if (raw) warnings.push({ message: `header ${name} applies to gpt labels; sfdisk ignores it on a dos label`, line: raw.line, column: raw.column });
    }
  }
  return fields;
}
