/**
 * Partitions wholly or partly outside their area (or the device) are still drawn: in a marked
 * zone past the end of the bar, each one a button that selects it, so its problem and fixes are
 * one click away. The bar itself can only show what lies inside the area.
 */
import { formatHex, formatHuman, type PlacedArea, type PlacedPartition } from '../../src/index';
import { useLayoutStore } from '../store/context';
import { KIND_COLORS } from './kind-style';

export function OverflowZone({ area, outside }: { area: PlacedArea; outside: PlacedPartition[] }) {
  const select = useLayoutStore((s) => s.select);
  return (
    <div className="overflow-zone" role="group" aria-label={`Outside ${area.area.name}`}>
      <span className="overflow-title">Outside {area.area.name} ({formatHex(area.start)}–{formatHex(area.end)}):</span>
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
