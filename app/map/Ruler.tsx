/** Hex offsets above an area bar at power-of-two steps, only for the part in view. */
import { formatHex, type PlacedArea } from '../../src/index';
import type { AreaScale } from '../../src/editor/scale';
import { useMapView } from './view-store';

const MIN_TICK_SPACING_PX = 90;

export function tickStep(bytesPerPx: number): number {
  const wanted = MIN_TICK_SPACING_PX * bytesPerPx;
  let step = 1;
  while (step < wanted) step *= 2;
  return step;
}

export function Ruler({ area, scale }: { area: PlacedArea; scale: AreaScale }) {
  const zoom = useMapView((s) => s.zoom);
  const scrollLeft = useMapView((s) => s.scrollLeft);
  const viewportWidth = useMapView((s) => s.viewportWidth);
  if (viewportWidth === 0) return <div className="ruler" aria-hidden="true" />;
  const size = Math.max(1, area.end - area.start);
  const contentWidth = viewportWidth * zoom;
  const bytesPerPx = size / contentWidth;
  const step = tickStep(bytesPerPx);
  const firstVisible = area.start + Math.max(0, scrollLeft - 100) * bytesPerPx;
  const lastVisible = Math.min(area.end, area.start + (scrollLeft + viewportWidth + 100) * bytesPerPx);
  const ticks: number[] = [];
  for (let tick = Math.ceil(firstVisible / step) * step; tick <= lastVisible && ticks.length < 400; tick += step) ticks.push(tick);
  return (
    <div className="ruler" aria-hidden="true">
      {ticks.map((tick) => (
        <span key={tick} className="tick" style={{ left: `${(scale.toPx(tick) / scale.widthPx) * 100}%` }}>
          {formatHex(tick)}
        </span>
      ))}
    </div>
  );
}
