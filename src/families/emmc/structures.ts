/**
 * The sectors the user area's table itself occupies: the MBR, or the protective MBR and GPT
 * header, the primary entry array (wherever it was moved), the backup array and header.
 */
import type { LayoutDocument } from '../../model/document';
import { entriesOffset, entryCount, entrySectors, sectorSize, tableArea } from './disk';

export interface TableStructure {
  id: 'mbr' | 'gpt-header' | 'gpt-entries' | 'gpt-backup';
  name: string;
  start: number;
  end: number;
  description: string;
}

export function tableStructures(document: LayoutDocument): TableStructure[] {
  const area = tableArea(document);
  if (!area) return [];
  const sector = sectorSize(document);
  if (area.table === 'mbr') {
    return [{ id: 'mbr', name: 'MBR', start: 0, end: sector, description: 'Master boot record: boot code, disk signature and four primary entries' }];
  }
  const arrayBytes = entrySectors(entryCount(document), sector) * sector;
  const entries = entriesOffset(document);
  const size = Math.floor(document.device.size / sector) * sector;
  return [
    { id: 'gpt-header', name: 'GPT header', start: 0, end: 2 * sector, description: 'Protective MBR and the primary GPT header' },
    { id: 'gpt-entries', name: 'GPT entry array', start: entries, end: entries + arrayBytes, description: `The ${entryCount(document)} primary partition entries` },
    { id: 'gpt-backup', name: 'backup GPT', start: size - arrayBytes - sector, end: size, description: 'Backup partition entries and GPT header in the last sectors' },
  ];
}

/** Raw partitions with a known extent in the table's space (explicit offset and size). */
export function rawExtents(document: LayoutDocument): Array<{ start: number; end: number }> {
  const area = tableArea(document);
  if (!area) return [];
  const areaIds = new Set(document.areas.filter((a) => a.space === area.space).map((a) => a.id));
  return document.partitions
    .filter((p) => p.raw && areaIds.has(p.area) && typeof p.offset === 'number' && typeof p.size === 'number')
    .map((p) => ({ start: p.offset as number, end: (p.offset as number) + (p.size as number) }));
}

export function overlapping(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
