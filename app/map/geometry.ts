/**
 * Converting between bytes of an area and positions on its bar. The scale comes from the
 * committed layout (not the drag preview), so the picture holds still while something is dragged.
 */
import type { CSSProperties } from 'react';
import type { PlacedArea, PlacedPartition, Placement } from '../../src/index';
import { areaScale, type AreaScale } from '../../src/editor/scale';
import { useLayoutStore, validationOf } from '../store/context';
import { useMapView } from './view-store';

/** Smallest drawn width, so a 4 KiB partition on a large device stays visible and clickable. */
export const MIN_WIDTH_PX = 6;

/** Everything drawn on an area's bar: partitions, copies, spare blocks, reserved regions, free space. */
function drawnRanges(area: PlacedArea, placement: Placement): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  for (const placed of placement.partitions) {
    if (placed.areaId !== area.area.id) continue;
    if (placed.copies.length === 0) ranges.push([placed.start, placed.end]);
    for (const copy of placed.copies) ranges.push([copy.start, copy.slotEnd], [copy.slotEnd, copy.spareEnd]);
  }
  for (const region of placement.reserved) if (region.space === area.space) ranges.push([region.start, region.end]);
  for (const free of placement.free) if (free.areaId === area.area.id) ranges.push([free.start, free.end]);
  return ranges;
}

const scales = new WeakMap<Placement, Map<string, AreaScale>>();

export function scaleFor(area: PlacedArea, placement: Placement, widthPx: number): AreaScale {
  const byArea = scales.get(placement) ?? new Map<string, AreaScale>();
  scales.set(placement, byArea);
  const key = `${area.area.id}@${widthPx}`;
  let scale = byArea.get(key);
  if (!scale) {
    scale = areaScale(area.start, area.end, drawnRanges(area, placement), widthPx, MIN_WIDTH_PX);
    byArea.set(key, scale);
  }
  return scale;
}

/** The bar's width in pixels at the current zoom. */
export function barWidthPx(): number {
  const { viewportWidth, zoom } = useMapView.getState();
  return Math.max(1, viewportWidth * zoom - 2);
}

/** The scale of an area as drawn now, from the committed layout. */
export function useAreaScale(area: PlacedArea, shown: Placement): AreaScale {
  const committed = useLayoutStore((s) => s.history.present);
  const width = useMapView((s) => Math.max(1, s.viewportWidth * s.zoom - 2));
  const placement = validationOf(committed).placement;
  const settled = placement.areas.find((a) => a.area.id === area.area.id);
  return settled ? scaleFor(settled, placement, width) : scaleFor(area, shown, width);
}

/** Left and width of a byte range, as percentages of the bar (they follow the bar's width). */
export function spanStyle(scale: AreaScale, start: number, end: number): CSSProperties {
  const left = scale.toPx(start);
  const width = scale.toPx(end) - left;
  const total = scale.widthPx;
  return { left: `${(left / total) * 100}%`, width: `max(${(Math.max(0, width) / total) * 100}%, 2px)` };
}

/** The byte under a pointer position on an area bar. */
export function byteAt(scale: AreaScale, bar: HTMLElement, clientX: number): number {
  const rect = bar.getBoundingClientRect();
  return scale.toByte(((clientX - rect.left) / Math.max(1, rect.width)) * scale.widthPx);
}

/** Padding (4 px each side) and borders (up to 2 px each side, on copies) around a segment's name. */
const LABEL_CHROME_PX = 14;
let textContext: CanvasRenderingContext2D | null | undefined;
const labelWidths = new Map<string, number>();

/**
 * The width a name needs inside a segment: its text measured in the map's 12 px font (a guess from
 * its length cut "UBOOT0" to "UBO…", capitals being wider than the guess), plus padding and borders.
 */
export function labelWidthPx(text: string): number {
  let width = labelWidths.get(text);
  if (width === undefined) {
    if (textContext === undefined) {
      textContext = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
      if (textContext) textContext.font = `12px ${getComputedStyle(document.body).fontFamily}`;
    }
    width = Math.ceil(textContext ? textContext.measureText(text).width : text.length * 8) + LABEL_CHROME_PX;
    labelWidths.set(text, width);
  }
  return width;
}

export function fitsLabel(scale: AreaScale, start: number, end: number, text: string): boolean {
  return scale.toPx(end) - scale.toPx(start) >= labelWidthPx(text);
}

const CALLOUT_ROWS = 3;

/** A name drawn on a bar: a partition's (over its first copy) or a volume's. */
export interface BarLabel {
  id: string;
  start: number;
  end: number;
  name: string;
}

/** The callout row of a name for which no row has room: it is left to the tooltip and the table. */
export const NO_ROOM = -1;

/**
 * Rows below the bar for the names that do not fit their segment (instead of "KE…"): each goes on
 * the first row where it clears the callout before it, so neighbours never write over each other.
 * When every row is taken there (many small partitions side by side), the name gets NO_ROOM:
 * zooming in gives it room.
 */
export function calloutRows(scale: AreaScale, labels: BarLabel[]): Map<string, number> {
  const rows = new Map<string, number>();
  const rowEnds: number[] = Array.from({ length: CALLOUT_ROWS }, () => -Infinity);
  for (const label of [...labels].sort((a, b) => a.start - b.start)) {
    if (fitsLabel(scale, label.start, label.end, label.name)) continue;
    const left = scale.toPx(label.start);
    const row = rowEnds.findIndex((rowEnd) => rowEnd <= left);
    rows.set(label.id, row < 0 ? NO_ROOM : row);
    if (row >= 0) rowEnds[row] = left + labelWidthPx(label.name);
  }
  return rows;
}

export type Lane = 'upper' | 'lower';

/**
 * Partitions that overlap are drawn in two lanes (the earlier above, the later below), so neither
 * hides the other's name; the rest keep the full height of the bar.
 */
export function overlapLanes(members: PlacedPartition[]): Map<string, Lane> {
  const lanes = new Map<string, Lane>();
  const sorted = [...members].sort((a, b) => a.start - b.start || a.index - b.index);
  let reach: PlacedPartition | undefined;
  for (const placed of sorted) {
    if (reach && placed.start < reach.spanEnd && placed.spanEnd > placed.start) {
      if (lanes.get(reach.partition.id) !== 'lower') lanes.set(reach.partition.id, 'upper');
      lanes.set(placed.partition.id, 'lower');
    }
    if (!reach || placed.spanEnd > reach.spanEnd) reach = placed;
  }
  return lanes;
}
