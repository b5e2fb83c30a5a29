/**
 * Readers for the reference tools' listings in ../shared/conformance: the expected offsets and
 * sizes come from these files, never from our own output.
 */
import { readShared } from './shared';

export interface ReferenceEntry {
  name: string;
  start: number;
  size: number;
}

/** pnigenerator's listing: block size and one entry per record (IPL0, IPL1... each its own record). */
export function pniListing(caseName: string): { blockSize: number; entries: ReferenceEntry[] } {
  const text = readShared('conformance/sstar/cases', caseName, 'stdout.txt');
  const field = (label: string) => Number(new RegExp(`^${label}\\s*:\\s*(\\d+)`, 'm').exec(text)?.[1]);
  const blockSize = field('PageByteCnt') * field('BlkPageCnt');
  const entries = [...text.matchAll(/^\s*\d+:\s+(\d+),\(\w+\)\s+(\d+),\(\w+\)\s+\d+,\(\w+\)\s+\w+,\((\w+)\)/gm)].map((m) => ({
    name: m[3],
    start: Number(m[1]) * blockSize,
    size: Number(m[2]) * blockSize,
  }));
  if (!blockSize || entries.length === 0) throw new Error(`cannot read the PNI listing of ${caseName}`);
  return { blockSize, entries };
}

/** mxpgenerator's listing: `IPL: 0x00000000-0x00010000 size:64KB`, areas (BOOT) included. */
export function mxpListing(caseName: string): ReferenceEntry[] {
  const text = readShared('conformance/sstar/cases', caseName, 'stdout.txt');
  const entries = [...text.matchAll(/^\s*(\w+): 0x([0-9A-Fa-f]+)-0x([0-9A-Fa-f]+) size:/gm)].map((m) => {
    const start = parseInt(m[2], 16);
    return { name: m[1], start, size: parseInt(m[3], 16) - start };
  });
  if (entries.length === 0) throw new Error(`cannot read the MXP listing of ${caseName}`);
  return entries;
}

/** gen_esp32part.py's normalised CSV (`nvs,data,nvs,0x9000,24K,`): offsets in hex, sizes in hex, K or M. */
export function esp32ExpectedCsv(caseName: string): ReferenceEntry[] {
  const text = readShared('conformance/esp32/cases', caseName, 'expected.csv');
  const size = (field: string) => {
    const m = /^(\d+)([KM])$/.exec(field);
    if (m) return Number(m[1]) * (m[2] === 'K' ? 1024 : 1024 * 1024);
    if (/^0x[0-9a-fA-F]+$/.test(field)) return parseInt(field, 16);
    throw new Error(`unexpected size "${field}" in ${caseName}/expected.csv`);
  };
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name, , , offset, sizeField] = line.split(',');
      return { name, start: parseInt(offset, 16), size: size(sizeField) };
    });
}
