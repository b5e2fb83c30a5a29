/**
 * Partitions wholly or partly outside their area (or the device) are still drawn: in a marked
 * zone past the end of the bar, each one a button that selects it, so its problem and fixes are
 * one click away. The bar itself can only show what lies inside the area, so the zone draws its
 * own strip to scale: from the lowest start to the highest end among them, with the area's end
 * marked, each partition at its place.
 */
import { formatHex, formatHuman, type PlacedArea, type PlacedPartition } from '../../src/index';
import { useLayoutStore } from '../store/context';
import { KIND_COLORS } from './kind-style';

/** Left and width in % of the strip from `low` to `high`; offsets up to 2^64 stay exact enough as ratios. */
function stripSpan(low: number, high: number, start: number, end: number) {
  const total = Math.max(1, high - low);
  return { left: `${((start - low) / total) * 100}%`, width: `max(${((end - start) / total) * 100}%, 3px)` };
}

function OverflowStrip({ area, outside }: { area: PlacedArea; outside: PlacedPartition[] }) {
  const low = Math.min(area.end, ...outside.map((p) => p.start));
  const high = Math.max(area.end, ...outside.map((p) => p.spanEnd));
  const marks = [area.start, area.end].filter((edge) => edge >= low && edge <= high);
  return (
    <div className="overflow-strip" aria-hidden="true">
      {marks.map((edge) => (
        <span key={edge} className="overflow-edge" style={{ left: stripSpan(low, high, edge, edge).left }} title={`${edge === area.end ? 'end' : 'start'} of ${area.area.name}: ${formatHex(edge)}`} />
      ))}
      {outside.map((placed) => (
        <span key={placed.partition.id} className="overflow-part" style={{ ...stripSpan(low, high, placed.start, placed.spanEnd), background: KIND_COLORS[placed.partition.kind] }} />
      ))}
      <span className="overflow-scale num">{formatHex(low)}</span>
      <span className="overflow-scale num end">{formatHex(high)}</span>
    </div>
  );
}

export function OverflowZone({ area, outside }: { area: PlacedArea; outside: PlacedPartition[] }) {
  const select = useLayoutStore((s) => s.select);
  return (
    <div className="overflow-zone" role="group" aria-label={`Outside ${area.area.name}`}>
      <span className="overflow-title">Outside {area.area.name} ({formatHex(area.start)}–{formatHex(area.end)}):</span>
      <OverflowStrip area={area} outside={outside} />
      {outside.map((placed) => {
        const range = `${formatHex(placed.start)}–${formatHex(placed.spanEnd)}`;
        return (
          <button
            key={placed.partition.id}
            type="button"
            className="overflow-item"
            style={{ borderColor: KIND_COLORS[placed.partition.kind] }}
            title={`${placed.partition.name}\n${range}, ${formatHuman(placed.spanEnd - placed.start)}: outside ${area.area.name}`}
            onClick={() => select(placed.partition.id)}
          >
            {placed.partition.name} <span className="num">{range}</span>
          </button>
        );
      })}
    </div>
  );
}
