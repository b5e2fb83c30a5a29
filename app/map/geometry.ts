/** Converting between bytes of an area and positions on its bar. */
import type { CSSProperties } from 'react';
import type { PlacedArea } from '../../src/index';

/** Smallest drawn width, so a 4 KiB partition on a large device stays visible and clickable. */
export const MIN_WIDTH_PX = 6;

export function areaSize(area: PlacedArea): number {
  return Math.max(1, area.end - area.start);
}

/** Left and width of a byte range as percentages of its area's bar. */
export function spanStyle(area: PlacedArea, start: number, end: number): CSSProperties {
  const size = areaSize(area);
  const clampedStart = Math.max(start, area.start);
  const left = ((clampedStart - area.start) / size) * 100;
  const width = ((Math.min(end, area.end) - clampedStart) / size) * 100;
  return { left: `${left}%`, width: `max(${Math.max(0, width)}%, ${MIN_WIDTH_PX}px)` };
}

/** Bytes per pixel of an area bar as it is drawn now. */
export function bytesPerPixel(area: PlacedArea, bar: HTMLElement | undefined): number {
  const width = bar?.getBoundingClientRect().width ?? 0;
  return width > 0 ? areaSize(area) / width : 1;
}

/** The byte under a pointer position on an area bar. */
export function byteAt(area: PlacedArea, bar: HTMLElement, clientX: number): number {
  const rect = bar.getBoundingClientRect();
  const fraction = Math.min(Math.max((clientX - rect.left) / Math.max(1, rect.width), 0), 1);
  return area.start + fraction * areaSize(area);
}
