/**
 * Snapping for drags on the map: a dragged edge lands on the partition's alignment, and on a
 * neighbour's edge when one is close enough (and itself aligned). Holding Alt disables snapping.
 */
export interface SnapRequest {
  /** Where the pointer would put the value, in bytes. */
  raw: number;
  alignment: number;
  /** Edges of neighbours (starts and ends) the value may stick to. */
  edges: number[];
  /** How close, in bytes, an edge must be to win over the plain alignment. */
  threshold: number;
  /** Lowest and highest allowed values. */
  min: number;
  max: number;
}

export interface SnapResult {
  value: number;
  snappedTo: 'edge' | 'alignment' | 'none';
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

export function snap(request: SnapRequest): SnapResult {
  const { raw, alignment, edges, threshold, min, max } = request;
  let best: number | undefined;
  for (const edge of edges) {
    if (edge < min || edge > max || edge % alignment !== 0) continue;
    const distance = Math.abs(edge - raw);
    if (distance <= threshold && (best === undefined || distance < Math.abs(best - raw))) best = edge;
  }
  if (best !== undefined) return { value: best, snappedTo: 'edge' };
  const aligned = Math.round(raw / alignment) * alignment;
  const low = Math.ceil(min / alignment) * alignment;
  const high = Math.floor(max / alignment) * alignment;
  if (low > high) return { value: clamp(Math.round(raw), min, max), snappedTo: 'none' };
  return { value: clamp(aligned, low, high), snappedTo: 'alignment' };
}

/** Without snapping the value still moves in whole bytes and stays in range. */
export function unsnapped(raw: number, min: number, max: number): SnapResult {
  return { value: clamp(Math.round(raw), min, max), snappedTo: 'none' };
}
