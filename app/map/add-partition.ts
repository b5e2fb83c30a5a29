/** Adding a partition from the palette: where it goes and how big it can be. */
import {
  alignDown,
  alignUp,
  familyOf,
  type FreeSegment,
  type LayoutDocument,
  type PartitionTemplate,
  type Placement,
} from '../../src/index';
import { insertPartition } from '../../src/editor/ops';
import { areaAcceptsPartitions } from '../../src/layout/family';
import { sizeUnit } from '../../src/editor/drag';
import { offsetAlignment } from '../../src/layout/place';

/**
 * Puts a template's partition at `at` (rounded down to its alignment) inside the free segment
 * there, shrinking it to fit; outside free space it goes exactly where asked and the rules say
 * what is wrong.
 */
export function addFromTemplate(
  document: LayoutDocument,
  placement: Placement,
  template: PartitionTemplate,
  areaId: string,
  at: number,
): { document: LayoutDocument; id: string } {
  const family = familyOf(document);
  const fields = template.make();
  const draft = { ...fields, id: '_new', area: areaId, offset: 0 };
  const alignment = offsetAlignment(draft, document, family);
  const free = placement.free.find((f) => f.areaId === areaId && at >= f.start && at < f.end);
  let offset = alignDown(Math.floor(at), alignment);
  let size = fields.size;
  if (free) {
    offset = Math.max(offset, alignUp(free.start, alignment));
    if (typeof size === 'number') {
      const probe = { partition: draft, size } as unknown as Parameters<typeof sizeUnit>[0];
      const unit = sizeUnit(probe, document, family);
      if (offset + size > free.end) offset = Math.max(alignUp(free.start, alignment), alignDown(free.end - size, alignment));
      const room = alignDown(free.end - offset, unit);
      if (room > 0 && size > room) size = room;
    }
  }
  return insertPartition(document, { ...fields, size }, areaId, offset, (p) => placement.byId.get(p.id)?.start ?? 0);
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
  const wanted = template.make().size;
  const free = placement.free.filter(open);
  return free.find((f) => typeof wanted !== 'number' || f.end - f.start >= wanted) ?? free[0];
}
