/** The proportional picture of the layout: one bar per area, partitions, copies, reserved and free space. */
import type { CSSProperties } from 'react';
import { formatHex, formatHuman, type Placement, type PlacedArea, type PlacedPartition, type Problem } from '../../src/index';
import { useLayoutStore, useValidation } from '../store/context';
import { KIND_COLORS, KIND_LABELS } from './kind-style';

/** Smallest drawn width, so a 4 KiB partition on a large device stays visible and clickable. */
const MIN_WIDTH_PX = 6;

function spanStyle(area: PlacedArea, start: number, end: number): CSSProperties {
  const size = Math.max(1, area.end - area.start);
  const left = ((Math.max(start, area.start) - area.start) / size) * 100;
  const width = ((Math.min(end, area.end) - Math.max(start, area.start)) / size) * 100;
  return { left: `${left}%`, width: `max(${Math.max(0, width)}%, ${MIN_WIDTH_PX}px)` };
}

function worstProblem(problems: Problem[], id: string): Problem | undefined {
  return problems.find((p) => p.partitionIds.includes(id) && p.severity === 'error') ?? problems.find((p) => p.partitionIds.includes(id));
}

export function FlashMap() {
  const { placement, problems } = useValidation();
  return (
    <section className="flash-map" role="region" aria-label="Flash map">
      {placement.areas.map((area) => (
        <AreaBar key={area.area.id} area={area} placement={placement} problems={problems} />
      ))}
    </section>
  );
}

function AreaBar({ area, placement, problems }: { area: PlacedArea; placement: Placement; problems: Problem[] }) {
  const members = placement.partitions.filter((p) => p.areaId === area.area.id);
  const space = placement.spaces.find((s) => s.id === area.space);
  return (
    <div className="area">
      <div className="area-label">
        <strong>{area.area.name}</strong>
        <span className="muted">
          {space && space.id !== 'main' ? `${space.name} · ` : ''}
          {formatHex(area.start)}–{formatHex(area.end)} · {formatHuman(area.end - area.start)}
        </span>
      </div>
      <div className="area-bar">
        {placement.reserved
          .filter((r) => r.space === area.space && r.end > area.start && r.start < area.end)
          .map((region) => (
            <div key={region.id} className="segment reserved" style={spanStyle(area, region.start, region.end)} title={`${region.name}: ${formatHex(region.start)}–${formatHex(region.end)} — ${region.description}`}>
              <span className="segment-name">{region.name}</span>
            </div>
          ))}
        {placement.free
          .filter((f) => f.areaId === area.area.id)
          .map((free) => (
            <div key={`free-${free.start}`} className="segment free" style={spanStyle(area, free.start, free.end)} title={`free: ${formatHex(free.start)}–${formatHex(free.end)} (${formatHuman(free.end - free.start)})`} />
          ))}
        {members.map((placed) => (
          <PartitionSegment key={placed.partition.id} area={area} placed={placed} problem={worstProblem(problems, placed.partition.id)} />
        ))}
      </div>
    </div>
  );
}

function PartitionSegment({ area, placed, problem }: { area: PlacedArea; placed: PlacedPartition; problem?: Problem }) {
  const selected = useLayoutStore((s) => s.selection === placed.partition.id);
  const select = useLayoutStore((s) => s.select);
  const { partition } = placed;
  const label = `${partition.name}, ${formatHex(placed.start)}–${formatHex(placed.end)}, ${formatHuman(placed.size)}, ${KIND_LABELS[partition.kind]}${problem ? `, ${problem.severity}: ${problem.message}` : ''}`;
  const copies = placed.copies.slice(1);
  return (
    <>
      <div
        role="button"
        tabIndex={0}
        aria-label={label}
        aria-pressed={selected}
        className={`segment partition${selected ? ' selected' : ''}${problem ? ` has-${problem.severity}` : ''}`}
        style={{ ...spanStyle(area, placed.start, placed.copies[0]?.slotEnd ?? placed.end), background: KIND_COLORS[partition.kind] }}
        title={label}
        onClick={() => select(partition.id)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            select(partition.id);
          }
        }}
      >
        <span className="segment-name">{placed.copies[0]?.name ?? partition.name}</span>
        {problem && <span className={`marker ${problem.severity}`} aria-hidden="true">!</span>}
      </div>
      {placed.copies.map((copy) =>
        copy.spareEnd > copy.slotEnd ? <div key={`spare-${copy.index}`} className="segment spare" style={spanStyle(area, copy.slotEnd, copy.spareEnd)} title={`${copy.name}: spare blocks ${formatHex(copy.slotEnd)}–${formatHex(copy.spareEnd)}`} /> : null,
      )}
      {copies.map((copy) => (
        <div
          key={`copy-${copy.index}`}
          className={`segment copy${selected ? ' selected' : ''}`}
          style={{ ...spanStyle(area, copy.start, copy.slotEnd), borderColor: KIND_COLORS[partition.kind] }}
          title={`${copy.name}: backup copy of ${partition.name} at ${formatHex(copy.start)}`}
          onClick={() => select(partition.id)}
        >
          <span className="segment-name">{copy.name}</span>
        </div>
      ))}
    </>
  );
}
