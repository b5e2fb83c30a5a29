/** A name shown below the bar, on its callout row, for a segment too narrow to hold it. */
import type { AreaScale } from '../../src/editor/scale';
import { NO_ROOM, spanStyle } from './geometry';

/** Nothing when the name fits its segment (no row) or no row had room for it (NO_ROOM). */
export function Callout({ row, scale, start, end, name, onSelect }: { row: number | undefined; scale: AreaScale; start: number; end: number; name: string; onSelect: () => void }) {
  if (row === undefined || row === NO_ROOM) return null;
  return (
    <span className={`callout row-${row}`} style={{ left: spanStyle(scale, start, end).left }} aria-hidden="true" onClick={onSelect}>
      <span className="callout-text">{name}</span>
    </span>
  );
}
