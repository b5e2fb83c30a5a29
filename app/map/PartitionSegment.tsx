/** One partition on the map: draggable, resizable by its edges, movable with the keyboard. */
import { useDraggable } from '@dnd-kit/core';
import type { KeyboardEvent } from 'react';
import { familyOf, formatHex, formatHuman, type PlacedArea, type PlacedPartition, type Problem } from '../../src/index';
import { nudgePartition } from '../../src/editor/drag';
import { removePartition } from '../../src/editor/ops';
import { useLayoutStore, useValidation } from '../store/context';
import { announce } from './announce';
import { spanStyle } from './geometry';
import { KIND_COLORS, KIND_LABELS } from './kind-style';
import { useMapView } from './view-store';
import type { DragData } from './drag-data';

function useKeyboardEditing(placed: PlacedPartition) {
  const { document, placement } = useValidation();
  const edit = useLayoutStore((s) => s.edit);
  const select = useLayoutStore((s) => s.select);
  const { partition } = placed;
  return (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(partition.id);
      return;
    }
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      const next = placement.partitions.find((p) => p.index > placed.index && p.areaId === placed.areaId);
      edit(removePartition(document, partition.id));
      select(next?.partition.id ?? null);
      announce(`${partition.name} removed`);
      return;
    }
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const direction = event.key === 'ArrowLeft' ? -1 : 1;
    const mode = event.altKey ? 'resize' : 'move';
    const result = nudgePartition(document, placement, familyOf(document), partition.id, direction, event.shiftKey ? 16 : 1, mode);
    edit(result.document);
    select(partition.id);
    announce(mode === 'move' ? `${partition.name} moved to ${formatHex(result.start)}` : `${partition.name} resized to ${formatHex(result.size)} (${formatHuman(result.size)})`);
  };
}

function EdgeHandle({ placed, area, edge }: { placed: PlacedPartition; area: PlacedArea; edge: 'start' | 'end' }) {
  const data: DragData = { type: 'partition', partitionId: placed.partition.id, mode: edge === 'start' ? 'resize-start' : 'resize-end' };
  const { setNodeRef, listeners } = useDraggable({ id: `${data.mode}:${placed.partition.id}`, data });
  const at = edge === 'start' ? placed.start : placed.end;
  const left = ((at - area.start) / Math.max(1, area.end - area.start)) * 100;
  return (
    <div
      ref={setNodeRef}
      {...listeners}
      className={`edge-handle ${edge}`}
      style={{ left: `calc(${left}% - 4px)` }}
      data-edge={edge}
      data-partition={placed.partition.name}
      title={`Drag to resize ${placed.partition.name} (${edge === 'start' ? 'start' : 'end'}: ${formatHex(at)})`}
      aria-hidden="true"
    />
  );
}

export function PartitionSegment({ area, placed, problems }: { area: PlacedArea; placed: PlacedPartition; problems: Problem[] }) {
  const { partition } = placed;
  const selected = useLayoutStore((s) => s.selection === partition.id);
  const select = useLayoutStore((s) => s.select);
  const hint = useMapView((s) => s.hint);
  const dragLabel = useMapView((s) => (s.dragLabel?.partitionId === partition.id ? s.dragLabel.text : null));
  const onKeyDown = useKeyboardEditing(placed);
  const data: DragData = { type: 'partition', partitionId: partition.id, mode: 'move' };
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: `move:${partition.id}`, data });

  const worst = problems.find((p) => p.severity === 'error') ?? problems[0];
  const firstSlotEnd = placed.copies[0]?.slotEnd ?? placed.end;
  const label =
    `${partition.name}, ${formatHex(placed.start)}–${formatHex(placed.end)}, ${formatHuman(placed.size)}, ${KIND_LABELS[partition.kind]}` +
    (placed.copies.length > 0 ? `, ${placed.copies.length} copies` : '') +
    problems.map((p) => `; ${p.severity}: ${p.message}`).join('');
  return (
    <>
      <div
        ref={setNodeRef}
        {...listeners}
        role="button"
        tabIndex={0}
        aria-label={label}
        aria-pressed={selected}
        aria-roledescription="movable partition"
        className={`segment partition${selected ? ' selected' : ''}${worst ? ` has-${worst.severity}` : ''}${isDragging ? ' dragging' : ''}`}
        style={{ ...spanStyle(area, placed.start, firstSlotEnd), background: KIND_COLORS[partition.kind] }}
        data-partition={partition.name}
        onClick={() => select(partition.id)}
        onFocus={() => hint(partition.id)}
        onBlur={() => hint(null)}
        onMouseEnter={() => hint(partition.id)}
        onMouseLeave={() => hint(null)}
        onKeyDown={onKeyDown}
      >
        <span className="segment-name">{placed.copies[0]?.name ?? partition.name}</span>
        {worst && (
          <span className={`marker ${worst.severity}`} aria-hidden="true">
            !
          </span>
        )}
      </div>
      {dragLabel && (
        <span className="drag-label" style={{ left: spanStyle(area, placed.start, placed.end).left }} aria-hidden="true">
          {dragLabel}
        </span>
      )}
      {placed.copies.map((copy) =>
        copy.spareEnd > copy.slotEnd ? (
          <div key={`spare-${copy.index}`} className="segment spare" style={spanStyle(area, copy.slotEnd, copy.spareEnd)} title={`${copy.name}: spare blocks ${formatHex(copy.slotEnd)}–${formatHex(copy.spareEnd)}`} />
        ) : null,
      )}
      {placed.copies.slice(1).map((copy) => (
        <div
          key={`copy-${copy.index}`}
          className={`segment copy${selected ? ' selected' : ''}`}
          style={{ ...spanStyle(area, copy.start, copy.slotEnd), borderColor: KIND_COLORS[partition.kind] }}
          title={`${copy.name}: backup copy of ${partition.name} at ${formatHex(copy.start)}`}
          onClick={() => select(partition.id)}
        >
          <span className="segment-name">{copy.name}</span>
        </div>
      ))}
      {placed.size > 0 && <EdgeHandle placed={placed} area={area} edge="start" />}
      {placed.size > 0 && <EdgeHandle placed={placed} area={area} edge="end" />}
    </>
  );
}
