/**
 * One partition on the map: drag it to move it, drag near either edge to resize it, and use the
 * keyboard (arrows move, Alt+arrows resize, Delete removes). Memoised: during a drag only the
 * segments whose extent or problems changed render again.
 */
import { fileDropProps } from '../attachments/attach-file';
import { memo, type KeyboardEvent, type PointerEvent } from 'react';
import { familyOf, formatHex, formatHuman, type PlacedPartition, type Problem } from '../../src/index';
import type { AreaScale } from '../../src/editor/scale';
import { nudgePartition, type DragMode } from '../../src/editor/drag';
import { removePartition } from '../../src/editor/ops';
import { useCurrentValidation, useLayoutStore, useLayoutStoreApi } from '../store/context';
import { announce } from './announce';
import { revealPartitionForm } from '../panels/reveal-form';
import { fitsLabel, spanStyle, type Lane } from './geometry';
import { Callout } from './Callout';
import { KIND_COLORS, KIND_LABELS } from './kind-style';
import { useMapView } from './view-store';
import { isClickAfterDrag, partitionDragHandlers } from './partition-drag';

/** Pixels from either end of a segment where a drag resizes instead of moving. */
const EDGE_PX = 6;

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

/** Cursor feedback: a resize cursor near either edge. */
function showCursor(event: PointerEvent<HTMLElement>) {
  if (event.buttons !== 0) return;
  const mode = modeAt(event.currentTarget, event.clientX);
  event.currentTarget.style.cursor = mode === 'move' ? '' : 'ew-resize';
}

interface SegmentProps {
  scale: AreaScale;
  placed: PlacedPartition;
  problems: Problem[];
  /** The row below the bar where its name is shown when it does not fit the segment (NO_ROOM: in the tooltip only). */
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
  const store = useLayoutStoreApi();
  const dropFile = fileDropProps(store, partition.id);
  const drag = partitionDragHandlers(store, partition.id, modeAt);
  // A copy or its spare blocks move the whole partition; a press on one selects it, as a click does.
  const copyDrag = partitionDragHandlers(store, partition.id, () => 'move');
  const pressCopy = (event: PointerEvent<HTMLElement>) => {
    select(partition.id);
    copyDrag.onPointerDown(event);
  };

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
      <div
        role="button"
        tabIndex={0}
        aria-label={label}
        aria-pressed={selected}
        aria-roledescription="movable partition"
        className={`segment partition${selected ? ' selected' : ''}${dragLabel ? ' dragging' : ''}${worst ? ` has-${worst.severity}` : ''}${lane ? ` lane-${lane}` : ''}`}
        style={{ ...spanStyle(scale, placed.start, firstSlotEnd), background: KIND_COLORS[partition.kind] }}
        data-partition={partition.name}
        title={tooltip}
        data-partition-id={partition.id}
        onClick={() => {
          if (isClickAfterDrag()) return;
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
        {...drag}
        onPointerMove={(event) => {
          showCursor(event);
          drag.onPointerMove(event);
        }}
        onKeyDown={onKeyDown}
        {...dropFile}
      >
        {calloutRow === undefined && <span className="segment-name">{name}</span>}
        {worst && (
          <span className={`marker ${worst.severity}`} aria-hidden="true">
            !
          </span>
        )}
      </div>
      <Callout row={calloutRow} scale={scale} start={placed.start} end={firstSlotEnd} name={name} onSelect={() => select(partition.id)} />
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
            {...copyDrag}
            onPointerDown={pressCopy}
          />
        ) : null,
      )}
      {placed.copies.slice(1).map((copy) => (
        <div
          key={`copy-${copy.index}`}
          className={`segment copy${selected ? ' selected' : ''}`}
          style={{ ...spanStyle(scale, copy.start, copy.slotEnd), borderColor: KIND_COLORS[partition.kind] }}
          title={`${copy.name}: backup copy of ${partition.name} at ${formatHex(copy.start)}`}
          {...copyDrag}
          onPointerDown={pressCopy}
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
