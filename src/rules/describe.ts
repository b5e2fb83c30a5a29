/** Wording shared by rule messages: how partitions, ranges and sizes are named. */
import { formatHex, formatHuman } from '../model/units';

export function range(start: number, end: number): string {
  return `${formatHex(start)}–${formatHex(end)}`;
}

export function amount(bytes: number): string {
  return `${formatHex(bytes)} (${formatHuman(bytes)})`;
}

export function quoted(name: string): string {
  return name === '' ? '(unnamed)' : `"${name}"`;
}
