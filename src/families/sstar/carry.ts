/**
 * A table read into the layout being edited keeps what the table does not say: partitions of the
 * same name keep their kind, filesystem, flags, image, volumes and description, and the device
 * keeps its geometry and SigmaStar options, when the current layout is of the same family.
 */
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type Area, type Device, type LayoutDocument, type Partition } from '../../model/document';

const KEPT = ['kind', 'fs', 'flags', 'sstar', 'volumes', 'description', 'imageSize'] as const;

export function keepFromCurrent(partitions: Partition[], current: LayoutDocument, family: Device['family']): Partition[] {
  if (current.device.family !== family) return partitions;
  const byName = new Map(current.partitions.map((p) => [p.name, p]));
  return partitions.map((partition) => {
    const previous = byName.get(partition.name);
    if (!previous) return partition;
    const kept: Partial<Partition> = {};
    for (const key of KEPT) if (previous[key] !== undefined) Object.assign(kept, { [key]: previous[key] });
    return { ...partition, ...kept };
  });
}

/** The smallest power of two from `minimum` that holds `end` bytes. */
export function powerOfTwoFor(end: number, minimum: number): number {
  let size = minimum;
  while (size < end && size <= Number.MAX_SAFE_INTEGER / 2) size *= 2;
  return size;
}

export function sstarDocument(name: string, device: Device, areas: Area[], partitions: Partition[]): LayoutDocument {
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name, device, areas, partitions };
}
