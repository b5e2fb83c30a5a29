/**
 * Editing operations of the map and the table, as pure functions of the document. Each returns a
 * new document; the store records it as one undoable step.
 */
import type { LayoutDocument, Partition } from '../model/document';
import { updatePartition } from '../model/edit';

export function movePartition(document: LayoutDocument, id: string, offset: number): LayoutDocument {
  return updatePartition(document, id, { offset });
}

export function resizePartition(document: LayoutDocument, id: string, offset: number, size: number): LayoutDocument {
  return updatePartition(document, id, { offset, size });
}

export function removePartition(document: LayoutDocument, id: string): LayoutDocument {
  return { ...document, partitions: document.partitions.filter((p) => p.id !== id) };
}

/** Moves the partition at `from` to index `to` in the document order; automatic offsets follow. */
export function reorderPartition(document: LayoutDocument, from: number, to: number): LayoutDocument {
  if (from === to || from < 0 || from >= document.partitions.length) return document;
  const partitions = [...document.partitions];
  const [moved] = partitions.splice(from, 1);
  partitions.splice(Math.max(0, Math.min(to, partitions.length)), 0, moved);
  return { ...document, partitions };
}

/** An id not used by any partition yet. */
export function newPartitionId(document: LayoutDocument): string {
  const used = new Set(document.partitions.map((p) => p.id));
  let n = document.partitions.length + 1;
  while (used.has(`p${n}`)) n++;
  return `p${n}`;
}

/** `name`, or `name_2`, `name_3`... whichever is free. */
export function uniqueName(document: LayoutDocument, name: string): string {
  const used = new Set(document.partitions.map((p) => p.name));
  if (!used.has(name)) return name;
  let n = 2;
  while (used.has(`${name}_${n}`)) n++;
  return `${name}_${n}`;
}

/**
 * Adds a partition in `area` at `offset`, placed in the document order after the partitions that
 * start before it, so automatic offsets of the others do not jump over it.
 */
export function insertPartition(
  document: LayoutDocument,
  fields: Omit<Partition, 'id' | 'area' | 'offset'>,
  area: string,
  offset: number,
  startOf: (partition: Partition) => number,
): { document: LayoutDocument; id: string } {
  const id = newPartitionId(document);
  const partition: Partition = { ...fields, id, area, offset, name: uniqueName(document, fields.name) };
  let index = document.partitions.length;
  for (let i = document.partitions.length - 1; i >= 0; i--) {
    const other = document.partitions[i];
    if (other.area === area && startOf(other) > offset) index = i;
  }
  const partitions = [...document.partitions];
  partitions.splice(index, 0, partition);
  return { document: { ...document, partitions }, id };
}
