/**
 * A picture of the layout for design documents: one column per area, its partitions stacked from
 * the lowest offset down, each box labelled with the name, the offset it starts at and its size.
 * Heights grow with the size (each area shares out pixels in proportion to its own size), but
 * every box keeps room for its label, so a 4 KiB partition beside a 16 GiB one stays readable.
 * Backup copies and their spare blocks get their own boxes, and so do the regions the family
 * reserves and free space (both drawn faint). A UBI partition draws its volumes inside its box, in
 * order, each with its name, LEBs and size (as the map's volume strip does); the box grows to hold
 * them. All text from the document is escaped: names are hostile until proven otherwise.
 */
import type { LayoutDocument } from '../model/document';
import type { PlacedArea, PlacedVolume, Placement } from '../layout/placement';
import { formatHex, formatHuman } from '../model/units';
import { KIND_COLORS } from './kind-colors';

interface Box {
  start: number;
  end: number;
  label: string;
  fill: string;
  /** Spare blocks and free space are drawn lighter, with a dashed edge. */
  faint?: boolean;
  /** The volumes of a UBI partition, drawn inside its box. */
  volumes?: PlacedVolume[];
}

const FREE_FILL = '#eef0f3';
const WIDTH = 760;
const BOX_X = 120;
const BOX_WIDTH = 420;
/** Every box is at least this tall (one line of text). */
const MIN_HEIGHT = 22;
/** Pixels shared among the boxes of the largest area in proportion to their sizes; smaller areas get their share, at least MIN_SPREAD. */
const SPREAD = 360;
const MIN_SPREAD = 120;
const AREA_HEADING = 44;
const AREA_GAP = 28;
const MARGIN = 12;
/** A volume's box: at least this tall, inset this far from its partition's edges. */
const VOLUME_MIN_HEIGHT = 20;
const VOLUME_INSET = 24;
const VOLUME_FILL = '#ffffff';
const OVERFLOW_FILL = '#f4b4b4';

