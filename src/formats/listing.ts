/**
 * The layout as plain text, the way `fdisk -l` lists a disk: the device, then each area with its
 * partitions (name, start, end, size, kind, copies), offsets resolved. For tickets and chats; the
 * CLI's `show` prints the same text.
 */
import { familyOf } from '../families';
import type { Placement } from '../layout/placement';
import type { LayoutDocument } from '../model/document';
import { formatHex, formatHuman } from '../model/units';
import { formatTable } from './text-table';

function describeDevice(document: LayoutDocument): string {
  const { device } = document;
  const g = device.geometry;
  const parts = [`${familyOf(document).title}`, `${formatHuman(device.size)} (${formatHex(device.size)})`];
  if (device.model) parts.push(device.model);
  if (g.eraseBlock) parts.push(`erase block ${formatHuman(g.eraseBlock)}`);
  if (g.pageSize) parts.push(`page ${formatHuman(g.pageSize)}${g.spareSize ? ` + ${g.spareSize} B spare` : ''}`);
  if (g.sectorSize) parts.push(`sector ${g.sectorSize} B`);
  for (const hw of device.hardwarePartitions ?? []) parts.push(`${hw.name} ${formatHuman(hw.size)}`);
  return parts.join(', ');
}

export function layoutListing(document: LayoutDocument, placement: Placement): string {
  let text = `Layout: ${document.name}\nDevice: ${describeDevice(document)}\n`;
  for (const area of placement.areas) {
    const members = placement.partitions.filter((p) => p.areaId === area.area.id);
    const space = placement.spaces.find((s) => s.id === area.space);
    text += `\nArea ${area.area.name} (${space?.name ?? area.space}): ${formatHex(area.start)}–${formatHex(area.end)}, ${formatHuman(area.end - area.start)}\n`;
    const rows = members.map((p) => [
      p.partition.name,
      formatHex(p.start),
      formatHex(p.end),
      formatHex(p.size),
      formatHuman(p.size),
      p.partition.kind + (p.partition.fs ? `/${p.partition.fs}` : '') + (p.partition.raw ? ' (raw)' : ''),
      p.copies.length > 0 ? p.copies.map((c) => `${c.name}@${formatHex(c.start)}`).join(' ') : '-',
    ]);
    text += rows.length > 0 ? formatTable(['Name', 'Start', 'End', 'Size', 'Human', 'Kind', 'Copies'], rows) : '(empty)\n';
  }
  return text;
}
