/**
 * Hostile inputs built by hand, each named after what it provokes. The bounded-work tests assert
 * what they give (problem counts, message sizes, the line an error stops at) and `npm run bench`
 * times them at growing sizes to show the growth is about linear.
 */
import type { LayoutDocument, Partition } from '../model/document';
import { findPreset } from '../presets';

function norLayout(name: string, partitions: Partition[]): LayoutDocument {
  return {
    format: 'flashmap',
    version: 1,
    name,
    device: { family: 'nor', size: 2 ** 40, geometry: { eraseBlock: 4096, pageSize: 256 } },
    areas: [{ id: 'flash', name: 'Flash', space: 'main', start: 0, size: 'rest' }],
    partitions,
  };
}

const dataPartition = (i: number, offset: number, name = `part${i}`): Partition => ({ id: `p${i}`, name, area: 'flash', offset, size: 0x10000, kind: 'data' });

/** N partitions all at offset 0: N·(N−1)/2 overlapping pairs. */
export function overlappingAtZero(count: number): LayoutDocument {
  return norLayout(`${count} partitions at offset 0`, Array.from({ length: count }, (_, i) => dataPartition(i, 0)));
}

/** N partitions, side by side, all with the same name. */
export function sameNames(count: number): LayoutDocument {
  return norLayout(`${count} partitions named "data"`, Array.from({ length: count }, (_, i) => dataPartition(i, i * 0x10000, 'data')));
}

/** An ESP32 layout whose N data rows are listed in descending address order. */
export function esp32RowsReversed(count: number): LayoutDocument {
  const base = findPreset('esp32-single')!.build();
  const partitions = Array.from({ length: count }, (_, i): Partition => ({
    id: `p${i}`,
    name: `d${i}`,
    area: 'flash',
    offset: 0x10000 + (count - 1 - i) * 0x1000,
    size: 0x1000,
    kind: 'data',
    esp32: { type: 0x01, subtype: 0x99 },
  }));
  return { ...base, device: { ...base.device, size: 2 ** 40 }, partitions };
}

/** A partition CSV of N rows (one header comment line first). */
export function csvOfLines(count: number): string {
  const rows = ['# Name, Type, SubType, Offset, Size, Flags'];
  for (let i = 0; i < count; i++) rows.push(`p${i}, data, nvs, , 0x1000,`);
  return rows.join('\n') + '\n';
}

/** One partition whose name is `length` characters long, overlapping another. */
export function longNameOverlap(length: number): LayoutDocument {
  return norLayout('a very long name', [dataPartition(0, 0), dataPartition(1, 0x8000, 'x'.repeat(length))]);
}
