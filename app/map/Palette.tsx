/** Partition kinds of the family: drag one into free space, or press it to add it to free space. */
import { useDraggable } from '@dnd-kit/core';
import { familyOf, type PartitionTemplate } from '../../src/index';
import { useCurrentValidation, useLayoutStore, useValidationBesideMap } from '../store/context';
import { announce } from './announce';
import { addFromTemplate, freeSegmentFor, settleAdded } from './add-partition';
import { KIND_COLORS } from './kind-style';
import type { DragData } from './drag-data';

function PaletteItem({ template, index }: { template: PartitionTemplate; index: number }) {
  const current = useCurrentValidation();
  const edit = useLayoutStore((s) => s.edit);
  const select = useLayoutStore((s) => s.select);
  const freeSelection = useLayoutStore((s) => s.freeSelection);
  const data: DragData = { type: 'palette', templateIndex: index };
  const { setNodeRef, listeners, attributes } = useDraggable({ id: `palette:${index}`, data });
  const kind = template.make().kind;
  const { document: layout } = useValidationBesideMap();
  const unavailable = template.unavailable?.(layout);

  function addToFreeSpace() {
    const { document, placement } = current();
    const free = freeSegmentFor(document, placement, template, freeSelection);
    if (!free) {
      announce('No free space left for a new partition');
      return;
    }
    settleAdded(addFromTemplate(document, placement, template, free.areaId, free.start), template, edit, select);
  }

  return (
    <li>
      <button
        ref={setNodeRef}
        {...listeners}
        {...attributes}
        type="button"
        className="palette-item"
        aria-label={`Add ${template.label}`}
        aria-disabled={unavailable ? true : undefined}
        title={unavailable ?? `Drag into free space, or press to add ${template.label} to free space`}
        onClick={addToFreeSpace}
      >
        <span className="swatch" style={{ background: KIND_COLORS[kind] }} aria-hidden="true" />
        {template.label}
      </button>
    </li>
  );
}

export function Palette() {
  const { document } = useValidationBesideMap();
  const palette = familyOf(document).palette;
  return (
    <ul className="palette" aria-label="Partition palette">
      {palette.map((template, index) => (
        <PaletteItem key={template.label} template={template} index={index} />
      ))}
    </ul>
  );
}
