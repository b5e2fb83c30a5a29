/** The first bytes of a region, read from the File in the page (a slice, never the whole file). */
import { useEffect, useState } from 'react';

const BYTES = 512;
const hex2 = (b: number) => b.toString(16).padStart(2, '0');

export function hexLines(bytes: Uint8Array, offset: number): string[] {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const row = bytes.subarray(at, at + 16);
    const hex = Array.from(row, hex2).join(' ').padEnd(47);
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${(offset + at).toString(16).padStart(8, '0')}  ${hex}  |${ascii}|`);
  }
  return lines;
}

export function HexView({ file, offset, size }: { file: File; offset: number; size: number }) {
  // Mounted per region (its parent is keyed by it), so the bytes never belong to another region.
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  useEffect(() => {
    let live = true;
    void file
      .slice(offset, offset + Math.min(BYTES, size))
      .arrayBuffer()
      .then((buffer) => live && setBytes(new Uint8Array(buffer)));
    return () => {
      live = false;
    };
  }, [file, offset, size]);
  if (!bytes) return <p className="muted">Reading…</p>;
  return (
    <pre className="hex-view num" aria-label="Hex view">
      {bytes.length === 0 ? '(no bytes: the region lies past the end of the file)' : hexLines(bytes, offset).join('\n')}
    </pre>
  );
}
