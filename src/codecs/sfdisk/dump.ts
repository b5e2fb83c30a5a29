/**
 * The script `sfdisk --dump` prints for a table (libfdisk script.c, fdisk_script_read_context):
 * label, label-id, device, unit, for gpt first-lba, last-lba and table-length (when not 128),
 * grain (when not 1 MiB), sector-size; then every partition in number order with its device name.
 */
import { grainFor } from './align';
import { unwritableAttributeBits } from './attributes';
import { partitionDevice } from './partname';
import type { SfdiskPartitionLine, SfdiskScript, SfdiskWarning } from './records';
import { DEFAULT_TABLE_LENGTH, type SfdiskDosTable, type SfdiskGptTable } from './tables';

export interface SfdiskDumpOptions {
  /** The disk's name as given to sfdisk (`device:` header and partition names); without it partitions are numbered. */
  device?: string;
  sectorSize: number;
  diskSectors: number;
}

const sectors = (value: number) => ({ value, suffix: '' });

function headers(label: 'dos' | 'gpt', labelId: number | string, options: SfdiskDumpOptions): Omit<SfdiskScript, 'partitions'> {
  const script: Omit<SfdiskScript, 'partitions'> = { label, labelId };
  if (options.device !== undefined) script.device = options.device;
  script.unit = 'sectors';
  return script;
}

function tail(options: SfdiskDumpOptions): Pick<SfdiskScript, 'grain' | 'sectorSize'> {
  const grain = grainFor(options.sectorSize, options.diskSectors);
  return { ...(grain !== 1024 * 1024 ? { grain } : {}), sectorSize: options.sectorSize };
}

export function dumpMbrScript(table: SfdiskDosTable, options: SfdiskDumpOptions): SfdiskScript {
  const partitions = [...table.partitions]
    .sort((a, b) => a.number - b.number)
    .map((p): SfdiskPartitionLine => {
      const line: SfdiskPartitionLine = { device: partitionDevice(options.device, p.number), start: sectors(p.startLba), size: sectors(p.sectors), type: p.type };
      if (p.bootable) line.bootable = true;
      return line;
    });
  return { ...headers('dos', table.diskSignature, options), ...tail(options), partitions };
}

/** The dump of a GPT; attribute bits 3–47, which sfdisk has no text for and leaves out, are reported. */
export function dumpGptScript(
  table: SfdiskGptTable,
  options: SfdiskDumpOptions & { entryCount?: number },
): { script: SfdiskScript; warnings: SfdiskWarning[] } {
  const warnings: SfdiskWarning[] = [];
  const entryCount = options.entryCount ?? DEFAULT_TABLE_LENGTH;
  const partitions = [...table.partitions]
    .sort((a, b) => a.number - b.number)
    .map((p): SfdiskPartitionLine => {
      const line: SfdiskPartitionLine = {
        device: partitionDevice(options.device, p.number),
        start: sectors(p.firstLba),
        size: sectors(p.lastLba - p.firstLba + 1),
        type: p.typeGuid.toUpperCase(),
        uuid: p.uniqueGuid.toUpperCase(),
      };
      if (p.name !== '') line.name = p.name;
      const lost = unwritableAttributeBits(p.attributes);
      const kept = lost.reduce((bits, bit) => bits & ~(1n << BigInt(bit)), p.attributes);
      if (lost.length > 0) warnings.push({ message: `partition ${p.number}: attribute bits ${lost.join(', ')} have no sfdisk text and are left out, as sfdisk does` });
      if (kept !== 0n) line.attributes = kept;
      return line;
    });
  const script: SfdiskScript = {
    ...headers('gpt', table.diskGuid.toUpperCase(), options),
    firstLba: table.firstUsableLba,
    lastLba: table.lastUsableLba,
    ...(entryCount !== DEFAULT_TABLE_LENGTH ? { tableLength: entryCount } : {}),
    ...tail(options),
    partitions,
  };
  return { script, warnings };
}
