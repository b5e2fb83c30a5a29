import { familyOf, validate } from '../../families';
import type { LayoutDocument } from '../../model/document';
import { formatHex, formatHuman } from '../../model/units';
import { UsageError, type Command } from '../io';
import { loadDocument } from '../load';
import { parseOptions } from '../options';
import { formatTable } from '../table';

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

export const showCommand: Command = {
  name: 'show',
  usage: 'flashmap show FILE\n\nPrints each area and its partitions: name, start, end (exclusive), size in hex and in\nbinary units, kind and backup copies, with offsets resolved. FILE is a layout document or a\ntable Flashmap reads (an ESP-IDF CSV or binary); "-" reads standard input.',
  run(args, io) {
    const { positionals } = parseOptions(args, {});
    if (positionals.length !== 1) throw new UsageError('expected one layout file');
    const document = loadDocument(positionals[0], io);
    const { placement, problems } = validate(document);
    io.stdout(`Layout: ${document.name}\nDevice: ${describeDevice(document)}\n`);
    for (const area of placement.areas) {
      const members = placement.partitions.filter((p) => p.areaId === area.area.id);
      const space = placement.spaces.find((s) => s.id === area.space);
      io.stdout(`\nArea ${area.area.name} (${space?.name ?? area.space}): ${formatHex(area.start)}–${formatHex(area.end)}, ${formatHuman(area.end - area.start)}\n`);
      const rows = members.map((p) => [
        p.partition.name,
        formatHex(p.start),
        formatHex(p.end),
        formatHex(p.size),
        formatHuman(p.size),
        p.partition.kind + (p.partition.fs ? `/${p.partition.fs}` : '') + (p.partition.raw ? ' (raw)' : ''),
        p.copies.length > 0 ? p.copies.map((c) => `${c.name}@${formatHex(c.start)}`).join(' ') : '-',
      ]);
      io.stdout(rows.length > 0 ? formatTable(['Name', 'Start', 'End', 'Size', 'Human', 'Kind', 'Copies'], rows) : '(empty)\n');
    }
    const errors = problems.filter((p) => p.severity === 'error').length;
    io.stdout(`\n${placement.partitions.length} partition(s), ${problems.length === 0 ? 'no problems' : `${errors} error(s), ${problems.length - errors} other problem(s): run flashmap validate`}\n`);
    return 0;
  },
};
