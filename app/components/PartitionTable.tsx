/**
 * The table of partitions, synced with the map through the selection; rows reorder by dragging,
 * and the name, offset and size cells edit in place (TableCell).
 */
import { revealPartitionForm } from '../panels/reveal-form';
import { DndContext, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { memo, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { formatHex, formatHuman, type LayoutDocument, type PlacedPartition, type Problem } from '../../src/index';
import { reorderPartition } from '../../src/editor/ops';
import { useValidationBesideMap, useCurrentValidation, useLayoutStore, useLayoutStoreApi, useLayoutStoreBesideMap, type ValidatedDocument } from '../store/context';
import { besideMapDocument } from '../store/layout-store';
import { announce } from '../map/announce';
import { KIND_COLORS, KIND_LABELS } from '../map/kind-style';
import type { DragData, DropData } from '../map/drag-data';
import { EditableCell, focusFirstCell, type EditedCell } from './TableCell';
import type { EditableColumn } from '../form/cell-edit';

/** Alt+arrow up or down on a row moves it one row: automatic offsets follow. */
function useRowReorder(placed: PlacedPartition) {
  const current = useCurrentValidation();
  const edit = useLayoutStore((s) => s.edit);
  return (event: React.KeyboardEvent) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return false;
    event.preventDefault();
    const { document } = current();
    const to = placed.index + (event.key === 'ArrowUp' ? -1 : 1);
    if (to < 0 || to >= document.partitions.length) return true;
    edit(reorderPartition(document, placed.index, to));
    announce(`${placed.partition.name} moved to row ${to + 1}`);
    return true;
  };
}

/** The pointer's handle for reordering; the keyboard reorders from the row itself (one Tab stop per row). */
function RowGrip({ placed }: { placed: PlacedPartition }) {
  const data: DragData = { type: 'row', partitionId: placed.partition.id };
  const { setNodeRef, listeners } = useDraggable({ id: `row:${placed.partition.id}`, data });
  return (
    <button
      ref={setNodeRef}
      {...listeners}
      type="button"
      className="grip"
      tabIndex={-1}
      aria-label={`Reorder ${placed.partition.name} (Alt+arrow up or down on the row)`}
      title="Drag to reorder; automatic offsets follow"
      onClick={(event) => event.stopPropagation()}
    >
      ⋮⋮
    </button>
  );
}

interface RowProps {
  placed: PlacedPartition;
  areaName: string;
  problem?: Problem;
  selected: boolean;
  /** The cell of this row being typed in, if any. */
  editing?: EditableColumn;
  setEditing: (cell: EditedCell | null) => void;
}

function RowView({ placed, areaName, problem, selected, editing, setEditing }: RowProps) {
  const select = useLayoutStore((s) => s.select);
  const drop: DropData = { type: 'row', partitionId: placed.partition.id };
  const { setNodeRef, isOver } = useDroppable({ id: `rowdrop:${placed.partition.id}`, data: drop });
  const { partition } = placed;
  const reorder = useRowReorder(placed);
  const cell = { id: partition.id, name: partition.name, setEditing, editing: editing === 'name' };
  return (
    <tr
      ref={setNodeRef}
      tabIndex={0}
      data-row-id={partition.id}
      aria-selected={selected}
      className={`${selected ? 'selected' : ''}${isOver ? ' drop-target' : ''}`}
      onClick={() => {
        select(partition.id);
        revealPartitionForm();
      }}
      onKeyDown={(event) => {
        if (event.target !== event.currentTarget) return;
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          select(partition.id);
        } else if (event.altKey) {
          reorder(event);
        } else if (event.key === 'F2') {
          event.preventDefault();
          setEditing({ id: partition.id, column: 'name' });
        } else if (event.key === 'ArrowRight') {
          event.preventDefault();
          focusFirstCell(event.currentTarget);
        } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
          // Arrows walk the rows; Tab leaves the table.
          event.preventDefault();
          const row = event.key === 'ArrowUp' ? event.currentTarget.previousElementSibling : event.currentTarget.nextElementSibling;
          (row as HTMLElement | null)?.focus();
        }
      }}
    >
      <td className="grip-cell">
        <RowGrip placed={placed} />
      </td>
      <EditableCell header column="name" {...cell}>
        <span className="swatch" style={{ background: KIND_COLORS[partition.kind] }} aria-hidden="true" />
        <span className="partition-name">{partition.name}</span>
        {problem && (
          <span className={`badge ${problem.severity}`} title={problem.message}>
            {problem.severity}
          </span>
        )}
      </EditableCell>
      <td data-column="area">{areaName}</td>
      <EditableCell className="num" column="offset" {...cell} editing={editing === 'offset'}>
        {formatHex(placed.start)}
        {partition.offset === 'auto' && <span className="muted"> auto</span>}
      </EditableCell>
      <EditableCell className="num" column="size" {...cell} editing={editing === 'size'}>
        {formatHex(placed.size)} <span className="muted">{formatHuman(placed.size)}</span>
        {partition.size === 'rest' && <span className="muted"> rest</span>}
      </EditableCell>
      <td className="num" data-column="end">
        {formatHex(placed.end)}
      </td>
      <td data-column="kind">
        {KIND_LABELS[partition.kind]}
        {partition.fs && <span className="muted"> {partition.fs}</span>}
        {partition.raw && <span className="muted"> raw</span>}
      </td>
      <td className="num" data-column="span" title="From the first copy to the end of the last copy and its spare blocks">
        {placed.copies.length > 0 ? formatHex(placed.spanEnd) : ''}
      </td>
      <td data-column="copies">{placed.copies.length > 0 ? `${placed.copies.length}×${partition.copies?.spareBlocks ? ` +${partition.copies.spareBlocks} spare` : ''}` : ''}</td>
    </tr>
  );
}

