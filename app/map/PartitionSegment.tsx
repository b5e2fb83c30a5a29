/**
 * One partition on the map: drag it to move it, drag near either edge to resize it, and use the
 * keyboard (arrows move, Alt+arrows resize, Delete removes). Memoised: during a drag only the
 * segments whose extent or problems changed render again.
 */
import { fileDropProps } from '../attachments/attach-file';
import { memo, useMemo, type KeyboardEvent, type PointerEvent } from 'react';
import { familyOf, formatHex, formatHuman, type PlacedPartition, type Problem } from '../../src/index';
import type { AreaScale } from '../../src/editor/scale';
import { nudgePartition, type DragMode } from '../../src/editor/drag';
import { removePartition } from '../../src/editor/ops';
import { useCurrentValidation, useLayoutStoreApi } from '../store/context';
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
  const store = useLayoutStoreApi();
  const { partition } = placed;
  return (event: KeyboardEvent) => {
    const { document: layout, placement } = current();
    const { edit, select } = store.getState();
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
  selected: boolean;
  /** It is the partition the pointer drags. */
  dragged: boolean;
  /** The pointer drags a partition (this one or another). */
  pointerDrag: boolean;
}

/** The segment's tooltip and accessible name: its extent, size, kind, copies and problems. */
function describe(placed: PlacedPartition, problems: Problem[]): { tooltip: string; label: string } {
  const { partition } = placed;
  const facts = `${formatHex(placed.start)}–${formatHex(placed.end)}, ${formatHuman(placed.size)}, ${KIND_LABELS[partition.kind]}`;
  const copies = placed.copies.length;
  return {
    tooltip: `${partition.name}\n${facts}` + (copies > 0 ? `\n${copies} copies, the last ending at ${formatHex(placed.spanEnd)}` : ''),
    label: `${partition.name}, ${facts}` + (copies > 0 ? `, ${copies} copies` : '') + problems.map((p) => `; ${p.severity}: ${p.message}`).join(''),
  };
}

function PartitionSegmentView({ scale, placed, problems, calloutRow, lane, selected, dragged, pointerDrag }: SegmentProps) {
  const { partition } = placed;
  // Actions are read when called, and the selection and the drag come as props, not
  // subscriptions: during a drag every subscription of every segment is asked again on each frame.
  const onKeyDown = useKeyboardEditing(placed);
  const store = useLayoutStoreApi();
  const select = () => store.getState().select(partition.id);
  const hint = (id: string | null) => useMapView.getState().hint(id);
  const dropFile = fileDropProps(store, partition.id);
  const drag = partitionDragHandlers(store, partition.id, modeAt);
  // A copy or its spare blocks move the whole partition; a click on one selects it.
  const copyDrag = { ...partitionDragHandlers(store, partition.id, () => 'move'), onClick: () => isClickAfterDrag() || select() };

  const worst = problems.find((p) => p.severity === 'error') ?? problems[0];
  const firstSlotEnd = placed.copies[0]?.slotEnd ?? placed.end;
  const name = placed.copies[0]?.name ?? partition.name;
  // While the pointer drags a partition, the segments it shifts keep the tooltip and accessible
  // name they had: no one reads them mid-drag, and rewriting them on every frame was a large part
  // of the frame. They are written again on the drop.
  const describedPlace = pointerDrag ? null : placed;
  const describedProblems = pointerDrag ? null : problems;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- not made again while the pointer drags
  const { tooltip, label } = useMemo(() => describe(placed, problems), [describedPlace, describedProblems]);
  return (
    <>
      <div
        role="button"
        tabIndex={0}
        aria-label={label}
        aria-pressed={selected}
        aria-roledescription="movable partition"
        className={`segment partition${selected ? ' selected' : ''}${dragged ? ' dragging' : ''}${worst ? ` has-${worst.severity}` : ''}${lane ? ` lane-${lane}` : ''}`}
        style={{ ...spanStyle(scale, placed.start, firstSlotEnd), background: KIND_COLORS[partition.kind] }}
        data-partition={partition.name}
        title={tooltip}
        data-partition-id={partition.id}
        onClick={() => {
          if (isClickAfterDrag()) return;
          select();
          revealPartitionForm();
        }}
        onFocus={() => {
          hint(partition.id);
          select();
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
      <Callout row={calloutRow} scale={scale} start={placed.start} end={firstSlotEnd} name={name} onSelect={select} />
      {placed.copies.map((copy) =>
        copy.spareEnd > copy.slotEnd ? (
          <div
            key={`spare-${copy.index}`}
            className="segment spare"
            style={{ ...spanStyle(scale, copy.slotEnd, copy.spareEnd), color: KIND_COLORS[partition.kind] }}
            title={`${copy.name}: spare blocks ${formatHex(copy.slotEnd)}–${formatHex(copy.spareEnd)}`}
            {...copyDrag}
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
    a.selected === b.selected &&
    a.dragged === b.dragged &&
    a.pointerDrag === b.pointerDrag &&
    a.problems.length === b.problems.length &&
    a.problems.every((problem, i) => problem.message === b.problems[i].message && problem.severity === b.problems[i].severity)
  );
}

export const PartitionSegment = memo(PartitionSegmentView, sameSegment);
