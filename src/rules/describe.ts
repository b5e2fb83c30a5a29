/** Wording shared by rule messages: how partitions, ranges and sizes are named. */
import { formatHex, formatHuman } from '../model/units';

export function range(start: number, end: number): string {
  return `${formatHex(start)}–${formatHex(end)}`;
}

export function amount(bytes: number): string {
  return `${formatHex(bytes)} (${formatHuman(bytes)})`;
}

/** Longest stretch of a name quoted in a message: a 10 MB name must not make a 10 MB message. */
export const QUOTE_LIMIT = 40;

export function quoted(name: string): string {
  if (name === '') return '(unnamed)';
  return name.length > QUOTE_LIMIT ? `"${cutText(name, QUOTE_LIMIT)}…"` : `"${name}"`;
}

/** The first `limit` UTF-16 units of `text`, never splitting a surrogate pair. */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const last = text.charCodeAt(limit - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? limit - 1 : limit);
}

/** `"a", "b", "c" and 97 more`: at most `shown` names, so a message stays short for any input. */
export function quotedList(names: string[], shown = 5): string {
  const listed = names.slice(0, shown).map(quoted).join(', ');
  return names.length > shown ? `${listed} and ${names.length - shown} more` : listed;
}
