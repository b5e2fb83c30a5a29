/**
 * Places a dos script's partitions as sfdisk 2.38 does on an empty disk (libfdisk dos.c:
 * dos_add_partition, add_partition, add_logical and their free-space searches), quirks included:
 * a partition is primary while a slot and room outside the extended partition remain, logical
 * after that (or when its start lies in the extended partition, or its device number is 5 or
 * more); each EBR sits one "first LBA" (1 MiB) before its logical partition; a start below the
 * first LBA lowers it to 1 for the rest of the script; an unstated size runs to the last free
 * sector (not aligned); a size with a unit has its end aligned to the grain. Where sfdisk would
 * fail, silently drop the line or write a partition of no sectors, this is a FormatError at the
 * script line.
 */
import { FormatError } from '../errors';
import { alignInRange, alignmentRequired, grainFor, grainSectors, libfdiskFirstLba, type Alignment } from './align';
import type { RandomBytes } from '../guid';
import { amountSectors, isExplicitSectors } from './numbers';
import { partitionNumberOf } from './partname';
import type { SfdiskPartitionLine, SfdiskScript, SfdiskWarning } from './records';
import { isExtendedType, MAX_DOS_SECTORS, type SfdiskDosPartition, type SfdiskDosTable } from './tables';
import { DOS_LINUX } from './types';

export interface DosResolution {
  label: 'dos';
  table: SfdiskDosTable;
  warnings: SfdiskWarning[];
}

/** libfdisk's MAXIMUM_PARTS: 4 primary slots and 56 logical partitions. */
const MAXIMUM_PARTS = 60;
const UINT_MAX = 0xffffffff;

interface Pte {
  /** Absolute first sector. */
  start: number;
  size: number;
  type: number;
  bootable: boolean;
  /** The EBR of a logical partition (libfdisk's pe->offset); 0 for a primary. */
  offset: number;
}

class NoSpace extends Error {}

class DosPlacer {
  readonly primaries: Array<Pte | undefined> = [undefined, undefined, undefined, undefined];
  readonly logicals: Pte[] = [];
  private extIndex = -1;
  private steps = 0;

  constructor(
    private readonly alignment: Alignment,
    private readonly totalSectors: number,
    private readonly warnings: SfdiskWarning[],
  ) {}

  private get extended(): Pte | undefined {
    return this.extIndex >= 0 ? this.primaries[this.extIndex] : undefined;
  }

  private get extOffset(): number {
    return this.extended?.start ?? 0;
  }

  private get firstLba(): number {
    return this.alignment.firstLba;
  }

  /** A bound on the searches below (each pass moves forward, so a correct table never comes near it). */
  private step(): void {
    if (++this.steps > 1_000_000) throw new FormatError('sfdisk placement did not settle: the script is too convoluted to place');
  }

  /** The partitions a search sees: logical ones only, or all. */
  private ptes(logical: boolean): Pte[] {
    const primaries = this.primaries.filter((pte): pte is Pte => pte !== undefined);
    return logical ? this.logicals : [...primaries, ...this.logicals];
  }

  /** A logical partition's used area starts first-LBA sectors early: its EBR and the gap after it. */
  private usedStart(pte: Pte): number {
    return pte.offset ? pte.start - this.firstLba : pte.start;
  }

  private ranges(logical: boolean): { first: number; last: number } {
    if (logical) {
      const extended = this.extended!;
      return { first: extended.start + this.firstLba, last: extended.start + extended.size - 1 };
    }
    return { first: this.firstLba, last: Math.min(this.totalSectors - 1, UINT_MAX) };
  }

  private lastFreeInRange(logical: boolean, begin: number, end: number): number {
    let last = end;
    for (let moved = true; moved; ) {
      this.step();
      moved = false;
      for (const pte of this.ptes(logical)) {
        const start = this.usedStart(pte);
        if (last >= start && last <= pte.start + pte.size - 1) {
          last = start - 1;
          moved = true;
          if (last < begin) throw new NoSpace();
        }
      }
    }
    return last;
  }

  private firstFreeInRange(logical: boolean, begin: number, end: number): number {
    let first = begin;
    for (let moved = true; moved; ) {
      this.step();
      moved = false;
      for (const pte of this.ptes(logical)) {
        if (first < this.usedStart(pte)) continue;
        const last = pte.start + pte.size - 1;
        if (first <= last) {
          first = last + 1 + (logical ? this.firstLba : 0);
          moved = true;
          if (first > end) throw new NoSpace();
        }
      }
    }
    return first;
  }

  private firstFree(logical: boolean, start: number): number {
    return this.firstFreeInRange(logical, start, this.ranges(logical).last);
  }

  private lastFree(logical: boolean, begin: number, stop: number): number {
    let last = stop;
    for (const pte of this.ptes(logical)) {
      const start = this.usedStart(pte);
      const end = pte.start + pte.size - 1;
      if ((start >= begin && start <= last) || (end >= begin && end <= last)) last = start - 1;
      if (last < begin) throw new NoSpace();
    }
    return last === begin ? stop : last;
  }

