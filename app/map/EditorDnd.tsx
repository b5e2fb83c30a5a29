/**
 * The drag-and-drop context of the map: moving and resizing partitions and dragging palette items
 * into free space. Drags show a live preview (validated on every move) and become one undoable
 * edit when dropped. (Table rows reorder in their own context, so a drag on the map does not
 * make every row follow it.)
 */
import { DndContext, PointerSensor, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { useRef, type ReactNode } from 'react';
import { familyOf, formatHex, formatHuman, type LayoutDocument, type Placement } from '../../src/index';
import { dragPartition, type DragResult } from '../../src/editor/drag';
import { useLayoutStoreApi, validationOf } from '../store/context';
import { announce } from './announce';
import { lastPress } from './PartitionSegment';
import { addFromTemplate, settleAdded } from './add-partition';
import { barWidthPx, byteAt, scaleFor } from './geometry';
import type { AreaScale } from '../../src/editor/scale';
import { areaBars, useMapView } from './view-store';
import type { DragData, DropData } from './drag-data';

/** Edge snapping reaches this many pixels at the current zoom. */
const SNAP_PX = 8;

interface PartitionDrag {
  data: Extract<DragData, { type: 'partition' }>;
  origin: LayoutDocument;
  placement: Placement;
  scale: AreaScale;
  /** Pixel position of the grabbed edge (or the start, for a move) when the drag began. */
  anchorPx: number;
  screenToBar: number;
  result?: DragResult;
}

/**
 * The pointer as the user moves it. dnd-kit's own delta shifts when the dragged element is
 * re-laid out under the pointer (the map re-renders the live preview), and it only reports the
 * modifiers of the initial press, so the drag follows the real pointer and the real Alt key.
 */
const pointer = {
  startX: 0,
  x: 0,
  alt: false,
  onPointer(event: PointerEvent) {
    pointer.x = event.clientX;
    pointer.alt = event.altKey;
  },
  onKey(event: KeyboardEvent) {
    pointer.alt = event.altKey;
  },
  start(event: Event | null) {
    const press = event as PointerEvent | null;
    pointer.startX = pointer.x = press?.clientX ?? 0;
    pointer.alt = press?.altKey ?? false;
    window.addEventListener('pointermove', pointer.onPointer, true);
    window.addEventListener('keydown', pointer.onKey, true);
    window.addEventListener('keyup', pointer.onKey, true);
  },
  stop() {
    window.removeEventListener('pointermove', pointer.onPointer, true);
    window.removeEventListener('keydown', pointer.onKey, true);
    window.removeEventListener('keyup', pointer.onKey, true);
  },
};

export function EditorDnd({ children }: { children: ReactNode }) {
  const store = useLayoutStoreApi();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 3 } }));
  const drag = useRef<PartitionDrag | null>(null);

  function onDragStart(event: DragStartEvent) {
    const data = event.active.data.current as DragData | undefined;
    pointer.start(event.activatorEvent);
    if (data?.type !== 'partition') return;
    const origin = store.getState().history.present;
    const { placement } = validationOf(origin);
    const area = placement.areas.find((a) => a.area.id === placement.byId.get(data.partitionId)?.areaId);
    if (!area) return;
    const mode = lastPress.partitionId === data.partitionId ? lastPress.mode : 'move';
    const placed = placement.byId.get(data.partitionId)!;
    const scale = scaleFor(area, placement, barWidthPx());
    const bar = areaBars.get(area.area.id);
    // Pointer pixels are screen pixels; the scale's pixels are the bar's at this zoom.
    const screenToBar = scale.widthPx / Math.max(1, bar?.getBoundingClientRect().width ?? scale.widthPx);
    drag.current = { data: { ...data, mode }, origin, placement, scale, anchorPx: scale.toPx(mode === 'resize-end' ? placed.end : placed.start), screenToBar };
    store.getState().select(data.partitionId);
  }

  /** Also run on drop: dnd-kit may skip move events of a fast drag. */
  function onDragMove() {
    const current = drag.current;
    if (!current) return;
    const { origin, placement, data, scale, anchorPx, screenToBar } = current;
    const anchor = placement.byId.get(data.partitionId)!;
    const anchorByte = data.mode === 'resize-end' ? anchor.end : anchor.start;
    const px = anchorPx + (pointer.x - pointer.startX) * screenToBar;
    const bytesPerPx = Math.max(1, (anchor.end - anchor.start) / Math.max(1, scale.toPx(anchor.end) - scale.toPx(anchor.start)));
    current.result = dragPartition({
      document: origin,
      placement,
      family: familyOf(origin),
      partitionId: data.partitionId,
      mode: data.mode,
      deltaBytes: scale.toByte(px) - anchorByte,
      snapping: !pointer.alt,
      thresholdBytes: SNAP_PX * screenToBar * bytesPerPx,
    });
    store.getState().preview(current.result.document);
    const { start, size } = current.result;
    useMapView.getState().setDragLabel({ partitionId: data.partitionId, text: data.mode === 'move' ? formatHex(start) : `${formatHex(start)} + ${formatHex(size)}` });
  }

  function finishPartitionDrag() {
    const current = drag.current;
    drag.current = null;
    useMapView.getState().setDragLabel(null);
    if (!current?.result || current.result.document === current.origin) {
      store.getState().cancelPreview();
      return;
    }
    const name = current.origin.partitions.find((p) => p.id === current.data.partitionId)?.name ?? '';
    store.getState().edit(current.result.document);
    const { start, size } = current.result;
    announce(current.data.mode === 'move' ? `${name} moved to ${formatHex(start)}` : `${name} now ${formatHex(start)}, ${formatHex(size)} (${formatHuman(size)})`);
  }

  function onDragEnd(event: DragEndEvent) {
    pointer.stop();
    const data = event.active.data.current as DragData | undefined;
    const over = event.over?.data.current as DropData | undefined;
    if (data?.type === 'partition') {
      onDragMove();
      return finishPartitionDrag();
    }
    const state = store.getState();
    const document = state.history.present;
    if (data?.type === 'palette' && over?.type === 'area') {
      const { placement } = validationOf(document);
      const area = placement.areas.find((a) => a.area.id === over.areaId);
      const bar = areaBars.get(over.areaId);
      const template = familyOf(document).palette[data.templateIndex];
      if (!area || !bar || !template) return;
      const at = byteAt(scaleFor(area, placement, barWidthPx()), bar, pointer.x);
      settleAdded(addFromTemplate(document, placement, template, area.area.id, at), template, state.edit, state.select);
    }
  }

  function onDragCancel() {
    pointer.stop();
    drag.current = null;
    useMapView.getState().setDragLabel(null);
    store.getState().cancelPreview();
  }

  return (
    <DndContext sensors={sensors} onDragStart={onDragStart} onDragMove={onDragMove} onDragEnd={onDragEnd} onDragCancel={onDragCancel} autoScroll={false}>
      {children}
    </DndContext>
  );
}
