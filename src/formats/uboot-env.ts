/**
 * The U-Boot environment image of a layout's environment partition (the first of kind "env"):
 * its variables written as mkenvimage writes them (CONFIG_ENV_SIZE from the partition or its env
 * settings, 0xFF fill, little-endian CRC; with a redundant environment both copies, flags 1 and
 * 0), and read back into that partition. Any family with an env partition can use it; the entry
 * lists those whose layouts have one.
 */
import { ACTIVE_FLAG, emitUbootEnv, parseUbootEnv } from '../codecs/uboot-env';
import { FormatError } from '../codecs/errors';
import { familyOf } from '../families';
import { place } from '../layout/place';
import type { LayoutDocument, Partition } from '../model/document';
import { formatHex } from '../model/units';
import type { Format } from './format';

/** CONFIG_ENV_SIZE when the layout does not say: the partition itself up to 128 KiB, else 16 KiB. */
const LARGEST_WHOLE_PARTITION = 0x20000;
const FALLBACK_SIZE = 0x4000;

function envPartition(document: LayoutDocument): { partition: Partition; size: number } {
  const placed = place(document, familyOf(document)).partitions.find((p) => p.partition.kind === 'env');
  if (!placed) throw new FormatError('the layout has no U-Boot environment partition (kind "env")');
  return { partition: placed.partition, size: placed.size };
}

function envSize(partition: Partition, slot: number): number {
  return partition.env?.size ?? (slot <= LARGEST_WHOLE_PARTITION ? slot : FALLBACK_SIZE);
}

export function exportEnvironment(document: LayoutDocument): { bytes: Uint8Array; warnings: string[] } {
  const { partition, size: slot } = envPartition(document);
  const redundant = partition.env?.redundant === true;
  const size = envSize(partition, redundant ? slot / 2 : slot);
  const warnings = partition.env?.size === undefined && slot > LARGEST_WHOLE_PARTITION ? [`CONFIG_ENV_SIZE taken as ${formatHex(size)}: set it on "${partition.name}" if the board uses another`] : [];
  const vars = partition.env?.variables ?? [];
  if (!redundant) return { bytes: emitUbootEnv(vars, { size }), warnings };
  if (size * 2 > slot) throw new FormatError(`two copies of ${formatHex(size)} bytes do not fit "${partition.name}" (${formatHex(slot)} bytes)`);
  const bytes = new Uint8Array(size * 2);
  bytes.set(emitUbootEnv(vars, { size, redundant: { flag: ACTIVE_FLAG } }));
  // The second copy is the obsolete one (ENV_REDUND_OBSOLETE), so U-Boot starts from the first.
  bytes.set(emitUbootEnv(vars, { size, redundant: { flag: 0 } }), size);
  return { bytes, warnings };
}

export function importEnvironment(bytes: Uint8Array, document: LayoutDocument): { document: LayoutDocument; warnings: string[] } {
  const { partition, size: slot } = envPartition(document);
  const image = parseUbootEnv(bytes, partition.env?.size !== undefined ? { size: partition.env.size } : {});
  const env = { variables: image.vars, ...(image.size !== slot ? { size: image.size } : {}), ...(image.redundant ? { redundant: true } : {}) };
  return { document: { ...document, partitions: document.partitions.map((p) => (p.id === partition.id ? { ...p, env } : p)) }, warnings: image.warnings };
}

/** No magic: the CRC of the data area matches at one of the common sizes. */
function looksLikeEnvironment(bytes: Uint8Array): boolean {
  if (bytes.length < 0x2000 || bytes.length > 0x40000) return false;
  try {
    parseUbootEnv(bytes);
    return true;
  } catch {
    return false;
  }
}

export const ubootEnvFormats: Format[] = [
  {
    id: 'uboot-env',
    title: 'U-Boot environment image (mkenvimage)',
    extension: 'env',
    kind: 'binary',
    families: ['emmc', 'nor'],
    detect: looksLikeEnvironment,
    import: importEnvironment,
    export: exportEnvironment,
  },
];
