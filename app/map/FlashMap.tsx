/** The flash map: zoomable proportional bars per area, the palette and a hint line. */
import { MapLegend } from './MapLegend';
import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import { useLayoutStore, useValidation } from '../store/context';
import { AreaBar } from './AreaBar';
import { Palette } from './Palette';
import { MAX_ZOOM, useMapView } from './view-store';

const ZOOM_STEP = 1.5;

/** Memoised: the palette and zoom buttons do not change while a partition is dragged. */
const MapToolbar = memo(function MapToolbar() {
  const zoom = useMapView((s) => s.zoom);
  const setZoom = useMapView((s) => s.setZoom);
  return (
    <div className="map-toolbar">
      <div className="group" role="group" aria-label="Zoom">
        <button type="button" onClick={() => setZoom(zoom / ZOOM_STEP)} disabled={zoom <= 1}>
          Zoom out
        </button>
        <button type="button" onClick={() => setZoom(zoom * ZOOM_STEP)} disabled={zoom >= MAX_ZOOM}>
          Zoom in
        </button>
        <button type="button" onClick={() => setZoom(1)} disabled={zoom === 1}>
          Fit
        </button>
        <span className="muted zoom-level" aria-live="polite">
          {zoom < 10 ? zoom.toFixed(1) : Math.round(zoom)}×
        </span>
      </div>
      <Palette />
    </div>
  );
});

function HintLine() {
  const hinted = useMapView((s) => s.hinted);
  const selection = useLayoutStore((s) => s.selection);
  const { placement, problemsOf } = useValidation();
  const id = hinted ?? selection;
  const placed = id ? placement.byId.get(id) : undefined;
  const own = placed ? problemsOf(placed.partition.id) : [];
  return (
    <div className="hint-line" aria-hidden="true">
      {placed ? (
        own.length > 0 ? (
          own.map((p, i) => (
            <span key={i} className={`hint ${p.severity}`}>
              {p.severity}: {p.message}
            </span>
          ))
        ) : (
          <span className="hint">{placed.partition.name}: no problems</span>
        )
      ) : (
        <span className="muted">Drag a partition to move it (Alt: no snapping), drag its edges to resize; arrows move the focused one, Alt+arrows resize, Delete removes.</span>
      )}
    </div>
  );
}

/** Ctrl/Alt + wheel zooms around the pointer; the byte under the pointer stays put. */
function useWheelZoom(viewport: React.RefObject<HTMLDivElement | null>) {
  const pending = useRef<{ fraction: number; pointerX: number } | null>(null);
  const zoom = useMapView((s) => s.zoom);
  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (!(event.ctrlKey || event.altKey || event.metaKey)) return;
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const pointerX = event.clientX - rect.left;
      pending.current = { fraction: (element.scrollLeft + pointerX) / element.scrollWidth, pointerX };
      const { zoom: current, setZoom } = useMapView.getState();
      setZoom(event.deltaY < 0 ? current * ZOOM_STEP : current / ZOOM_STEP);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [viewport]);
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element || !pending.current) return;
    element.scrollTo({ left: pending.current.fraction * element.scrollWidth - pending.current.pointerX });
    pending.current = null;
  }, [zoom, viewport]);
}

function useViewportTracking(viewport: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const update = () => useMapView.getState().setScroll(element.scrollLeft, element.clientWidth);
    const observer = new ResizeObserver(update);
    observer.observe(element);
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(update);
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    update();
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [viewport]);
}

export function FlashMap() {
  const { placement, problemsOf } = useValidation();
  const zoom = useMapView((s) => s.zoom);
  const viewport = useRef<HTMLDivElement>(null);
  useWheelZoom(viewport);
  useViewportTracking(viewport);
  return (
    <section className="flash-map" role="region" aria-label="Flash map">
      <MapToolbar />
      <MapLegend />
      <div className="map-viewport" ref={viewport}>
        <div className="map-content" style={{ width: `${zoom * 100}%` }}>
          {placement.areas.map((area) => (
            <AreaBar key={area.area.id} area={area} placement={placement} problemsOf={problemsOf} />
          ))}
        </div>
      </div>
      <HintLine />
    </section>
  );
}
