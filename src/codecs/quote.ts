/**
 * A value from the input, quoted in a message: at most 40 characters, then "…", so a 10 MB name
 * never becomes a 10 MB message. Every codec quotes through this.
 */
export function quote(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}
