/**
 * One partition on the map: drag it to move it, drag near either edge to resize it, and use the
 * keyboard (arrows move, Alt+arrows resize, Delete removes). Memoised: during a drag only the
 * segments whose extent or problems changed render again.
 */
import { useDraggable } from '@dnd-kit/core';
import { fileDropProps } from '../attachments/attach-file';
import { memo, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { familyOf, formatHex, formatHuman, type PlacedPartition, type Problem } from '../../src/index';
import type { AreaScale } from '../../src/editor/scale';
import { nudgePartition, type DragMode } from '../../src/editor/drag';
import { removePartition } from '../../src/editor/ops';
import { useCurrentValidation, useLayoutStore, useLayoutStoreApi } from '../store/context';
import { announce } from './announce';
import { revealPartitionForm } from '../panels/reveal-form';
import { fitsLabel, spanStyle, type Lane } from './geometry';
import { KIND_COLORS, KIND_LABELS } from './kind-style';
import { useMapView } from './view-store';
import type { DragData } from './drag-data';

/** Pixels from either end of a segment where a drag resizes instead of moving. */
const EDGE_PX = 6;

/** 
/** What the last press on a segment grabbed; read when the drag starts. */
export const lastPress: { partitionId: string | null; mode: DragMode } = { partitionId: null, mode: 'move' };

function modeAt(element: HTMLElement, clientX: number): DragMode {
  const rect = element.getBoundingClientRect();
  if (rect.width < EDGE_PX * 3) return 'move';
  if (clientX - rect.left <= EDGE_PX) return 'resize-start';
  if (rect.right - clientX <= EDGE_PX) return 'resize-end';
  return 'move';
}

function useKeyboardEditing(placed: PlacedPartition) {
  const current = useCurrentValidation();
  const edit = useLayoutStore((s) => s.edit);
  const select = useLayoutStore((s) => s.select);
  const { partition } = placed;
  return (event: KeyboardEvent) => {
    const { document: layout, placement } = current();
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(partition.id);
      return;
    }
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      const inArea = placement.partitions.filter((p) => p.areaId === placed.areaId);
      const at = inArea.indexOf(placed);
      const neighbour = inArea[at + 1] ?? inArea[at - 1];
      edit(removePartition(layout, partition.id));
      select(neighbour?.partition.id ?? null);
      announce(`${partition.name} removed`);
      // Keyboard focus goes to the neighbouring segment once it is drawn, not to the page body.
      if (neighbour) requestAnimationFrame(() => document.querySelector<HTMLElement>(`.flash-map [data-partition-id="${CSS.escape(neighbour.partition.id)}"]`)?.focus());
      return;
    }
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const direction = event.key === 'ArrowLeft' ? -1 : 1;
    const mode = event.altKey ? 'resize' : 'move';
    const result = nudgePartition(layout, placement, familyOf(layout), partition.id, direction, event.shiftKey ? 16 : 1, mode);
    edit(result.document);
    select(partition.id);
    announce(mode === 'move' ? `${partition.name} moved to ${formatHex(result.start)}` : `${partition.name} resized to ${formatHex(result.size)} (${formatHuman(result.size)})`);
  };
}

/**
 * The only part that follows dnd-kit's context, which changes on every pointer move: it renders
 * again then, but its children are the same elements and are not rendered again.
 */
function Draggable({ partitionId, className, children, ...rest }: { partitionId: string; className: string; children: ReactNode } & React.HTMLAttributes<HTMLDivElement>) {
  const data: DragData = { type: 'partition', partitionId, mode: 'move' };
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: `partition:${partitionId}`, data });
  return (
    <div
      ref={setNodeRef}
      {...rest}
      className={isDragging ? `${className} dragging` : className}
      onPointerDown={(event: PointerEvent<HTMLDivElement>) => {
        lastPress.partitionId = partitionId;
        lastPress.mode = modeAt(event.currentTarget, event.clientX);
        listeners?.onPointerDown?.(event);
      }}
    >
      {children}
    </div>
  );
}

/** Cursor feedback: a resize cursor near either edge. */
function showCursor(event: PointerEvent<HTMLDivElement>) {
  if (event.buttons !== 0) return;
  const mode = modeAt(event.currentTarget, event.clientX);
  event.currentTarget.style.cursor = mode === 'move' ? '' : 'ew-resize';
}

interface SegmentProps {
  scale: AreaScale;
  placed: PlacedPartition;
  problems: Problem[];
  /** The row below the bar where its name is shown when it does not fit the segment. */
  calloutRow?: number;
  /** The half of the bar it is drawn in when it overlaps another partition. */
  lane?: Lane;
}