/** Text for XML: the five characters with a meaning there become entities, control characters a visible escape. */
export function escapeXml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  // eslint-disable-next-line no-control-regex -- XML 1.0 cannot hold these at all
  return text.replace(/[&<>"']/g, (c) => entities[c]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function areaBoxes(placement: Placement, area: PlacedArea): Box[] {
  const areaId = area.area.id;
  const boxes: Box[] = [];
  // What the family keeps for itself (a bootloader, the table's own sectors) inside the area.
  for (const region of placement.reserved) {
    const start = Math.max(region.start, area.start);
    const end = Math.min(region.end, area.end);
    if (region.space === area.space && start < end) boxes.push({ start, end, label: `${region.name} (reserved)`, fill: KIND_COLORS[region.kind] ?? FREE_FILL, faint: true });
  }
  for (const placed of placement.partitions) {
    if (placed.areaId !== areaId) continue;
    const fill = KIND_COLORS[placed.partition.kind] ?? KIND_COLORS.data;
    if (placed.copies.length === 0) {
      const volumes = placement.volumes.filter((v) => v.partitionId === placed.partition.id);
      boxes.push({ start: placed.start, end: placed.end, label: placed.partition.name, fill, ...(volumes.length > 0 ? { volumes } : {}) });
      continue;
    }
    for (const copy of placed.copies) {
      boxes.push({ start: copy.start, end: copy.slotEnd, label: copy.index === 0 ? copy.name : `${copy.name} (copy of ${placed.partition.name})`, fill });
      if (copy.spareEnd > copy.slotEnd) boxes.push({ start: copy.slotEnd, end: copy.spareEnd, label: `${copy.name} spare blocks`, fill, faint: true });
    }
  }
  for (const free of placement.free) if (free.areaId === areaId) boxes.push({ start: free.start, end: free.end, label: 'free', fill: FREE_FILL, faint: true });
  return boxes.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The volumes of `box` stacked from `top`, each a share of the partition's `pixels` in proportion
 * to the stretch it takes, at least one line tall; one that does not fit is drawn red.
 */
function volumeBoxes(box: Box, pixels: number, top: number): { parts: string[]; bottom: number } {
  const parts: string[] = [];
  const span = Math.max(1, box.end - box.start);
  let y = top;
  for (const placed of box.volumes ?? []) {
    const height = Math.round(VOLUME_MIN_HEIGHT + (pixels * (placed.end - placed.start)) / span);
    const x = BOX_X + VOLUME_INSET;
    const width = BOX_WIDTH - VOLUME_INSET - 8;
    const middle = y + height / 2 + 4;
    parts.push(
      `<g class="volume"><rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${placed.fits ? VOLUME_FILL : OVERFLOW_FILL}" fill-opacity="0.7"/>` +
        text(x + 8, middle, placed.volume.name, ' class="name"') +
        text(x + width - 8, middle, `${placed.units} LEBs, ${formatHuman(placed.size)}${placed.fits ? '' : ', does not fit'}`, ' class="lebs"') +
        '</g>',
    );
    y += height;
  }
  return { parts, bottom: y };
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${x}" y="${y}"${attributes}>${escapeXml(content)}</text>`;
}

/** The layout as an SVG document (UTF-8 text), sized to its content. */
export function layoutSvg(document: LayoutDocument, placement: Placement): string {
  const parts: string[] = [];
  let y = 16;
  parts.push(text(MARGIN, y + 14, document.name, ' class="title"'));
  y += 40;
  const largest = Math.max(1, ...placement.areas.map((a) => a.end - a.start));
  for (const area of placement.areas) {
    const boxes = areaBoxes(placement, area);
    const areaSize = Math.max(1, area.end - area.start);
    const spread = Math.max(MIN_SPREAD, (SPREAD * areaSize) / largest);
    parts.push(text(MARGIN, y + 16, `${area.area.name}: ${formatHex(area.start)}–${formatHex(area.end)}, ${formatHuman(area.end - area.start)}`, ' class="area"'));
    y += AREA_HEADING;
    for (const box of boxes) {
      const pixels = (spread * (box.end - box.start)) / areaSize;
      const volumes = box.volumes ? volumeBoxes(box, pixels, y + MIN_HEIGHT) : undefined;
      const height = Math.max(Math.round(MIN_HEIGHT + pixels), volumes ? volumes.bottom + 6 - y : 0);
      // With volumes inside, the partition's own labels sit on its first line, above them.
      const middle = volumes ? y + 15 : y + height / 2 + 4;
      parts.push(
        `<g><rect x="${BOX_X}" y="${y}" width="${BOX_WIDTH}" height="${height}" fill="${box.fill}"${box.faint ? ' fill-opacity="0.45" stroke-dasharray="4 3"' : ''}/>` +
          text(BOX_X - 8, y + 12, formatHex(box.start), ' class="offset"') +
          text(BOX_X + 10, middle, box.label, ' class="name"') +
          text(BOX_X + BOX_WIDTH + 10, middle, `${formatHuman(box.end - box.start)} (${formatHex(box.end - box.start)})`, ' class="size"') +
          '</g>',
      );
      if (volumes) parts.push(...volumes.parts);
      y += height;
    }
    parts.push(text(BOX_X - 8, y + 4, formatHex(area.end), ' class="offset"'));
    y += AREA_GAP;
  }
  const height = y;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">\n` +
    `<title>${escapeXml(document.name)}</title>\n` +
    `<style>.title{font-size:18px;font-weight:bold}.area{font-size:14px;font-weight:bold}.offset{text-anchor:end;font-family:monospace}.name{font-weight:bold}.size{fill:#333}.lebs{text-anchor:end;fill:#333}rect{stroke:#333;stroke-width:1}</style>\n` +
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff" stroke="none"/>\n` +
    parts.join('\n') +
    '\n</svg>\n'
  );
}
