/**
 * What a drag on the map does to the document: moving a partition or dragging one of its edges,
 * snapped to the partition's alignment and to neighbours' edges. Pure, so it is tested without a
 * browser; the map only converts pixels to bytes.
 */
import type { LayoutDocument } from '../model/document';
import { alignmentRequirements, type Family } from '../layout/family';
import type { PlacedArea, Placement, PlacedPartition } from '../layout/placement';
import { movePartition, resizePartition } from './ops';
import { snap, unsnapped, type SnapResult } from './snapping';

export type DragMode = 'move' | 'resize-start' | 'resize-end';

export interface DragRequest {
  document: LayoutDocument;
  placement: Placement;
  family: Family;
  partitionId: string;
  mode: DragMode;
  /** How far the pointer moved, already converted to bytes. */
  deltaBytes: number;
  /** False while Alt is held. */
  snapping: boolean;
  /** Edge-snapping distance in bytes (a few pixels at the current zoom). */
  thresholdBytes: number;
}

export interface DragResult {
  document: LayoutDocument;
  start: number;
  size: number;
  snappedTo: SnapResult['snappedTo'];
}

/** The unit sizes move in: the strictest size requirement, at least the erase block. */
export function sizeUnit(placed: PlacedPartition, document: LayoutDocument, family: Family): number {
  const sizeRequirements = alignmentRequirements(family, placed.partition, document)
    .filter((r) => r.of === 'size')
    .map((r) => r.value);
  return Math.max(1, document.device.geometry.eraseBlock ?? 1, ...sizeRequirements);
}

/** The placed partition and its area; the map only drags what it drew. */
function locate(placement: Placement, partitionId: string): { placed: PlacedPartition; area: PlacedArea } {
  const placed = placement.byId.get(partitionId);
  const area = placement.areas.find((a) => a.area.id === placed?.areaId);
  if (!placed || !area) throw new Error(`no partition "${partitionId}" on the map`);
  return { placed, area };
}

/** Starts and ends of everything else in the same address space, plus the area's bounds. */
function neighbourEdges(placement: Placement, placed: PlacedPartition, areaStart: number, areaEnd: number): number[] {
  const edges = [areaStart, areaEnd];
  for (const other of placement.partitions) {
    if (other === placed || other.space !== placed.space) continue;
    edges.push(other.start, other.spanEnd);
  }
  for (const region of placement.reserved) if (region.space === placed.space) edges.push(region.start, region.end);
  return edges;
}

export function dragPartition(request: DragRequest): DragResult {
  const { document, placement, family, partitionId, mode, deltaBytes, snapping, thresholdBytes } = request;
  const { placed, area } = locate(placement, partitionId);
  const edges = neighbourEdges(placement, placed, area.start, area.end);
  const pick = (raw: number, alignment: number, candidates: number[], min: number, max: number) =>
    snapping ? snap({ raw, alignment, edges: candidates, threshold: thresholdBytes, min, max }) : unsnapped(raw, min, max);

  if (mode === 'move') {
    const span = placed.spanEnd - placed.start;
    // A moved partition may stick by its start or by its end.
    const candidates = [...edges, ...edges.map((edge) => edge - span)];
    const result = pick(placed.start + deltaBytes, placed.offsetAlignment, candidates, area.start, Math.max(area.start, area.end - span));
    return { document: movePartition(document, partitionId, result.value), start: result.value, size: placed.size, snappedTo: result.snappedTo };
  }

  const unit = sizeUnit(placed, document, family);
  if (mode === 'resize-end') {
    const result = pick(placed.end + deltaBytes, unit, edges, placed.start + unit, Math.max(placed.start + unit, area.end));
    const size = result.value - placed.start;
    return { document: resizePartition(document, partitionId, placed.start, size), start: placed.start, size, snappedTo: result.snappedTo };
  }

  const result = pick(placed.start + deltaBytes, placed.offsetAlignment, edges, area.start, Math.max(area.start, placed.end - unit));
  const size = placed.end - result.value;
  return { document: resizePartition(document, partitionId, result.value, size), start: result.value, size, snappedTo: result.snappedTo };
}

/** Keyboard moves: one alignment unit per arrow press, sixteen with Shift. */
export function nudgePartition(
  document: LayoutDocument,
  placement: Placement,
  family: Family,
  partitionId: string,
  direction: -1 | 1,
  steps: number,
  mode: 'move' | 'resize',
): DragResult {
  const { placed, area } = locate(placement, partitionId);
  if (mode === 'move') {
    const unit = placed.offsetAlignment;
    const start = Math.max(area.start, placed.start + direction * steps * unit);
    return { document: movePartition(document, partitionId, start), start, size: placed.size, snappedTo: 'alignment' };
  }
  const unit = sizeUnit(placed, document, family);
  const size = Math.max(unit, placed.size + direction * steps * unit);
  return { document: resizePartition(document, partitionId, placed.start, size), start: placed.start, size, snappedTo: 'alignment' };
}
