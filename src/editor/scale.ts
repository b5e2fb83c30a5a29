/**
 * The drawing scale of an area bar: proportional, except that every drawn range gets at least a
 * minimum width, so a 4 KiB partition on a 16 GiB device stays visible and clickable and small
 * neighbours do not cover each other. The pixels the small ranges need are taken, in proportion,
 * from the large ones. The map is monotone, so order and adjacency are kept exactly.
 */
export interface AreaScale {
  /** Pixel position of a byte offset (clamped to the area). */
  toPx(byte: number): number;
  /** Byte offset under a pixel position (clamped to the area). */
  toByte(px: number): number;
  widthPx: number;
}

/** Below this share of its natural width a large range is not squeezed further: fall back to proportional. */
const MIN_SQUEEZE = 0.25;

export function areaScale(start: number, end: number, ranges: Array<readonly [number, number]>, widthPx: number, minPx: number): AreaScale {
  const size = Math.max(1, end - start);
  const proportional = linearScale(start, size, widthPx);
  if (widthPx <= 0 || ranges.length === 0) return proportional;

  const clamp = (value: number) => Math.min(Math.max(value, start), end);
  // Boundaries of all ranges, and how many ranges cover each interval between them.
  const edges = new Map<number, number>([[start, 0], [end, 0]]);
  for (const [from, to] of ranges) {
    const a = clamp(from);
    const b = clamp(to);
    if (b <= a) continue;
    edges.set(a, (edges.get(a) ?? 0) + 1);
    edges.set(b, (edges.get(b) ?? 0) - 1);
  }
  const points = [...edges.keys()].sort((a, b) => a - b);
  const natural: number[] = [];
  const small: boolean[] = [];
  let depth = 0;
  let fixed = 0;
  let flexible = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    depth += edges.get(points[i]) ?? 0;
    const width = ((points[i + 1] - points[i]) / size) * widthPx;
    const isSmall = depth > 0 && width < minPx;
    natural.push(width);
    small.push(isSmall);
    if (isSmall) fixed += minPx;
    else flexible += width;
  }
  const squeeze = flexible > 0 ? (widthPx - fixed) / flexible : 0;
  if (fixed === 0 || squeeze < MIN_SQUEEZE) return proportional;

  const px = [0];
  for (let i = 0; i < natural.length; i++) px.push(px[i] + (small[i] ? minPx : natural[i] * squeeze));

  const locate = (values: number[], value: number) => {
    let low = 0;
    let high = values.length - 1;
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if (values[middle] <= value) low = middle;
      else high = middle;
    }
    return low;
  };
  return {
    widthPx,
    toPx(byte) {
      const b = clamp(byte);
      const i = locate(points, b);
      const span = points[i + 1] - points[i];
      return span > 0 ? px[i] + ((b - points[i]) / span) * (px[i + 1] - px[i]) : px[i];
    },
    toByte(position) {
      const p = Math.min(Math.max(position, 0), widthPx);
      const i = locate(px, p);
      const span = px[i + 1] - px[i];
      return span > 0 ? points[i] + ((p - px[i]) / span) * (points[i + 1] - points[i]) : points[i];
    },
  };
}

function linearScale(start: number, size: number, widthPx: number): AreaScale {
  const perPx = widthPx > 0 ? size / widthPx : 0;
  return {
    widthPx,
    toPx: (byte) => (perPx > 0 ? (Math.min(Math.max(byte, start), start + size) - start) / perPx : 0),
    toByte: (px) => start + Math.min(Math.max(px, 0), widthPx) * perPx,
  };
}
