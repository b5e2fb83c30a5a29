/** An in-memory CliIo: files in a map, stdout and stderr captured as text. */
import type { CliIo } from '../cli/io';

export interface FakeIo extends CliIo {
  out: string;
  err: string;
  files: Map<string, Uint8Array>;
  /** Images written with writeImage, kept as their pieces (a fake disk of many GiB costs nothing). */
  images: Map<string, { size: number; pieces: Array<{ offset: number; bytes: Uint8Array }> }>;
}

export function fakeIo(files: Record<string, string> = {}, stdin = ''): FakeIo {
  const encoder = new TextEncoder();
  const io: FakeIo = {
    out: '',
    err: '',
    files: new Map(Object.entries(files).map(([path, text]) => [path, encoder.encode(text)])),
    images: new Map(),
    stdout: (text) => void (io.out += text),
    stderr: (text) => void (io.err += text),
    readFile(path) {
      const data = io.files.get(path);
      if (!data) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      return data;
    },
    writeFile(path, data) {
      io.files.set(path, typeof data === 'string' ? encoder.encode(data) : data);
    },
    readStdin: () => encoder.encode(stdin),
    async writeImage(path, image) {
      const pieces: Array<{ offset: number; bytes: Uint8Array }> = [];
      for await (const piece of image.pieces) pieces.push({ offset: piece.offset, bytes: piece.bytes.slice() });
      io.images.set(path, { size: image.size, pieces });
    },
  };
  return io;
}
