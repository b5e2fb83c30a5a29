/**
 * Disk images for tests: sparse files in a private directory (holes cost nothing), the table
 * pieces written into them, ranges and sectors read back, loop devices with 4096-byte sectors,
 * and in-memory disks made of pieces (zeros elsewhere) that count their reads.
 */
import { closeSync, ftruncateSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from './debian';

export interface Piece {
  offset: number;
  bytes: Uint8Array;
}

/** A private directory of image files, removed by `remove`. */
export function imageDirectory(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `flashmap-${prefix}-`));
  return {
    dir,
    path: (name: string) => join(dir, name),
    /** An empty sparse file of `bytes` bytes (with `pieces` written in). */
    sparseImage(name: string, bytes: number, pieces: readonly Piece[] = []): string {
      const path = join(dir, name);
      const fd = openSync(path, 'w');
      ftruncateSync(fd, bytes);
      closeSync(fd);
      writePieces(path, pieces);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function writePieces(path: string, pieces: readonly Piece[]): void {
  const fd = openSync(path, 'r+');
  for (const piece of pieces) writeSync(fd, piece.bytes, 0, piece.bytes.length, piece.offset);
  closeSync(fd);
}

export function readRange(path: string, offset: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(length);
  readSync(fd, buffer, 0, length, offset);
  closeSync(fd);
  return buffer;
}

/** Random access to an image file, one sector per call (undefined past the end). */
export function fileSectors(path: string, sectorSize: number): (lba: number) => Uint8Array | undefined {
  return (lba) => {
    const fd = openSync(path, 'r');
    const buffer = Buffer.alloc(sectorSize);
    const got = readSync(fd, buffer, 0, sectorSize, lba * sectorSize);
    closeSync(fd);
    return got === sectorSize ? new Uint8Array(buffer) : undefined;
  };
}

/** A loop device over the image with 4096-byte logical sectors, detached after `use`. */
export function withLoop<T>(losetup: string, path: string, use: (device: string) => T): T {
  const device = runTool(losetup, ['--sector-size', '4096', '--find', '--show', path]).stdout.trim();
  try {
    return use(device);
  } finally {
    runTool(losetup, ['--detach', device]);
  }
}

/** The disk the pieces describe (zeros elsewhere), read in sectors of `unit` bytes; counts reads. */
export function memoryDisk(pieces: readonly Piece[], diskBytes: number, unit: number) {
  const reader = {
    reads: 0,
    read: (lba: number): Uint8Array | undefined => {
      reader.reads++;
      const from = lba * unit;
      if (lba < 0 || from + unit > diskBytes) return undefined;
      const sector = new Uint8Array(unit);
      for (const piece of pieces) {
        const start = Math.max(from, piece.offset);
        const end = Math.min(from + unit, piece.offset + piece.bytes.length);
        if (start < end) sector.set(piece.bytes.subarray(start - piece.offset, end - piece.offset), start - from);
      }
      return sector;
    },
    /** The piece starting at `offset` (a test changes its bytes to damage the disk). */
    pieceAt: (offset: number): Uint8Array | undefined => pieces.find((piece) => piece.offset === offset)?.bytes,
  };
  return reader;
}
