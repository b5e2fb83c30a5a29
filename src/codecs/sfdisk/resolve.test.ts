import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { parseSfdiskScript } from './parse';
import { resolveSfdiskScript, type SfdiskResolveOptions } from './resolve';

const MiB_SECTORS = 2048;
const resolve = (text: string, options: Partial<SfdiskResolveOptions> = {}) =>
  resolveSfdiskScript(parseSfdiskScript(text).script, { sectorSize: 512, diskSectors: 64 * MiB_SECTORS, randomBytes: (n) => new Uint8Array(n).fill(0xab), ...options });

function failure(text: string, options: Partial<SfdiskResolveOptions> = {}): FormatError {
  try {
    resolve(text, options);
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}

// The placements below were observed with sfdisk 2.38.1 while writing the resolver; the
// differential and conformance tests compare against live sfdisk runs.
describe('resolveSfdiskScript', () => {
  it('places gpt partitions at the 1 MiB grain and aligns the last end down', () => {
    const resolution = resolve('label: gpt\nsize=1000KiB\nsize=3000KiB\nsize=5\n\n,\n');
    expect(resolution.label).toBe('gpt');
    if (resolution.label !== 'gpt') return;
    expect(resolution.table.partitions.map((p) => [p.firstLba, p.lastLba - p.firstLba + 1])).toEqual([
      [2048, 2000],
      [4096, 6144],
      [10240, 5],
      [12288, 129024 - 12288],
    ]);
    expect(resolution.table.firstUsableLba).toBe(2048);
    expect(resolution.table.partitions[0].uniqueGuid).toMatch(/^ABABABAB-ABAB-4BAB-ABAB-ABABABABABAB$/);
  });

  it('keeps sfdisk dos quirks: one extra sector for small sizes with a unit, first LBA lowered by an early start', () => {
    const resolution = resolve('label: dos\nsize=100KiB\nsize=3000KiB\nstart=63,size=10\nsize=10\n');
    expect(resolution.label === 'dos' && resolution.table.partitions.map((p) => [p.startLba, p.sectors])).toEqual([
      [2048, 201],
      [4096, 6144],
      [63, 10],
      [10240, 10],
    ]);
  });

  it('chains logical partitions one grain after their EBR', () => {
    const resolution = resolve('label: dos\nlabel-id: 0x12345678\nstart=2048,size=8192,type=83,bootable\ntype=5\nsize=2048,type=83\ntype=82\n', { diskSectors: 16 * MiB_SECTORS });
    expect(resolution.label === 'dos' && resolution.table).toEqual({
      diskSignature: 0x12345678,
      partitions: [
        { number: 1, bootable: true, type: 0x83, startLba: 2048, sectors: 8192 },
        { number: 2, bootable: false, type: 0x05, startLba: 10240, sectors: 22528 },
        { number: 5, bootable: false, type: 0x83, startLba: 12288, sectors: 2048, ebrLba: 10240 },
        { number: 6, bootable: false, type: 0x82, startLba: 16384, sectors: 16384, ebrLba: 14336 },
      ],
    });
  });

  it('refuses where sfdisk would fail or silently drop lines, at the script line', () => {
    expect(failure('label: dos\nsize=1MiB\nsize=1MiB\nsize=1MiB\nsize=1MiB\nsize=1MiB\n').line).toBe(6);
    expect(failure('label: dos\ntype=5\ntype=5\n').message).toMatch(/already exists/);
    expect(failure('label: gpt\nstart=4096,size=4096\nstart=5000,size=100\n').line).toBe(3);
    expect(failure('label: gpt\ntable-length: 4\nsize=1\nsize=1\nsize=1\nsize=1\nsize=1\n').line).toBe(7);
    expect(failure('label: gpt\nfirst-lba: 10\n').line).toBe(2);
    expect(failure('label: gpt\nsize=1, name="😀"\n').message).toMatch(/U\+FFFF/);
    expect(failure('label: dos\nsize=1\n', { diskSectors: 2 ** 32 + 1 }).message).toMatch(/use label: gpt/);
    expect(failure('label: gpt\nsize=1\n', { randomBytes: undefined }).message).toMatch(/random source/);
    expect(failure('label: dos\nsize=1\n', { sectorSize: 520 }).message).toMatch(/sector size/);
    expect(failure('label: gpt\ngrain: 1024\nsize=1\n', { sectorSize: 4096, diskSectors: 16384 }).message).toMatch(/multiple of the 4096-byte sector/);
  });

  it('warns about what sfdisk changes silently', () => {
    expect(failure('label: dos\nsize=200MiB\n').line).toBe(2);
    const named = resolve(`label: gpt\nsector-size: 4096\nsize=1, name="${'n'.repeat(40)}"\n`);
    expect(named.warnings.map((w) => w.line)).toEqual([2, 3]);
    expect(named.label === 'gpt' && named.table.partitions[0].name).toBe('n'.repeat(36));
    expect(resolve('label: gpt\nstart=0, size=0\n').warnings[0].message).toMatch(/ignores/);
  });

  it('places 10,000 gpt partitions, and stops a dos script at sfdisk limit of 60 partitions', () => {
    const many = Array.from({ length: 10_000 }, () => 'size=1').join('\n');
    const resolution = resolve(`label: gpt\ntable-length: 16384\n${many}\n`, { diskSectors: 10_001 * MiB_SECTORS });
    expect(resolution.label === 'gpt' && resolution.table.partitions.length).toBe(10_000);
    expect(failure(`label: dos\ntype=Ex\n${many}\n`, { diskSectors: 10_001 * MiB_SECTORS }).line).toBe(2 + 57);
  });
});
