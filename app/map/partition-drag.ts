/**
 * Moving and resizing a partition on the map with the pointer. Plain pointer events with pointer
 * capture, not dnd-kit: its context changes on every move and re-measures the moved element,
 * which rendered every segment twice per move. One drag is one live preview (validated on each
 * move) and one undoable edit when released; Escape or a lost pointer cancels it. Moves are
 * followed once per frame, rendered just before it is painted: a pointer reports moves faster
 * than a large layout can be drawn, and drawing a position nobody sees is wasted.
 */
import type { PointerEvent as ReactPointerEvent } from 'react';
import { flushSync } from 'react-dom';
import { familyOf, formatHex, formatHuman, type LayoutDocument, type Placement } from '../../src/index';
import { dragPartition, type DragMode, type DragResult } from '../../src/editor/drag';
import type { AreaScale } from '../../src/editor/scale';
import type { LayoutStore } from '../store/layout-store';
import { validationOf } from '../store/context';
import { announce } from './announce';
import { barWidthPx, scaleFor } from './geometry';
import { areaBars, useMapView } from './view-store';

/** Edge snapping reaches this many pixels at the current zoom. */
const SNAP_PX = 8;
/** A press becomes a drag once the pointer has moved this far (a smaller move is a click). */
const ACTIVATION_PX = 3;

interface Press {
  store: LayoutStore;
  partitionId: string;
  mode: DragMode;
  startX: number;
  pointerId: number;
  element: HTMLElement;
}

/** A press that has moved far enough: what the drag measures from, and where it has got to. */
interface Drag {
  press: Press;
  origin: LayoutDocument;
  placement: Placement;
  scale: AreaScale;
  /** Pixel position of the grabbed edge (or the start, for a move) when the drag began. */
  anchorPx: number;
  /** Bar pixels per screen pixel: the scale is the bar's at this zoom. */
  screenToBar: number;
  result?: DragResult;
  /** The pointer's latest position, followed at the next frame. */
  pending?: { clientX: number; snapping: boolean };
  frame: number;
}

let press: Press | null = null;
let drag: Drag | null = null;
/** Set when a drag ends, so that the click the browser sends after it does not count as one. */
let clickSuppressed = false;

function begin(from: Press): Drag | null {
  const origin = from.store.getState().history.present;
  const { placement } = validationOf(origin);
  const placed = placement.byId.get(from.partitionId);
  const area = placement.areas.find((a) => a.area.id === placed?.areaId);
  if (!placed || !area) return null;
  const scale = scaleFor(area, placement, barWidthPx());
  const bar = areaBars.get(area.area.id);
  const screenToBar = scale.widthPx / Math.max(1, bar?.getBoundingClientRect().width ?? scale.widthPx);
  return { press: from, origin, placement, scale, anchorPx: scale.toPx(from.mode === 'resize-end' ? placed.end : placed.start), screenToBar, frame: 0 };
}

function follow(current: Drag, clientX: number, snapping: boolean): void {
  const { origin, placement, scale, anchorPx, screenToBar } = current;
  const { store, partitionId, mode, startX } = current.press;
  const anchor = placement.byId.get(partitionId)!;
  const anchorByte = mode === 'resize-end' ? anchor.end : anchor.start;
  const px = anchorPx + (clientX - startX) * screenToBar;
  const bytesPerPx = Math.max(1, (anchor.end - anchor.start) / Math.max(1, scale.toPx(anchor.end) - scale.toPx(anchor.start)));
  current.result = dragPartition({
    document: origin,
    placement,
    family: familyOf(origin),
    partitionId,
    mode,
    deltaBytes: scale.toByte(px) - anchorByte,
    snapping,
    thresholdBytes: SNAP_PX * screenToBar * bytesPerPx,
  });
  store.getState().preview(current.result.document, true);
  const { start, size } = current.result;
  useMapView.getState().setDragLabel({ partitionId, text: mode === 'move' ? formatHex(start) : `${formatHex(start)} + ${formatHex(size)}` });
}

function followAtNextFrame(current: Drag, clientX: number, snapping: boolean): void {
  current.pending = { clientX, snapping };
  if (current.frame) return;
  current.frame = requestAnimationFrame(() => {
    current.frame = 0;
    const pending = current.pending;
    current.pending = undefined;
    if (pending && drag === current) flushSync(() => follow(current, pending.clientX, pending.snapping));
  });
}

function finish(commit: boolean): void {
  const current = drag;
  if (current?.frame) cancelAnimationFrame(current.frame);
  const pressed = press;
  drag = null;
  press = null;
  window.removeEventListener('keydown', onKey, true);
  if (pressed?.element.hasPointerCapture(pressed.pointerId)) pressed.element.releasePointerCapture(pressed.pointerId);
  if (!current) return;
  clickSuppressed = true;
  setTimeout(() => (clickSuppressed = false), 0);
  useMapView.getState().setDragLabel(null);
  const state = current.press.store.getState();
  if (!commit || !current.result || current.result.document === current.origin) {
    state.cancelPreview();
    return;
  }
  const name = current.origin.partitions.find((p) => p.id === current.press.partitionId)?.name ?? '';
  // Selected on the drop, with the edit, not when the drag began: the table and the form follow
  // the drop, and drawing them at the start of a drag was a long task of its own.
  state.edit(current.result.document);
  state.select(current.press.partitionId);
  const { start, size } = current.result;
  announce(current.press.mode === 'move' ? `${name} moved to ${formatHex(start)}` : `${name} now ${formatHex(start)}, ${formatHex(size)} (${formatHuman(size)})`);
}

function onKey(event: KeyboardEvent): void {
  if (event.key !== 'Escape' || !drag) return;
  event.preventDefault();
  event.stopPropagation();
  finish(false);
}

/** Pointer handlers for an element that drags a partition: its segment, or one of its copies. */
export function partitionDragHandlers(store: LayoutStore, partitionId: string, modeOf: (element: HTMLElement, clientX: number) => DragMode) {
  return {
    onPointerDown(event: ReactPointerEvent<HTMLElement>) {
      if (event.button !== 0 || press) return;
      const element = event.currentTarget;
      press = { store, partitionId, mode: modeOf(element, event.clientX), startX: event.clientX, pointerId: event.pointerId, element };
      element.setPointerCapture(event.pointerId);
    },
    onPointerMove(event: ReactPointerEvent<HTMLElement>) {
      if (!press || event.pointerId !== press.pointerId) return;
      if (!drag) {
        if (Math.abs(event.clientX - press.startX) < ACTIVATION_PX) return;
        drag = begin(press);
        if (!drag) return;
        window.addEventListener('keydown', onKey, true);
      }
      followAtNextFrame(drag, event.clientX, !event.altKey);
    },
    onPointerUp(event: ReactPointerEvent<HTMLElement>) {
      if (!press || event.pointerId !== press.pointerId) return;
      // The last position counts even when the browser coalesced the moves before it.
      if (drag) follow(drag, event.clientX, !event.altKey);
      finish(true);
    },
    onPointerCancel() {
      finish(false);
    },
    onLostPointerCapture() {
      if (press) finish(false);
    },
  };
}

/** True for the click that ends a drag: it is the release, not a click of its own. */
export function isClickAfterDrag(): boolean {
  return clickSuppressed;
}