  /** libfdisk add_partition for slot `n` (0–3 primary, 4… logical). */
  private add(n: number, line: SfdiskPartitionLine, sectorSize: number, fail: (message: string) => never): Pte {
    const logical = n >= 4;
    const type = typeof line.type === 'number' ? line.type : DOS_LINUX;
    const wantedStart = line.start ? amountSectors(line.start, sectorSize) : undefined;
    const wantedSize = line.size ? amountSectors(line.size, sectorSize) : undefined;
    const noSpace = () => fail('no free sectors are available for this partition');
    const guard = <T>(search: () => T): T => {
      try {
        return search();
      } catch (error) {
        if (error instanceof NoSpace) noSpace();
        throw error;
      }
    };

    let { first: start, last: stop } = this.ranges(logical);
    let limit = guard(() => this.lastFreeInRange(logical, start, stop));
    if (wantedStart !== undefined && wantedStart >= (logical ? this.extOffset : 1) && wantedStart < start) {
      this.alignment.firstLba = 1;
      ({ first: start, last: stop } = this.ranges(logical));
    }

    let read = false;
    let temp: number;
    do {
      this.step();
      temp = start;
      let dflt = guard(() => this.firstFree(logical, start));
      start = dflt;
      if (n >= 4 && wantedStart !== undefined && this.firstLba > 1 && temp === start - this.firstLba) {
        this.alignment.firstLba = 1;
        start = wantedStart;
      }
      for (;;) {
        this.step();
        const aligned = alignInRange(this.alignment, dflt, dflt, limit);
        try {
          dflt = this.firstFree(logical, aligned);
        } catch (error) {
          if (!(error instanceof NoSpace)) throw error;
        }
        if (!(dflt !== aligned && dflt > aligned && dflt < limit)) break;
      }
      if (dflt >= limit) dflt = start;
      if (start > limit) break;
      if (start >= temp + 1 && read) {
        temp = start;
        read = false;
        if (wantedStart !== undefined) break;
      }
      if (!read && start === temp) {
        if (wantedStart !== undefined) {
          if (wantedStart < temp || wantedStart > limit) fail(`start sector ${wantedStart} is out of range (${temp}..${limit})`);
          start = wantedStart;
        } else start = dflt;
        read = true;
      }
      if (wantedSize !== undefined) {
        const last = guard(() => this.lastFree(logical, start, limit));
        if (last - start + 1 < wantedSize) {
          if (wantedStart !== undefined && wantedStart <= last) noSpace();
          start = last + 1;
        }
      }
    } while (start !== temp || !read);

    let offset = 0;
    if (n === 4) offset = this.extOffset;
    else if (n > 4) {
      offset = start - this.firstLba;
      if (offset === this.extOffset) {
        offset++;
        if (this.firstLba === 1) start++;
      }
    }

    limit = guard(() => this.lastFree(logical, start, limit));
    let end: number;
    let relative = false;
    if (start === limit || wantedSize === undefined) end = limit;
    else {
      end = start + wantedSize;
      relative = !isExplicitSectors(line.size!);
      if ((!relative || !alignmentRequired(this.alignment)) && end > start) end -= 1;
    }
    // A size with a unit ends one sector past a free area it fills exactly; sfdisk cuts it there.
    if (end > limit) end = limit;
    if (relative && end - start < grainSectors(this.alignment)) relative = false;
    if (end < limit && relative && alignmentRequired(this.alignment)) {
      end = alignInRange(this.alignment, end, start, limit);
      if (end > start) end -= 1;
      if (end > limit) end = limit;
    }
    if (end < start || start > UINT_MAX) fail(`cannot create the partition: no room at sector ${start}`);
    return { start, size: end - start + 1, type, bootable: line.bootable === true, offset };
  }

  private unusedPrimary(slot: number | undefined, fail: (message: string) => never): number {
    if (slot !== undefined) {
      if (slot >= 4 || this.primaries[slot]) fail(`primary partition ${slot + 1} is not available`);
      return slot;
    }
    const free = this.primaries.findIndex((pte) => pte === undefined);
    if (free < 0) fail('all four primary partitions are in use');
    return free;
  }

  private addPrimary(slot: number, line: SfdiskPartitionLine, sectorSize: number, fail: (message: string) => never): void {
    const pte = this.add(slot, line, sectorSize, fail);
    this.primaries[slot] = pte;
    if (isExtendedType(pte.type)) this.extIndex = slot;
  }

  private addLogical(line: SfdiskPartitionLine, sectorSize: number, fail: (message: string) => never): void {
    const pte = this.add(4 + this.logicals.length, line, sectorSize, fail);
    if (isExtendedType(pte.type)) fail('a logical partition cannot be extended; the extended partition already exists');
    this.logicals.push(pte);
  }

