/**
 * Values from the input, quoted in messages: at most 40 characters, then "…", so a 10 MB name
 * never becomes a 10 MB message. Every codec quotes through these.
 */
const LIMIT = 40;

/** The value cut to its first 40 characters (then "…"), unquoted: for wording that quotes nothing. */
export function cut(text: string): string {
  return text.length > LIMIT ? `${text.slice(0, LIMIT)}…` : text;
}

export function quote(text: string): string {
  return `"${cut(text)}"`;
}
