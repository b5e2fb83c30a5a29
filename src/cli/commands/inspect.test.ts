import { describe, expect, it } from 'vitest';
import { fakeIo } from '../../test-support/cli';
import { layoutImage } from '../../image/disk-image';
import { findPreset } from '../../presets';
import { runCli } from '../run';

/** The emmc-boot preset's user area as a file: its GPT pieces, zeros between. */
function gptDisk(): Uint8Array {
  const image = layoutImage(findPreset('emmc-boot')!.build());
  // Only the first 4 MiB: the primary GPT is there; the backup is not (and must be reported missing).
  const disk = new Uint8Array(4 * 1024 * 1024);
  for (const piece of image.pieces) if (piece.offset + piece.bytes.length <= disk.length) disk.set(piece.bytes, piece.offset);
  return disk;
}

describe('flashmap inspect', () => {
  it('prints { size, regions } with the issue\'s keys and absolute offsets', async () => {
    const io = fakeIo();
    io.files.set('disk.img', gptDisk());
    expect(await runCli(['inspect', 'disk.img', '--json'], io)).toBe(0);
    const json = JSON.parse(io.out) as { size: number; regions: Array<Record<string, unknown>> };
    expect(Object.keys(json)).toEqual(['size', 'regions']);
    expect(json.size).toBe(4 * 1024 * 1024);
    for (const region of json.regions) expect(Object.keys(region)).toEqual(['offset', 'size', 'type', 'name', 'details', 'children']);
    expect(json.regions[0]).toMatchObject({ offset: 0, type: 'gpt', name: 'primary' });
    expect(json.regions.filter((r) => r.type === 'gpt-partition').length).toBeGreaterThan(0);
  });

  it('prints an indented table: offset, end, size, type, name, details', async () => {
    const io = fakeIo();
    io.files.set('disk.img', gptDisk());
    expect(await runCli(['inspect', 'disk.img'], io)).toBe(0);
    const lines = io.out.split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['offset', 'end', 'size', 'type', 'name', 'details']);
    expect(lines[1]).toMatch(/^0x0\s+0x[0-9A-F]+\s+.*\bgpt\s+primary\b/);
    expect(lines.some((l) => l.includes('!'))).toBe(true); // the backup header is missing: a located warning
  });

  it('says which file it cannot read, with status 2', async () => {
    const io = fakeIo();
    expect(await runCli(['inspect', 'missing.img'], io)).toBe(2);
    expect(io.err).toMatch(/cannot read missing.img/);
  });
});
