/**
 * The drag-and-drop context of the map for palette items: dropped on an area, a new partition is
 * placed in the nearest free space that fits. (Partitions themselves move and resize with plain
 * pointer events, partition-drag.ts; table rows reorder in their own context.)
 */
import { DndContext, PointerSensor, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import type { ReactNode } from 'react';
import { familyOf } from '../../src/index';
import { useLayoutStoreApi, validationOf } from '../store/context';
import { addFromTemplate, settleAdded } from './add-partition';
import { barWidthPx, byteAt, scaleFor } from './geometry';
import { areaBars } from './view-store';
import type { DragData, DropData } from './drag-data';

/**
 * The pointer as the user moves it: dnd-kit reports the drop's target, and the byte under the
 * pointer is read from the real pointer position.
 */
const pointer = {
  x: 0,
  onPointer(event: PointerEvent) {
    pointer.x = event.clientX;
  },
  start(event: Event | null) {
    pointer.x = (event as PointerEvent | null)?.clientX ?? 0;
    window.addEventListener('pointermove', pointer.onPointer, true);
  },
  stop() {
    window.removeEventListener('pointermove', pointer.onPointer, true);
  },
};

export function EditorDnd({ children }: { children: ReactNode }) {
  const store = useLayoutStoreApi();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 3 } }));

  function onDragStart(event: DragStartEvent) {
    pointer.start(event.activatorEvent);
  }

  function onDragEnd(event: DragEndEvent) {
    pointer.stop();
    const data = event.active.data.current as DragData | undefined;
    const over = event.over?.data.current as DropData | undefined;
    if (data?.type !== 'palette' || over?.type !== 'area') return;
    const state = store.getState();
    const document = state.history.present;
    const { placement } = validationOf(document);
    const area = placement.areas.find((a) => a.area.id === over.areaId);
    const bar = areaBars.get(over.areaId);
    const template = familyOf(document).palette[data.templateIndex];
    if (!area || !bar || !template) return;
    const at = byteAt(scaleFor(area, placement, barWidthPx()), bar, pointer.x);
    settleAdded(addFromTemplate(document, placement, template, area.area.id, at), template, state.edit, state.select);
  }

  return (
    <DndContext sensors={sensors} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={pointer.stop} autoScroll={false}>
      {children}
    </DndContext>
  );
}