  /** libfdisk dos_add_partition: decides primary or logical, then places. */
  addPartition(line: SfdiskPartitionLine, sectorSize: number): void {
    const fail = (message: string): never => {
      throw new FormatError(message, { line: line.line });
    };
    if (4 + this.logicals.length >= MAXIMUM_PARTS) fail(`sfdisk creates at most ${MAXIMUM_PARTS} partitions on a dos label`);
    const extended = this.extended;
    const wantsExtended = typeof line.type === 'number' && isExtendedType(line.type);
    const number = line.device === undefined ? undefined : partitionNumberOf(line.device);
    const slot = number === undefined ? undefined : number - 1;
    const start = line.start ? amountSectors(line.start, sectorSize) : undefined;

    if (start !== undefined && extended && start >= extended.start && start <= extended.start + extended.size - 1) {
      if (slot !== undefined && slot < 4) fail(`partition ${number} is primary, but its start ${start} lies in the extended partition`);
      return this.addLogical(line, sectorSize, fail);
    }
    if (start !== undefined && extended) {
      if (slot !== undefined && slot >= 4) fail(`partition ${number} is logical, but its start ${start} lies outside the extended partition`);
      if (wantsExtended) fail('the extended partition already exists');
      return this.addPrimary(this.unusedPrimary(slot, fail), line, sectorSize, fail);
    }
    if (slot !== undefined && slot < 4) {
      if (extended && wantsExtended) fail('the extended partition already exists');
      return this.addPrimary(this.unusedPrimary(slot, fail), line, sectorSize, fail);
    }
    if (slot !== undefined) {
      if (!extended) fail(`partition ${number} is logical, but there is no extended partition`);
      if (slot !== 4 + this.logicals.length) {
        this.warnings.push({ message: `sfdisk numbers logical partitions in order: this one becomes ${5 + this.logicals.length}, not ${number}`, line: line.line });
      }
      return this.addLogical(line, sectorSize, fail);
    }

    const grain = this.alignment.grain > this.alignment.sectorSize ? grainSectors(this.alignment) : 1;
    let first = this.firstLba;
    let freePrimary = 0;
    let freeSectors = false;
    for (const pte of this.primaries) {
      if (!pte) {
        freePrimary++;
        continue;
      }
      if (first + grain <= pte.start) freeSectors = true;
      first = pte.start + pte.size;
    }
    if (first + grain - 1 <= this.totalSectors - 1) freeSectors = true;
    if (freePrimary > 0 && freeSectors) {
      // sfdisk would write a second extended partition here, which no reader follows.
      if (extended && wantsExtended) fail('the extended partition already exists; an MBR holds one');
      return this.addPrimary(this.unusedPrimary(undefined, fail), line, sectorSize, fail);
    }
    if (!extended) {
      fail(freePrimary > 0 ? 'all space for primary partitions is in use' : 'all four primary partitions are in use: make one of them extended (type=Ex) to hold more');
    }
    if (start !== undefined) fail(freePrimary > 0 ? 'all space for primary partitions is in use' : 'all four primary partitions are in use');
    this.addLogical(line, sectorSize, fail);
  }
}

function checkDisk(diskSectors: number, script: SfdiskScript): void {
  if (diskSectors > MAX_DOS_SECTORS) {
    throw new FormatError(`a disk of ${diskSectors} sectors cannot be described by an MBR, whose 32-bit LBAs reach ${MAX_DOS_SECTORS} sectors: use label: gpt`, {
      line: script.headerLines?.label,
    });
  }
}

export function resolveDos(script: SfdiskScript, sectorSize: number, diskSectors: number, random: RandomBytes | undefined, warnings: SfdiskWarning[]): DosResolution {
  checkDisk(diskSectors, script);
  const alignment: Alignment = { sectorSize, grain: grainFor(sectorSize, diskSectors, script.grain), firstLba: libfdiskFirstLba(sectorSize, diskSectors) };
  let diskSignature: number;
  if (typeof script.labelId === 'number') diskSignature = script.labelId;
  else {
    if (!random) throw new FormatError('label-id is not given and no random source was supplied to make one', { line: script.headerLines?.label });
    const bytes = random(4);
    diskSignature = bytes[0] + bytes[1] * 0x100 + bytes[2] * 0x10000 + bytes[3] * 0x1000000;
  }
  const placer = new DosPlacer(alignment, diskSectors, warnings);
  for (const line of script.partitions) {
    if (line.start?.value === 0 && line.size?.value === 0) {
      warnings.push({ message: 'start=0 and size=0: sfdisk ignores this partition', line: line.line });
      continue;
    }
    placer.addPartition(line, sectorSize);
  }
  const partitions: SfdiskDosPartition[] = [];
  placer.primaries.forEach((pte, slot) => {
    if (pte) partitions.push({ number: slot + 1, bootable: pte.bootable, type: pte.type, startLba: pte.start, sectors: pte.size });
  });
  placer.logicals.forEach((pte, index) => {
    partitions.push({ number: 5 + index, bootable: pte.bootable, type: pte.type, startLba: pte.start, sectors: pte.size, ebrLba: pte.offset });
  });
  return { label: 'dos', table: { diskSignature, partitions }, warnings };
}
