/** Pure edits of a layout document; the store and fixes go through these. */
import { z } from 'zod';
import { DeviceSchema, PartitionSchema, type LayoutDocument, type Partition } from './document';
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

/**
 * Why an edit would leave the document invalid (a value past 2^53 − 1, a name too long, a
 * negative size), or undefined when every field it sets is valid. Checks only the fields the edit
 * sets, so it costs the same for any document size.
 */
export function editError(edit: Edit): string | undefined {
  const shape: Record<string, z.ZodType> = edit.target === 'partition' ? PartitionSchema.shape : DeviceSchema.shape;
  for (const [key, value] of Object.entries(edit.set)) {
    const field = shape[key];
    if (!field) return `unknown field "${key}"`;
    if (value === undefined) {
      if (!field.safeParse(undefined).success) return `${key} cannot be removed`;
      continue;
    }
    const result = field.safeParse(value);
    if (!result.success) return `${key}: ${result.error.issues[0]?.message ?? 'invalid value'}`;
  }
  return undefined;
}
