/** View state of the map: zoom, scroll position, the hovered partition and the drag label. */
import { create } from 'zustand';

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 4096;
/** Browsers stop laying out elements much wider than this. */
export const MAX_CONTENT_PX = 8_000_000;

export interface MapView {
  zoom: number;
  scrollLeft: number;
  viewportWidth: number;
  /** Partition under the pointer or keyboard focus, whose details the hint line shows. */
  hinted: string | null;
  /** The offset shown beside a partition while it is dragged. */
  dragLabel: { partitionId: string; text: string } | null;
  setZoom(zoom: number): void;
  setScroll(scrollLeft: number, viewportWidth: number): void;
  hint(id: string | null): void;
  setDragLabel(label: MapView['dragLabel']): void;
}

export function clampZoom(zoom: number, viewportWidth: number): number {
  const widest = viewportWidth > 0 ? MAX_CONTENT_PX / viewportWidth : MAX_ZOOM;
  return Math.min(Math.max(zoom, MIN_ZOOM), MAX_ZOOM, widest);
}

export const useMapView = create<MapView>()((set, get) => ({
  zoom: 1,
  scrollLeft: 0,
  viewportWidth: 0,
  hinted: null,
  dragLabel: null,
  setZoom: (zoom) => set({ zoom: clampZoom(zoom, get().viewportWidth) }),
  setScroll: (scrollLeft, viewportWidth) => set({ scrollLeft, viewportWidth }),
  hint: (hinted) => set({ hinted }),
  setDragLabel: (dragLabel) => set({ dragLabel }),
}));

/** The DOM element of each area bar, for converting pointer pixels to bytes during drags. */
export const areaBars = new Map<string, HTMLElement>();
