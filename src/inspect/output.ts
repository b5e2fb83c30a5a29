/** The inspection as the JSON object and as an indented table (offset, end, size, type, name, details). */
import { formatHex, formatHuman } from '../model/units';
import type { Details, Inspection, Region } from './region';

interface JsonRegion {
  offset: number;
  size: number;
  type: string;
  name: string | null;
  details: Details;
  children: JsonRegion[];
}

/** `{ size, regions }`; a region's warnings go into its details as `warnings` (offset and message). */
function inspectionJson(inspection: Inspection): { size: number; regions: JsonRegion[] } {
  const convert = (r: Region): JsonRegion => ({
    offset: r.offset,
    size: r.size,
    type: r.type,
    name: r.name,
    details: r.warnings.length > 0 ? { ...r.details, warnings: r.warnings } : r.details,
    children: r.children.map(convert),
  });
  return { size: inspection.size, regions: inspection.regions.map(convert) };
}

/** JSON text: bigints as decimal strings (none should remain, but a detail must never throw). */
export function inspectionJsonText(inspection: Inspection): string {
  return `${JSON.stringify(inspectionJson(inspection), (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`;
}

const SKIPPED_DETAILS = new Set(['names', 'segments', 'images', 'entries', 'pages', 'namespaces', 'nodeTypes', 'attributeNames']);

/** The short scalar details, `key=value`, for one table cell. */
export function detailsSummary(details: Details): string {
  return Object.entries(details)
    .filter(([key, value]) => !SKIPPED_DETAILS.has(key) && value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value)))
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join(' ');
}

export function inspectionListing(inspection: Inspection): string {
  const rows: string[][] = [];
  const notes: Array<string | undefined> = [];
  const walk = (regions: readonly Region[], depth: number) => {
    for (const r of regions) {
      rows.push([`${'  '.repeat(depth)}${formatHex(r.offset)}`, formatHex(r.offset + r.size), formatHuman(r.size), r.type, r.name ?? '-', detailsSummary(r.details)]);
      notes.push(r.warnings.length > 0 ? r.warnings.map((w) => `${'  '.repeat(depth + 1)}! ${w.message}`).join('\n') : undefined);
      walk(r.children, depth + 1);
    }
  };
  walk(inspection.regions, 0);
  const header = ['offset', 'end', 'size', 'type', 'name', 'details'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(header)];
  rows.forEach((row, i) => {
    out.push(line(row));
    if (notes[i]) out.push(notes[i]!);
  });
  return `${out.join('\n')}\n\n${formatHuman(inspection.size)} (${formatHex(inspection.size)} bytes)\n`;
}