function PartitionSegmentView({ scale, placed, problems, calloutRow, lane }: SegmentProps) {
  const { partition } = placed;
  const selected = useLayoutStore((s) => s.selection === partition.id);
  const select = useLayoutStore((s) => s.select);
  const hint = useMapView((s) => s.hint);
  const dragLabel = useMapView((s) => (s.dragLabel?.partitionId === partition.id ? s.dragLabel.text : null));
  const onKeyDown = useKeyboardEditing(placed);
  const dropFile = fileDropProps(useLayoutStoreApi(), partition.id);

  const worst = problems.find((p) => p.severity === 'error') ?? problems[0];
  const firstSlotEnd = placed.copies[0]?.slotEnd ?? placed.end;
  const facts = `${formatHex(placed.start)}–${formatHex(placed.end)}, ${formatHuman(placed.size)}, ${KIND_LABELS[partition.kind]}`;
  const name = placed.copies[0]?.name ?? partition.name;
  const tooltip = `${partition.name}\n${facts}` + (placed.copies.length > 0 ? `\n${placed.copies.length} copies, the last ending at ${formatHex(placed.spanEnd)}` : '');
  const label =
    `${partition.name}, ${facts}` +
    (placed.copies.length > 0 ? `, ${placed.copies.length} copies` : '') +
    problems.map((p) => `; ${p.severity}: ${p.message}`).join('');
  return (
    <>
      <Draggable
        partitionId={partition.id}
        role="button"
        tabIndex={0}
        aria-label={label}
        aria-pressed={selected}
        aria-roledescription="movable partition"
        className={`segment partition${selected ? ' selected' : ''}${worst ? ` has-${worst.severity}` : ''}${lane ? ` lane-${lane}` : ''}`}
        style={{ ...spanStyle(scale, placed.start, firstSlotEnd), background: KIND_COLORS[partition.kind] }}
        data-partition={partition.name}
        title={tooltip}
        data-partition-id={partition.id}
        onClick={() => {
          select(partition.id);
          revealPartitionForm();
        }}
        onFocus={() => {
          hint(partition.id);
          select(partition.id);
        }}
        onBlur={() => hint(null)}
        onMouseEnter={() => hint(partition.id)}
        onMouseLeave={() => hint(null)}
        onPointerMove={showCursor}
        onKeyDown={onKeyDown}
        {...dropFile}
      >
        {calloutRow === undefined && <span className="segment-name">{name}</span>}
        {worst && (
          <span className={`marker ${worst.severity}`} aria-hidden="true">
            !
          </span>
        )}
      </Draggable>
      {calloutRow !== undefined && (
        <span className={`callout row-${calloutRow}`} style={{ left: spanStyle(scale, placed.start, firstSlotEnd).left }} aria-hidden="true" onClick={() => select(partition.id)}>
          <span className="callout-text">{name}</span>
        </span>
      )}
      {dragLabel && (
        <span className="drag-label" style={{ left: spanStyle(scale, placed.start, placed.end).left }} aria-hidden="true">
          {dragLabel}
        </span>
      )}
      {placed.copies.map((copy) =>
        copy.spareEnd > copy.slotEnd ? (
          <div
            key={`spare-${copy.index}`}
            className="segment spare"
            style={{ ...spanStyle(scale, copy.slotEnd, copy.spareEnd), color: KIND_COLORS[partition.kind] }}
            title={`${copy.name}: spare blocks ${formatHex(copy.slotEnd)}–${formatHex(copy.spareEnd)}`}
            onPointerDown={() => select(partition.id)}
          />
        ) : null,
      )}
      {placed.copies.slice(1).map((copy) => (
        <div
          key={`copy-${copy.index}`}
          className={`segment copy${selected ? ' selected' : ''}`}
          style={{ ...spanStyle(scale, copy.start, copy.slotEnd), borderColor: KIND_COLORS[partition.kind] }}
          title={`${copy.name}: backup copy of ${partition.name} at ${formatHex(copy.start)}`}
          // On press, so that a drag started on a copy selects its partition as a click does.
          onPointerDown={() => select(partition.id)}
        >
          {fitsLabel(scale, copy.start, copy.slotEnd, copy.name) && <span className="segment-name">{copy.name}</span>}
        </div>
      ))}
    </>
  );
}

/** Same picture: same partition fields, extent, copies, area bounds and problem messages. */
function sameSegment(a: SegmentProps, b: SegmentProps): boolean {
  const p = a.placed;
  const q = b.placed;
  return (
    p.partition === q.partition &&
    p.start === q.start &&
    p.size === q.size &&
    p.spanEnd === q.spanEnd &&
    p.index === q.index &&
    p.copies.length === q.copies.length &&
    a.scale === b.scale &&
    a.calloutRow === b.calloutRow &&
    a.lane === b.lane &&
    a.problems.length === b.problems.length &&
    a.problems.every((problem, i) => problem.message === b.problems[i].message && problem.severity === b.problems[i].severity)
  );
}

export const PartitionSegment = memo(PartitionSegmentView, sameSegment);
