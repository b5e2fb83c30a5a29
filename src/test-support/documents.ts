/**
 * Small builders for test layouts: a generic NOR flash (16 MiB, 4 KiB erase blocks) unless a test
 * asks for another device, one area per address space, partitions given as name/offset/size.
 */
import type { Area, Device, LayoutDocument, Partition } from '../model/document';
import { familyOf } from '../families';
import type { Problem } from '../model/problem';
import { place } from '../layout/place';
import type { Rule } from '../layout/family';

export const NOR_DEVICE: Device = { family: 'nor', size: 16 * 1024 * 1024, geometry: { eraseBlock: 4096, pageSize: 256 } };

/** A partition in area "flash" (unless `extra.area` says otherwise); its id is its name unless given. */
export function part(name: string, offset: Partition['offset'], size: Partition['size'], extra: Partial<Partition> = {}): Partition {
  return { id: name, name, area: 'flash', offset, size, kind: 'data', ...extra };
}

export function layoutOf(partitions: Partition[], device: Device = NOR_DEVICE, areas?: Area[]): LayoutDocument {
  return {
    format: 'flashmap',
    version: 1,
    name: 'test layout',
    device,
    areas: areas ?? [{ id: 'flash', name: 'Flash', space: 'main', start: 0, size: 'rest' }],
    partitions,
  };
}

/** The problems one rule finds in a document, placed with the document's own family. */
export function check(rule: Rule, document: LayoutDocument): Problem[] {
  const family = familyOf(document);
  return rule.check({ document, placement: place(document, family), family });
}

export function placementOf(document: LayoutDocument) {
  return place(document, familyOf(document));
}
