/** Pure edits of a layout document; the store and fixes go through these. */
import type { LayoutDocument, Partition } from './document';
import type { Edit, Fix } from './problem';

export function updatePartition(document: LayoutDocument, id: string, set: Partial<Omit<Partition, 'id'>>): LayoutDocument {
  return {
    ...document,
    partitions: document.partitions.map((p) => (p.id === id ? dropUndefined({ ...p, ...set }) : p)),
  };
}

export function applyEdit(document: LayoutDocument, edit: Edit): LayoutDocument {
  if (edit.target === 'partition') return updatePartition(document, edit.id, edit.set);
  return { ...document, device: dropUndefined({ ...document.device, ...edit.set }) };
}

export function applyFix(document: LayoutDocument, fix: Fix): LayoutDocument {
  return fix.edits.reduce(applyEdit, document);
}

/** Optional fields set to undefined are removed, so documents stay valid JSON round-trips. */
function dropUndefined<T extends object>(value: T): T {
  const copy = { ...value };
  for (const key of Object.keys(copy) as Array<keyof T>) if (copy[key] === undefined) delete copy[key];
  return copy;
}
