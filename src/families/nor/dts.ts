/**
 * The bridge between a NOR layout and the Linux device-tree `fixed-partitions` node: one child
 * per partition in document order, `reg = <offset size>`, the name as `label`, the `readonly`
 * flag as `read-only`. Reading a node back keeps the current device (the node does not say how
 * large the flash is) unless the partitions reach past it.
 */
import { emitFixedPartitions, parseFixedPartitions, type DtsPartition, type FixedPartitions } from '../../codecs/dts-partitions';
import { FormatError } from '../../codecs/errors';
import { place } from '../../layout/place';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type LayoutDocument, type Partition } from '../../model/document';
import { idAllocator } from '../../model/ids';
import { alignUp, MiB } from '../../model/units';
import { norFamily } from './family';

export function documentToFixedPartitions(document: LayoutDocument): FixedPartitions {
  if (document.device.family !== 'nor') throw new FormatError(`a fixed-partitions node here is written for a generic NOR layout, not a ${document.device.family} one`);
  const placement = place(document, norFamily);
  const partitions = placement.partitions.map((placed): DtsPartition => ({
    ...(placed.partition.name ? { label: placed.partition.name } : {}),
    offset: placed.start,
    size: placed.size,
    ...(placed.partition.flags?.includes('readonly') ? { readOnly: true } : {}),
  }));
  return { partitions };
}

export function exportFixedPartitions(document: LayoutDocument): { text: string } {
  return { text: emitFixedPartitions(documentToFixedPartitions(document)) };
}

function kindOf(label: string): Partition['kind'] {
  const name = label.toLowerCase();
  if (/u-?boot|spl|loader/.test(name)) return /env/.test(name) ? 'env' : 'bootloader';
  if (/env/.test(name)) return 'env';
  if (/kernel|fit|image/.test(name)) return 'kernel';
  if (/recovery/.test(name)) return 'recovery';
  if (/root/.test(name)) return 'rootfs';
  return 'data';
}

export function fixedPartitionsToDocument(table: FixedPartitions, current: LayoutDocument): LayoutDocument {
  const nor = current.device.family === 'nor';
  const base = nor ? current.device : norFamily.defaultDevice();
  const end = Math.max(0, ...table.partitions.map((p) => p.offset + p.size));
  const size = Math.max(base.size, alignUp(end, MiB));
  const device = { ...base, size };
  const areas = nor ? current.areas : norFamily.defaultAreas(device);
  const area = areas.find((a) => a.space === 'main') ?? areas[0];
  const allocate = idAllocator();
  const partitions = table.partitions.map((p, index): Partition => {
    const name = p.label ?? p.node ?? `part${index + 1}`;
    return {
      id: allocate(name),
      name,
      area: area.id,
      offset: p.offset,
      size: p.size,
      kind: kindOf(name),
      ...(p.readOnly ? { flags: ['readonly'] } : {}),
    };
  });
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name: current.name, device, areas, partitions };
}

export function importFixedPartitions(bytes: Uint8Array, current: LayoutDocument): { document: LayoutDocument; warnings: string[] } {
  return { document: fixedPartitionsToDocument(parseFixedPartitions(bytes), current), warnings: [] };
}

/** Device-tree source with a fixed-partitions node. */
export function looksLikeFixedPartitions(bytes: Uint8Array): boolean {
  const text = String.fromCharCode(...bytes.subarray(0, 64 * 1024));
  return /compatible\s*=\s*[^;]*"fixed-partitions"/.test(text);
}
