/**
 * The old and the new layout of each address space as two bars, one above the other: every
 * partition joined to its counterpart, marked by its change, the erase blocks the update
 * rewrites shaded on the new bar.
 */
import type { ComparisonReport } from '../../src/compare/compare';
import { verdictText } from '../../src/compare/describe';
import type { ComparedPartition, Extent, PartitionChange } from '../../src/layout/comparison';
import { formatHex } from '../../src/model/units';

const percent = (value: number, size: number) => `${(100 * value) / Math.max(size, 1)}%`;

function spanStyle(start: number, end: number, size: number) {
  return { left: percent(start, size), width: percent(end - start, size) };
}

/** change → class: the mark each segment and join carries. */
function changeClass(change: PartitionChange): string {
  return `change-${change.change.replace(/ /g, '-')}`;
}

function Segment({ side, change, size }: { side: ComparedPartition; change: PartitionChange; size: number }) {
  return (
    <div className={`compare-segment ${changeClass(change)}`} style={spanStyle(side.start, side.end, size)} title={`${side.name}: ${formatHex(side.start)}–${formatHex(side.end)} — ${change.change}, ${verdictText(change.verdict)}`} data-name={side.name}>
      <span>{side.name}</span>
    </div>
  );
}

function Bar({ label, space, size, changes, side, rewrite }: { label: string; space: string; size: number; changes: PartitionChange[]; side: 'old' | 'new'; rewrite: Extent[] }) {
  return (
    <div className="compare-bar-row">
      <span className="compare-bar-label">{label}</span>
      <div className="compare-bar" role="img" aria-label={`${label} layout of ${space}`}>
        {changes.map((change, index) => {
          const part = change[side];
          return part && part.space === space ? <Segment key={index} side={part} change={change} size={size} /> : null;
        })}
        {rewrite.map((extent, index) => (
          <div key={`r${index}`} className="compare-rewrite" style={spanStyle(extent.start, extent.end, size)} title={`rewritten: ${formatHex(extent.start)}–${formatHex(extent.end)}`} />
        ))}
      </div>
    </div>
  );
}

/** Lines from the middle of each old partition to the middle of its counterpart. */
function Joins({ space, oldSize, newSize, changes }: { space: string; oldSize: number; newSize: number; changes: PartitionChange[] }) {
  return (
    <svg className="compare-joins" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
      {changes.map((change, index) => {
        if (!change.old || !change.new || change.old.space !== space || change.new.space !== space) return null;
        const from = (100 * (change.old.start + change.old.end)) / 2 / Math.max(oldSize, 1);
        const to = (100 * (change.new.start + change.new.end)) / 2 / Math.max(newSize, 1);
        return <line key={index} className={changeClass(change)} x1={from} y1={0} x2={to} y2={10} vectorEffect="non-scaling-stroke" />;
      })}
    </svg>
  );
}

export function CompareBars({ report }: { report: ComparisonReport }) {
  return (
    <div className="compare-bars">
      {report.spaces.map((space) => {
        const oldSize = space.oldSize ?? space.newSize ?? 0;
        const newSize = space.newSize ?? space.oldSize ?? 0;
        const size = Math.max(oldSize, newSize);
        const rewrite = report.rewrite.filter((r) => r.space === space.id);
        return (
          <div key={space.id} className="compare-space">
            <h3>{space.name}</h3>
            <Bar label="Old" space={space.id} size={size} changes={report.changes} side="old" rewrite={[]} />
            <Joins space={space.id} oldSize={size} newSize={size} changes={report.changes} />
            <Bar label="New" space={space.id} size={size} changes={report.changes} side="new" rewrite={rewrite} />
          </div>
        );
      })}
      <p className="compare-legend">
        <span className="compare-key change-unchanged">unchanged</span> <span className="compare-key change-moved">moved</span> <span className="compare-key change-resized">resized</span> <span className="compare-key change-added">added</span>{' '}
        <span className="compare-key change-removed">removed</span> <span className="compare-key compare-rewrite-key">erase blocks rewritten</span>
      </p>
    </div>
  );
}
