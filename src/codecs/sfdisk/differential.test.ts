/**
 * Property tests against the real tools: random scripts placed by sfdisk 2.38 and by
 * resolveSfdiskScript must give the same table (or both fail), and random tables written by
 * emitMbr / emitGpt must read back the same through sfdisk --json and pass sgdisk -v.
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { debianTool, runTool } from '../../test-support/debian';
import { imageDirectory } from '../../test-support/disk-images';
import { FormatError } from '../errors';
import { emitGpt } from '../gpt/emit';
import { guidAt } from '../guid';
import type { GptPartition, GptPiece } from '../gpt/records';
import { emitMbr } from '../mbr/emit';
import type { MbrPartition } from '../mbr/records';
import { formatSfdiskAttributes } from './attributes';
import { parseSfdiskScript } from './parse';
import { resolveSfdiskScript } from './resolve';

let sfdisk = '';
let sgdisk = '';
let images: ReturnType<typeof imageDirectory>;

beforeAll(() => {
  sfdisk = debianTool('sfdisk', 'fdisk');
  sgdisk = debianTool('sgdisk', 'gdisk');
  images = imageDirectory('sfdisk-diff');
});

afterAll(() => {
  images?.remove();
});

const image = (name: string, bytes: number, pieces: readonly GptPiece[] = []) => images.sparseImage(name, bytes, pieces);

const dump = (path: string) => runTool(sfdisk, ['--dump', path]).stdout.split(path).join('DISK');

const sizes = fc.oneof(
  { arbitrary: fc.constant(''), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 8000 }).map(String), weight: 2 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 4000 }), fc.constantFrom('KiB', 'K', 'KB')).map(([v, s]) => `${v}${s}`), weight: 2 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('MiB', 'M', 'MB')).map(([v, s]) => `${v}${s}`), weight: 2 },
);
const starts = fc.oneof(
  { arbitrary: fc.constant(''), weight: 12 },
  { arbitrary: fc.integer({ min: 1, max: 80000 }).map(String), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 40 }).map((v) => `${v}MiB`), weight: 1 },
  { arbitrary: fc.constantFrom('1', '34', '63', '2048'), weight: 1 },
);
const diskBytes = fc.tuple(fc.constantFrom(1, 3, 5, 16, 24, 40, 64, 100, 100), fc.nat({ max: 9 })).map(([mib, odd]) => mib * 1024 * 1024 + odd * 512 * 37);

function scripts(label: 'dos' | 'gpt') {
  const types = label === 'dos' ? fc.constantFrom('', '', '83', 'c', '82', 'Ex', '5', 'f') : fc.constantFrom('', 'L', 'U', 'S', '3DE21764-95BD-54BD-A5C3-4ABE786F38A8');
  const devices = fc.oneof({ arbitrary: fc.constant(''), weight: 8 }, { arbitrary: fc.integer({ min: 1, max: 7 }).map((n) => `disk${n} : `), weight: 1 });
  const line = fc.tuple(devices, starts, sizes, types);
  const headers = label === 'dos' ? fc.constantFrom([], ['grain: 4096'], ['grain: 2MiB']) : fc.constantFrom([], [], ['grain: 4096'], ['first-lba: 34'], ['table-length: 8'], ['last-lba: 60000'], ['first-lba: 4096']);
  return fc.tuple(fc.array(line, { minLength: 1, maxLength: 5 }), headers, diskBytes).map(([lines, extra, bytes]) => {
    let extended = false;
    const body = lines.map(([device, start, size, type], index) => {
      // One extended partition: a second one is a table sfdisk writes but no reader follows.
      const isExtended = ['Ex', '5', 'f'].includes(type);
      const kept = isExtended && extended ? '83' : type;
      extended ||= isExtended;
      const fields = [start && `start=${start}`, size && `size=${size}`, kept && `type=${kept}`, label === 'gpt' && `uuid=${index + 1}1111111-2222-3333-4444-555555555555`].filter(Boolean);
      return device + (fields.length > 0 ? fields.join(', ') : 'start=-');
    });
    const id = label === 'dos' ? 'label-id: 0x01020304' : 'label-id: 5F3B6E0A-1C2D-4E5F-8A9B-0C1D2E3F4A5B';
    return { text: [`label: ${label}`, id, ...extra, ...body, ''].join('\n'), bytes };
  });
}

/**
 * Where sfdisk writes a table no reader should accept, we refuse instead: it stops reading the
 * script when all slots are used ("All partitions used."), and it can write a zero-size partition
 * or one ending past the disk when a size does not fit.
 */
function sfdiskWroteNonsense(output: string, dumped: string, diskSectors: number): boolean {
  if (/All partitions used/.test(output) || /omitting empty partition/.test(dumped)) return true;
  return [...dumped.matchAll(/start= *(\d+), size= *(\d+)/g)].some(([, start, size]) => Number(size) === 0 || Number(start) + Number(size) > diskSectors);
}

