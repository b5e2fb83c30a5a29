import { describe, expect, it } from 'vitest';
import { serializeDocument } from '../../model/document';
import { allwinnerSdCard } from '../../presets/emmc';
import { fakeIo } from '../../test-support/cli';
import { readShared } from '../../test-support/shared';
import { layoutImage } from '../../image/disk-image';
import { runCli } from '../run';

const DEFAULT = readShared('conformance/esp32/cases/arduino-default/input.csv');
const MIN_SPIFFS = readShared('conformance/esp32/cases/arduino-min-spiffs/input.csv');

describe('flashmap diff', () => {
  it('prints each partition, the device verdict and the migration; exit 1 as data is lost', async () => {
    const io = fakeIo({ 'default.csv': DEFAULT, 'min_spiffs.csv': MIN_SPIFFS });
    expect(await runCli(['diff', 'default.csv', 'min_spiffs.csv'], io)).toBe(1);
    expect(io.out).toMatch(/^app1\s+moved and resized\s+0x150000-0x290000 \(1.25 MiB\)\s+0x1F0000-0x3D0000 \(1.88 MiB\)\s+survives only if copied: 0x140000 bytes from 0x150000 to 0x1F0000$/m);
    expect(io.out).toMatch(/^spiffs\s+moved and resized .* lost: shrunk$/m);
    expect(io.out).toMatch(/^Device: OTA update$/m);
    expect(io.out).toMatch(/^# 6\. UNSAFE: Write the new partition table/m);
    expect(io.out).toMatch(/^2 partition\(s\) or volume\(s\) lose their data\.$/m);
  });

  it('--json: one object with the matches, verdicts and steps', async () => {
    const io = fakeIo({ 'default.csv': DEFAULT, 'min_spiffs.csv': MIN_SPIFFS });
    expect(await runCli(['diff', '--json', 'default.csv', 'min_spiffs.csv'], io)).toBe(1);
    const report = JSON.parse(io.out);
    expect(report.changes.find((c: { new?: { name: string } }) => c.new?.name === 'nvs')).toMatchObject({ matchedBy: 'name', change: 'unchanged', verdict: { kind: 'survives' } });
    expect(report.device).toMatchObject({ inField: true, method: 'OTA update' });
    expect(report.steps).toHaveLength(6);
  });

  it('exit 0 when nothing is lost; --family-check fails a change devices cannot take', async () => {
    const old = allwinnerSdCard();
    const grown = { ...old, partitions: old.partitions.map((p) => (p.name === 'rootfs_b' ? { ...p, size: (1454080 - 770048) * 512 } : p)) };
    const moved = { ...old, partitions: old.partitions.map((p) => (p.name === 'data' ? { ...p, offset: 1454080 * 512 + 1024 * 1024, size: 64 * 1024 * 1024 } : p)) };
    const shrunkData = { ...old, partitions: old.partitions.map((p) => (p.name === 'data' ? { ...p, size: 64 * 1024 * 1024 } : p)) };
    const files = { 'old.json': serializeDocument(old), 'grown.json': serializeDocument(grown), 'small.json': serializeDocument(shrunkData), 'moved.json': serializeDocument(moved) };
    expect(await runCli(['diff', 'old.json', 'grown.json'], fakeIo(files))).toBe(0);
    expect(await runCli(['diff', '--family-check', 'old.json', 'grown.json'], fakeIo(files))).toBe(0);
    // data (64 MiB) moved by 1 MiB: nothing lost, but not in place.
    expect(await runCli(['diff', 'small.json', 'moved.json'], fakeIo(files))).toBe(0);
    expect(await runCli(['diff', '--family-check', 'small.json', 'moved.json'], fakeIo(files))).toBe(1);
  });

  it('exit 2 on bad input, with where it goes wrong', async () => {
    const io = fakeIo({ 'default.csv': DEFAULT, 'bad.csv': 'nvs,data,nvs,0x9000,zz\n' });
    expect(await runCli(['diff', 'default.csv', 'bad.csv'], io)).toBe(2);
    expect(io.err).toMatch(/^flashmap diff: bad\.csv: line 1/);
    const one = fakeIo({ 'default.csv': DEFAULT });
    expect(await runCli(['diff', 'default.csv'], one)).toBe(2);
    expect(one.err).toMatch(/expected two layout files/);
    const families = fakeIo({ 'default.csv': DEFAULT, 'sd.json': serializeDocument(allwinnerSdCard()) });
    expect(await runCli(['diff', 'default.csv', 'sd.json'], families)).toBe(2);
    expect(families.err).toMatch(/different families/);
  });

  it('OLD can be an image of a fielded device: its table is read through the inspector', async () => {
    const old = allwinnerSdCard();
    const image = layoutImage(old);
    const grown = { ...old, partitions: old.partitions.map((p) => (p.name === 'rootfs_b' ? { ...p, size: (1454080 - 770048) * 512 } : p)) };
    const io = fakeIo({ 'new.json': serializeDocument(grown) });
    // The 8 GB card as its table pieces, zeros elsewhere, read by random access.
    io.openFile = (path) => {
      if (path !== 'card.img') {
        const bytes = io.readFile(path);
        return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) };
      }
      return {
        size: image.size,
        read: (offset, length) => {
          const out = new Uint8Array(Math.max(0, Math.min(length, image.size - offset)));
          for (const piece of image.pieces) {
            const start = Math.max(offset, piece.offset);
            const end = Math.min(offset + out.length, piece.offset + piece.bytes.length);
            if (start < end) out.set(piece.bytes.subarray(start - piece.offset, end - piece.offset), start - offset);
          }
          return out;
        },
      };
    };
    expect(await runCli(['diff', '--json', 'card.img', 'new.json'], io), io.err).toBe(0);
    const report = JSON.parse(io.out);
    // The MBR names nothing: p3 is rootfs_b by its place (and a compatible content), p1 is boot by its role (FAT).
    expect(report.changes.find((c: { new?: { name: string } }) => c.new?.name === 'rootfs_b')).toMatchObject({ old: { name: 'p3' }, matchedBy: 'position', change: 'resized', verdict: { kind: 'survives', grown: true } });
    expect(report.changes.find((c: { new?: { name: string } }) => c.new?.name === 'boot')).toMatchObject({ old: { name: 'p1' }, matchedBy: 'role', change: 'unchanged' });
    // The raw SPL is in no table, so the image cannot show it: it is new to the comparison.
    expect(report.changes.find((c: { new?: { name: string } }) => c.new?.name === 'u-boot-spl')).toMatchObject({ change: 'added' });
    expect(report.lost).toBe(0);
  });
});