/** A row draws the same when its partition, extent, area, first problem and selection are the same. */
const Row = memo(
  RowView,
  (a, b) =>
    a.placed.partition === b.placed.partition &&
    a.placed.start === b.placed.start &&
    a.placed.size === b.placed.size &&
    a.placed.index === b.placed.index &&
    a.placed.copies.length === b.placed.copies.length &&
    a.areaName === b.areaName &&
    a.selected === b.selected &&
    a.editing === b.editing &&
    a.problem?.message === b.problem?.message &&
    a.problem?.severity === b.problem?.severity,
);

/** Reordering rows: dropping a row on another moves it there; automatic offsets follow. */
function RowReordering({ children }: { children: ReactNode }) {
  const store = useLayoutStoreApi();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 3 } }));
  function onDragEnd(event: DragEndEvent) {
    const data = event.active.data.current as DragData | undefined;
    const over = event.over?.data.current as DropData | undefined;
    if (data?.type !== 'row' || over?.type !== 'row' || over.partitionId === data.partitionId) return;
    const document = store.getState().history.present;
    const from = document.partitions.findIndex((p) => p.id === data.partitionId);
    const to = document.partitions.findIndex((p) => p.id === over.partitionId);
    store.getState().edit(reorderPartition(document, from, to));
    announce(`${document.partitions[from]?.name} moved to row ${to + 1}`);
  }
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd} autoScroll={false}>
      {children}
    </DndContext>
  );
}

/**
 * aria-busy on the table while it still draws an older document or selection than the store
 * holds. A subscription of its own, written to the element: a render of the table for it drew
 * every row again (dnd-kit's context reaches each row) in the task of a drop or an edit.
 */
function TableBusy({ table, drawn, selection }: { table: RefObject<HTMLTableElement | null>; drawn: LayoutDocument; selection: string | null }) {
  const behind = useLayoutStore((s) => besideMapDocument(s) !== drawn || s.selection !== selection);
  useLayoutEffect(() => {
    if (behind) table.current?.setAttribute('aria-busy', 'true');
    else table.current?.removeAttribute('aria-busy');
  }, [behind, table]);
  return null;
}

export function PartitionTable() {
  const validation = useValidationBesideMap();
  const selection = useLayoutStoreBesideMap((s) => s.selection);
  return <DrawnTable validation={validation} selection={selection} />;
}

/**
 * The table as it is drawn: memoised on the deferred document and selection. A store change
 * renders PartitionTable at once (the deferred values are still the old ones); without the memo
 * that render reached the reordering DndContext, whose context draws every row again.
 */
const DrawnTable = memo(function DrawnTable({ validation, selection }: { validation: ValidatedDocument; selection: string | null }) {
  const { document: drawn, placement, problemsOf } = validation;
  const table = useRef<HTMLTableElement>(null);
  const [editing, setEditing] = useState<EditedCell | null>(null);
  const areaName = new Map(placement.areas.map((a) => [a.area.id, a.area.name]));
  return (
    <RowReordering>
    <div className="table-scroll">
    <table className="partition-table" aria-label="Partitions" ref={table}>
      <thead>
        <tr>
          <th scope="col">
            <span className="sr-only">Order</span>
          </th>
          <th scope="col">Name</th>
          <th scope="col">Area</th>
          <th scope="col">Offset</th>
          <th scope="col">Size</th>
          <th scope="col">End</th>
          <th scope="col">Kind</th>
          <th scope="col">Span end</th>
          <th scope="col">Copies</th>
        </tr>
      </thead>
      <tbody>
        {placement.partitions.map((placed) => (
          <Row
            key={placed.partition.id}
            placed={placed}
            areaName={areaName.get(placed.areaId) ?? ''}
            problem={problemsOf(placed.partition.id)[0]}
            selected={selection === placed.partition.id}
            editing={editing?.id === placed.partition.id ? editing.column : undefined}
            setEditing={setEditing}
          />
        ))}
      </tbody>
    </table>
    {/* After the table, so that its ref is set when this effect runs on the first render. */}
    <TableBusy table={table} drawn={drawn} selection={selection} />
    </div>
    </RowReordering>
  );
});
