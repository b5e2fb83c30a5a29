/**
 * Editing the volumes inside a partition (UBI volumes): add one from the family's template, change
 * or remove one. Volume ids share the document's id space with partitions, so an id names one
 * thing for the selection and for fixes.
 */
import type { LayoutDocument, Volume } from '../model/document';
import { idAllocator } from '../model/ids';

function takenIds(document: LayoutDocument): string[] {
  return document.partitions.flatMap((p) => [p.id, ...(p.volumes ?? []).map((v) => v.id)]);
}

/** A name not used by another volume of the partition: "data", "data_2"... */
function freeName(name: string, volumes: readonly Volume[]): string {
  const names = new Set(volumes.map((v) => v.name));
  let candidate = name;
  for (let n = 2; names.has(candidate); n++) candidate = `${name}_${n}`;
  return candidate;
}

export function addVolume(document: LayoutDocument, partitionId: string, template: Omit<Volume, 'id'>): { document: LayoutDocument; id: string } {
  const partition = document.partitions.find((p) => p.id === partitionId);
  const volumes = partition?.volumes ?? [];
  const name = freeName(template.name, volumes);
  const id = idAllocator(takenIds(document))(name);
  return {
    id,
    document: { ...document, partitions: document.partitions.map((p) => (p.id === partitionId ? { ...p, volumes: [...volumes, { ...template, name, id }] } : p)) },
  };
}

/** The partition holding a volume, and the volume. */
export function findVolume(document: LayoutDocument, volumeId: string): { partitionId: string; volume: Volume } | undefined {
  for (const partition of document.partitions) {
    const volume = partition.volumes?.find((v) => v.id === volumeId);
    if (volume) return { partitionId: partition.id, volume };
  }
  return undefined;
}

function mapVolumes(document: LayoutDocument, volumeId: string, change: (volumes: Volume[], index: number) => Volume[]): LayoutDocument {
  return {
    ...document,
    partitions: document.partitions.map((p) => {
      const index = p.volumes?.findIndex((v) => v.id === volumeId) ?? -1;
      return index === -1 ? p : { ...p, volumes: change(p.volumes!, index) };
    }),
  };
}

/** Fields set to undefined are removed, as for partitions. */
export function updateVolume(document: LayoutDocument, volumeId: string, set: Partial<Omit<Volume, 'id'>>): LayoutDocument {
  return mapVolumes(document, volumeId, (volumes, index) =>
    volumes.map((v, i) => {
      if (i !== index) return v;
      const next: Record<string, unknown> = { ...v, ...set };
      for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
      return next as Volume;
    }),
  );
}

export function removeVolume(document: LayoutDocument, volumeId: string): LayoutDocument {
  return mapVolumes(document, volumeId, (volumes, index) => volumes.filter((_, i) => i !== index));
}
