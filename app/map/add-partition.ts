/** Adding a partition from the palette: where it goes and how big it can be. */
import {
  alignDown,
  alignUp,
  familyOf,
  formatHuman,
  type FreeSegment,
  type LayoutDocument,
  type PartitionTemplate,
  type Placement,
} from '../../src/index';
import { insertPartition } from '../../src/editor/ops';
import { areaAcceptsPartitions } from '../../src/layout/family';
import { sizeUnit } from '../../src/editor/drag';
import { offsetAlignment } from '../../src/layout/place';
import { report } from '../status/status';
import { announce } from './announce';

export type Added = { document: LayoutDocument; id: string } | { refused: string };

/**
 * Puts a template's partition at `at` (rounded down to its alignment). Inside free space it goes
 * there, shrunk to fit the segment; on an occupied spot it goes to the nearest free segment that
 * holds it whole, and when none does it is refused with the reason: it never makes an overlap.
 */
export function addFromTemplate(document: LayoutDocument, placement: Placement, template: PartitionTemplate, areaId: string, at: number): Added {
  const unavailable = template.unavailable?.(document);
  if (unavailable) return { refused: `${template.label} not added: ${unavailable}` };
  const family = familyOf(document);
  const fields = template.make(document);
  const draft = { ...fields, id: '_new', area: areaId, offset: 0 };
  const alignment = offsetAlignment(draft, document, family);
  const freeOfArea = placement.free.filter((f) => f.areaId === areaId);
  const here = freeOfArea.find((f) => at >= f.start && at < f.end);
  let size = fields.size;
  let offset: number;
  if (here) {
    offset = Math.max(alignDown(Math.floor(at), alignment), alignUp(here.start, alignment));
    if (typeof size === 'number') {
      const probe = { partition: draft, size } as unknown as Parameters<typeof sizeUnit>[0];
      const unit = sizeUnit(probe, document, family);
      if (offset + size > here.end) offset = Math.max(alignUp(here.start, alignment), alignDown(here.end - size, alignment));
      const room = alignDown(here.end - offset, unit);
      if (room > 0 && size > room) size = room;
    }
  } else {
    const wanted = typeof size === 'number' ? size : 1;
    const nearest = nearestFit(freeOfArea, at, wanted, alignment);
    if (nearest === undefined) {
      const area = placement.areas.find((a) => a.area.id === areaId);
      return { refused: `${template.label} not added: no free space in ${area?.area.name ?? 'this area'} holds ${typeof size === 'number' ? formatHuman(size) : 'it'}` };
    }
    offset = nearest;
  }
  return insertPartition(document, { ...fields, size }, areaId, offset, (p) => placement.byId.get(p.id)?.start ?? 0);
}

/** Records the added partition as one step and selects it, or says in the status line why not. */
export function settleAdded(added: Added, template: PartitionTemplate, edit: (document: LayoutDocument) => void, select: (id: string) => void): void {
  if ('refused' in added) {
    report(added.refused, 'error');
    announce(added.refused);
    return;
  }
  edit(added.document);
  select(added.id);
  announce(`${template.label} added`);
}

/** The aligned offset closest to `at` where `size` bytes fit inside one of the free segments. */
function nearestFit(free: FreeSegment[], at: number, size: number, alignment: number): number | undefined {
  let best: number | undefined;
  for (const segment of free) {
    const first = alignUp(segment.start, alignment);
    const last = alignDown(segment.end - size, alignment);
    if (last < first) continue;
    const offset = Math.min(Math.max(alignDown(Math.floor(at), alignment), first), last);
    const distance = offset < at ? at - (offset + size) : offset - at;
    const bestDistance = best === undefined ? Infinity : best < at ? at - (best + size) : best - at;
    if (distance < bestDistance) best = offset;
  }
  return best;
}

/**
 * The free segment a click on "Add" fills: the selected one, else the first large enough, in an
 * area the family lets partitions into.
 */
export function freeSegmentFor(document: LayoutDocument, placement: Placement, template: PartitionTemplate, selected: FreeSegment | null): FreeSegment | undefined {
  const family = familyOf(document);
  const open = (segment: FreeSegment) => {
    const area = placement.areas.find((a) => a.area.id === segment.areaId);
    return area !== undefined && areaAcceptsPartitions(family, area.area);
  };
  if (selected && open(selected)) return selected;
  const wanted = template.make(document).size;
  const free = placement.free.filter(open);
  return free.find((f) => typeof wanted !== 'number' || f.end - f.start >= wanted) ?? free[0];
}
