/**
 * Debian's ubinize (mtd-utils) as the oracle of UBI images: volumes written to an ini file, their
 * images to files beside it, and ubinize's output read back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { debianTool, runTool } from './debian';

export interface UbinizeVolume {
  id: number;
  name: string;
  type: 'dynamic' | 'static';
  /** vol_size; omitted, ubinize takes the image's size. */
  size?: number;
  autoresize?: boolean;
  alignment?: number;
  image?: Uint8Array;
}

export interface UbinizeOptions {
  peb: number;
  minIo: number;
  subPage?: number;
  vidHeaderOffset?: number;
  imageSeq: number;
}

export function ubinize(options: UbinizeOptions, volumes: readonly UbinizeVolume[]): Uint8Array {
  const tool = debianTool('ubinize', 'mtd-utils');
  const dir = mkdtempSync(join(tmpdir(), 'flashmap-ubinize-'));
  try {
    const sections = volumes.map((volume, index) => {
      const lines = [`[section${index}]`, 'mode=ubi', `vol_id=${volume.id}`, `vol_type=${volume.type}`, `vol_name=${volume.name}`];
      if (volume.size !== undefined) lines.push(`vol_size=${volume.size}`);
      if (volume.alignment !== undefined) lines.push(`vol_alignment=${volume.alignment}`);
      if (volume.autoresize) lines.push('vol_flags=autoresize');
      if (volume.image) {
        const file = join(dir, `volume${index}.bin`);
        writeFileSync(file, volume.image);
        lines.push(`image=${file}`);
      }
      return lines.join('\n');
    });
    const config = join(dir, 'ubinize.ini');
    writeFileSync(config, `${sections.join('\n')}\n`);
    const out = join(dir, 'out.ubi');
    const args = ['-o', out, '-p', String(options.peb), '-m', String(options.minIo), '-Q', String(options.imageSeq)];
    if (options.subPage !== undefined) args.push('-s', String(options.subPage));
    if (options.vidHeaderOffset !== undefined) args.push('-O', String(options.vidHeaderOffset));
    runTool(tool, [...args, config]);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
