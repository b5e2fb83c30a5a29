/** One area: its ruler, its bar with reserved regions, free space and partitions. */
import { useDroppable } from '@dnd-kit/core';
import { useCallback } from 'react';
import { familyOf, formatHex, formatHuman, type FreeSegment, type PlacedArea, type PlacedPartition, type Placement, type Problem } from '../../src/index';
import { areaAcceptsPartitions } from '../../src/layout/family';
import { useLayoutStore } from '../store/context';
import { calloutRows, overlapLanes, spanStyle, useAreaScale } from './geometry';
import { OverflowZone } from './OverflowZone';
import type { AreaScale } from '../../src/editor/scale';
import { PartitionSegment } from './PartitionSegment';
import { VolumeStrip } from './VolumeStrip';
import { Ruler } from './Ruler';
import { areaBars, useMapView } from './view-store';
import type { DropData } from './drag-data';

function FreeSpace({ scale, free }: { scale: AreaScale; free: FreeSegment }) {
  const selected = useLayoutStore((s) => s.freeSelection?.start === free.start && s.freeSelection.areaId === free.areaId);
  const selectFree = useLayoutStore((s) => s.selectFree);
  const label = `free space, ${formatHex(free.start)}–${formatHex(free.end)}, ${formatHuman(free.end - free.start)}`;
  return (
    <div
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={selected}
      className={`segment free${selected ? ' selected' : ''}`}
      style={spanStyle(scale, free.start, free.end)}
      title={label}
      onClick={() => selectFree(free)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          selectFree(free);
        }
      }}
    />
  );
}

/** The offset (and size) of the partition being dragged, above it. */
function DragLabel({ scale, members }: { scale: AreaScale; members: PlacedPartition[] }) {
  const label = useMapView((s) => s.dragLabel);
  const placed = label && members.find((p) => p.partition.id === label.partitionId);
  if (!placed) return null;
  return (
    <span className="drag-label" style={{ left: spanStyle(scale, placed.start, placed.end).left }} aria-hidden="true">
      {label.text}
    </span>
  );
}

export function AreaBar({ area, placement, problemsOf }: { area: PlacedArea; placement: Placement; problemsOf: (id: string) => Problem[] }) {
  const drop: DropData = { type: 'area', areaId: area.area.id };
  const accepts = useLayoutStore((s) => areaAcceptsPartitions(familyOf(s.history.present), area.area));
  const { setNodeRef, isOver } = useDroppable({ id: `area:${area.area.id}`, data: drop, disabled: !accepts });
  // One ref callback per area, not one per render: a new one is detached and attached again on
  // every commit, which on each drag frame told dnd-kit the bar had changed.
  const areaId = area.area.id;
  const barRef = useCallback(
    (element: HTMLDivElement | null) => {
      setNodeRef(element);
      if (element) areaBars.set(areaId, element);
      else areaBars.delete(areaId);
    },
    [setNodeRef, areaId],
  );
  const members = placement.partitions.filter((p) => p.areaId === area.area.id);
  const selection = useLayoutStore((s) => s.selection);
  const pointerDrag = useLayoutStore((s) => s.dragging);
  const dragged = useMapView((s) => s.dragLabel?.partitionId);
  const scale = useAreaScale(area, placement);
  const volumes = placement.volumes.filter((v) => members.some((m) => m.partition.id === v.partitionId));
  const callouts = calloutRows(scale, [
    ...members.map((p) => ({ id: p.partition.id, start: p.start, end: p.copies[0]?.slotEnd ?? p.end, name: p.copies[0]?.name ?? p.partition.name })),
    ...volumes.map((v) => ({ id: v.volume.id, start: v.start, end: v.end, name: v.volume.name })),
  ]);
  // Room below the bar for the rows of callouts (set here, not by a :has() rule, whose style
  // invalidation on every drag move cost more than the move).
  const calloutDepth = Math.max(-1, ...callouts.values());
  const lanes = overlapLanes(members);
  const outside = members.filter((p) => p.start < area.start || p.spanEnd > area.end);
  const space = placement.spaces.find((s) => s.id === area.space);
  const size = area.end - area.start;
  const free = placement.free.filter((f) => f.areaId === area.area.id).reduce((sum, f) => sum + f.end - f.start, 0);
  const percent = (bytes: number) => `${size > 0 ? Math.round((bytes / size) * 100) : 0}%`;
  return (
    <div className="area" data-area={area.area.name}>
      <div className="area-label">
        <strong>{area.area.name}</strong>
        <span className="muted">
          {space && space.id !== 'main' && space.name !== area.area.name ? `${space.name} · ` : ''}
          {formatHex(area.start)}–{formatHex(area.end)} · {formatHuman(size)}
        </span>
        <span className="area-usage">
          used {formatHuman(size - free)} ({percent(size - free)}) · free {formatHuman(free)} ({percent(free)})
        </span>
      </div>
      <Ruler area={area} scale={scale} />
      <div
        className={`area-bar${isOver ? ' drop-target' : ''}`}
        style={calloutDepth >= 0 ? { marginBottom: 16 + 14 * calloutDepth } : undefined}
        ref={barRef}
      >
        {placement.reserved
          .filter((r) => r.space === area.space && r.end > area.start && r.start < area.end)
          .map((region) => (
            <div key={region.id} className="segment reserved" style={spanStyle(scale, region.start, region.end)} title={`${region.name}: ${formatHex(region.start)}–${formatHex(region.end)} — ${region.description}`}>
              <span className="segment-name">{region.name}</span>
            </div>
          ))}
        {placement.free
          .filter((f) => f.areaId === area.area.id)
          .map((free) => (
            <FreeSpace key={`free-${free.start}`} scale={scale} free={free} />
          ))}
        {members.map((placed) => (
          <PartitionSegment
            key={placed.partition.id}
            scale={scale}
            placed={placed}
            problems={problemsOf(placed.partition.id)}
            calloutRow={callouts.get(placed.partition.id)}
            lane={lanes.get(placed.partition.id)}
            selected={selection === placed.partition.id}
            dragged={dragged === placed.partition.id}
            pointerDrag={pointerDrag}
          />
        ))}
        <VolumeStrip scale={scale} volumes={volumes} problemsOf={problemsOf} callouts={callouts} />
        <DragLabel scale={scale} members={members} />
      </div>
      {outside.length > 0 && <OverflowZone area={area} outside={outside} />}
    </div>
  );
}