function compareWithSfdisk(label: 'dos' | 'gpt', runs: number, seed: number): void {
  const outcomes = { same: 0, bothRefuse: 0, weRefuseNonsense: 0 };
  fc.assert(
    fc.property(scripts(label), ({ text, bytes }) => {
      const diskSectors = Math.floor(bytes / 512);
      const reference = image('reference.img', bytes);
      const applied = spawnSync(sfdisk, ['--no-reread', '--no-tell-kernel', reference], { input: text, encoding: 'utf8' });
      let ours: string | FormatError;
      try {
        const resolution = resolveSfdiskScript(parseSfdiskScript(text).script, { sectorSize: 512, diskSectors });
        const pieces = resolution.label === 'dos' ? emitMbr(resolution.table, { sectorSize: 512, diskSectors }) : emitGpt(resolution.table, { sectorSize: 512, diskSectors, entryCount: resolution.entryCount });
        ours = dump(image('ours.img', bytes, pieces));
      } catch (e) {
        if (!(e instanceof FormatError)) throw e;
        ours = e;
      }
      if (applied.status !== 0) {
        expect(ours, `sfdisk refused:\n${text}\n${applied.stderr}`).toBeInstanceOf(FormatError);
        outcomes.bothRefuse++;
        return;
      }
      const expected = dump(reference);
      if (ours instanceof FormatError && sfdiskWroteNonsense(applied.stdout, expected, diskSectors)) {
        outcomes.weRefuseNonsense++;
        return;
      }
      expect(ours, `script:\n${text}`).toBe(expected);
      outcomes.same++;
    }),
    { numRuns: runs, seed },
  );
  // The generator must exercise real placements, not only refusals.
  expect(outcomes.same).toBeGreaterThan(runs / 4);
}

describe('resolveSfdiskScript places partitions where sfdisk does', () => {
  it('for dos scripts, extended and logical partitions included', () => compareWithSfdisk('dos', 60, 20260));
  it('for gpt scripts, with first-lba, last-lba, table-length and grain headers', () => compareWithSfdisk('gpt', 60, 20261));
});

const guid = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => guidAt(bytes, 0));

describe('tables we write read back the same in the tools', () => {
  it('dos: sfdisk --json lists our partitions', () => {
    const diskSectors = 200_000;
    const layout = fc.uniqueArray(fc.integer({ min: 1, max: diskSectors - 1 }), { minLength: 2, maxLength: 24 }).map((cuts) => cuts.sort((a, b) => a - b));
    fc.assert(
      fc.property(layout, fc.nat({ max: 0xffffffff }), fc.array(fc.tuple(fc.boolean(), fc.constantFrom(0x83, 0x0c, 0x82, 0xda, 0x8e)), { minLength: 12, maxLength: 12 }), (cuts, signature, flags) => {
        // Up to 3 primaries, then an extended partition whose chain uses the remaining extents.
        const extents: Array<[number, number]> = [];
        for (let i = 0; i + 1 < cuts.length; i += 2) extents.push([cuts[i], cuts[i + 1]]);
        const primaries = extents.slice(0, 3);
        const chain = extents.slice(3).filter(([a, b]) => b > a);
        const partitions: MbrPartition[] = primaries.map(([a, b], i) => ({ number: i + 1, bootable: flags[i][0], type: flags[i][1], startLba: a, sectors: b - a + 1 }));
        if (chain.length > 0) {
          partitions.push({ number: 4, bootable: false, type: 0x05, startLba: chain[0][0], sectors: chain[chain.length - 1][1] - chain[0][0] + 1 });
          chain.forEach(([ebr, end], i) => partitions.push({ number: 5 + i, bootable: flags[(i + 3) % 12][0], type: flags[(i + 3) % 12][1], startLba: ebr + 1, sectors: end - ebr, ebrLba: ebr }));
        }
        const path = image('mbr.img', diskSectors * 512, emitMbr({ diskSignature: signature, partitions }, { sectorSize: 512, diskSectors }));
        const json = JSON.parse(runTool(sfdisk, ['--json', path]).stdout).partitiontable;
        expect(json.id).toBe(`0x${signature.toString(16).padStart(8, '0')}`);
        expect(json.partitions).toEqual(
          partitions.map((p) => ({ node: `${path}${p.number}`, start: p.startLba, size: p.sectors, type: p.type.toString(16), ...(p.bootable ? { bootable: true } : {}) })),
        );
      }),
      { numRuns: 25 },
    );
  });

  it('gpt: sgdisk -v finds no problems and sfdisk --json lists our partitions', () => {
    const diskSectors = 100_000;
    const partition = fc.record({ typeGuid: guid.filter((g) => g !== '00000000-0000-0000-0000-000000000000'), uniqueGuid: guid, attributes: fc.constantFrom(0n, 1n, 4n, (1n << 60n) | 1n), name: fc.string({ maxLength: 20 }).filter((n) => !n.includes('\0')) });
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 2048, max: 99_000 }), { minLength: 2, maxLength: 16 }), fc.array(partition, { minLength: 8, maxLength: 8 }), guid, (cuts, fields, diskGuid) => {
        cuts.sort((a, b) => a - b);
        const partitions: GptPartition[] = [];
        for (let i = 0; i + 1 < cuts.length; i += 2) partitions.push({ number: partitions.length + 1, firstLba: cuts[i], lastLba: cuts[i + 1], ...fields[partitions.length] });
        const path = image('gpt.img', diskSectors * 512, emitGpt({ diskGuid, partitions }, { sectorSize: 512, diskSectors }));
        expect(runTool(sgdisk, ['-v', path]).stdout).toMatch(/^No problems found/m);
        const json = JSON.parse(runTool(sfdisk, ['--json', path]).stdout).partitiontable;
        expect(json.id).toBe(diskGuid);
        expect(json.partitions).toEqual(
          partitions.map((p) => ({
            node: `${path}${p.number}`,
            start: p.firstLba,
            size: p.lastLba - p.firstLba + 1,
            type: p.typeGuid,
            uuid: p.uniqueGuid,
            ...(p.name ? { name: p.name } : {}),
            ...(p.attributes ? { attrs: formatSfdiskAttributes(p.attributes) } : {}),
          })),
        );
      }),
      { numRuns: 25 },
    );
  });
});
