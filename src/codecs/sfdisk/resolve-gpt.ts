/**
 * Places a gpt script's partitions as sfdisk 2.38 does on an empty disk (libfdisk gpt.c:
 * count_first_last_lba, gpt_add_partition). A partition without a start goes to the start of the
 * largest free area, aligned; one without a size fills its free area, and if that area reaches the
 * last usable sector its end is aligned down to the grain (minus one sector). A size given with a
 * unit has its end aligned to the grain; a size in sectors is exact. Where sfdisk would fail
 * (a start already used, an end past the usable area, overlapping partitions) this is a
 * FormatError at the script line.
 */
import { FormatError } from '../errors';
import { alignInRange, alignmentRequired, grainFor, grainSectors, libfdiskFirstLba, type Alignment } from './align';
import { FreeSpace } from './free-space';
import { randomGuid, type RandomBytes } from '../guid';
import { amountSectors, isExplicitSectors } from './numbers';
import { partitionNumberOf } from './partname';
import type { SfdiskPartitionLine, SfdiskScript, SfdiskWarning } from './records';
import { arraySectors, DEFAULT_TABLE_LENGTH, GPT_NAME_CHARACTERS, type SfdiskGptPartition, type SfdiskGptTable } from './tables';
import { GPT_LINUX } from './types';

export interface GptResolution {
  label: 'gpt';
  table: SfdiskGptTable;
  /** NumberOfPartitionEntries (table-length). */
  entryCount: number;
  warnings: SfdiskWarning[];
}

interface Context {
  script: SfdiskScript;
  sectorSize: number;
  diskSectors: number;
  random?: RandomBytes;
  warnings: SfdiskWarning[];
}

const at = (line: number | undefined) => ({ line });

function needRandom(context: Context, what: string, line: number | undefined): RandomBytes {
  if (!context.random) throw new FormatError(`${what} is not given and no random source was supplied to make one`, at(line));
  return context.random;
}

/** First and last usable LBA and the entry count, as count_first_last_lba computes them. */
function usableRange(context: Context): { first: number; last: number; entryCount: number } {
  const { script, sectorSize, diskSectors } = context;
  const lines = script.headerLines ?? {};
  let entryCount = script.tableLength ?? DEFAULT_TABLE_LENGTH;
  // libfdisk shrinks the array until the table fits a small disk.
  const fits = (count: number) => diskSectors - 2 - arraySectors(count, sectorSize) >= 2 + arraySectors(count, sectorSize);
  while (entryCount > 0 && !fits(entryCount)) entryCount--;
  if (entryCount === 0) throw new FormatError(`a disk of ${diskSectors} sectors is too small for a GPT`, at(lines['table-length'] ?? lines.label));
  if (script.tableLength !== undefined && entryCount !== script.tableLength) {
    context.warnings.push({ message: `table-length ${script.tableLength} does not fit the disk; sfdisk uses ${entryCount}`, line: lines['table-length'] });
  }
  const sectors = arraySectors(entryCount, sectorSize);
  const lowest = sectors + 2;
  const highest = diskSectors - 2 - sectors;
  const { firstLba, lastLba } = script;
  if (firstLba !== undefined && (firstLba < lowest || firstLba > highest)) {
    throw new FormatError(`first-lba ${firstLba} is out of range: the usable sectors of this disk are ${lowest}..${highest}`, at(lines['first-lba']));
  }
  if (lastLba !== undefined && (lastLba < lowest || lastLba > highest)) {
    throw new FormatError(`last-lba ${lastLba} is out of range: the usable sectors of this disk are ${lowest}..${highest}`, at(lines['last-lba']));
  }
  const last = lastLba ?? highest;
  const topology = libfdiskFirstLba(sectorSize, diskSectors);
  const first = firstLba ?? (lowest < topology && topology < last ? topology : lowest);
  if (first > last) throw new FormatError(`first-lba ${first} is after last-lba ${last}`, at(lines['first-lba'] ?? lines['last-lba']));
  return { first, last, entryCount };
}

/** sfdisk converts names to UCS-2 and keeps at most 36 characters. */
function storedName(name: string, context: Context, line: number | undefined): string {
  const characters = Array.from(name);
  if (characters.some((char) => char.length > 1)) {
    throw new FormatError(`name ${JSON.stringify(name.slice(0, 40))}: sfdisk cannot store characters beyond U+FFFF (it would leave the name empty)`, at(line));
  }
  if (characters.length <= GPT_NAME_CHARACTERS) return name;
  context.warnings.push({ message: `name is ${characters.length} characters long; sfdisk keeps the first ${GPT_NAME_CHARACTERS}`, line });
  return characters.slice(0, GPT_NAME_CHARACTERS).join('');
}

export function resolveGpt(script: SfdiskScript, sectorSize: number, diskSectors: number, random: RandomBytes | undefined, warnings: SfdiskWarning[]): GptResolution {
  const context: Context = { script, sectorSize, diskSectors, random, warnings };
  const { first, last, entryCount } = usableRange(context);
  const alignment: Alignment = {
    sectorSize,
    grain: grainFor(sectorSize, diskSectors, script.grain),
    firstLba: Math.max(libfdiskFirstLba(sectorSize, diskSectors), first),
  };
  const grain = grainSectors(alignment);
  const diskGuid = typeof script.labelId === 'string' ? script.labelId : randomGuid(needRandom(context, 'label-id', script.headerLines?.label));
  const free = new FreeSpace(first, last);
  const slots: Array<SfdiskGptPartition | undefined> = new Array(entryCount).fill(undefined);
  let used = 0;

  const place = (line: SfdiskPartitionLine): SfdiskGptPartition => {
    const where = at(line.line);
    const wanted = line.device === undefined ? undefined : partitionNumberOf(line.device);
    let number: number;
    if (wanted !== undefined) {
      if (wanted > entryCount) throw new FormatError(`partition ${wanted} is beyond the table's ${entryCount} entries`, where);
      if (slots[wanted - 1]) throw new FormatError(`partition ${wanted} is already defined`, where);
      number = wanted;
    } else {
      number = slots.findIndex((slot) => slot === undefined) + 1;
    }
    if (used >= entryCount || number === 0) throw new FormatError(`all ${entryCount} partition entries are in use`, where);
    if (free.isEmpty()) throw new FormatError('no free sectors are left for this partition', where);

    const largest = free.largest()!;
    const hasStart = line.start !== undefined;
    if (!hasStart && largest.last - largest.first + 1 < grain) {
      throw new FormatError(`not enough free sectors: the largest free area (${largest.first}..${largest.last}) is smaller than the ${grain}-sector grain`, where);
    }
    let firstLba: number;
    if (line.start) {
      firstLba = amountSectors(line.start, sectorSize);
      if (free.firstAvailable(firstLba) !== firstLba) throw new FormatError(`start sector ${firstLba} is already used or outside the usable sectors ${first}..${last}`, where);
    } else {
      firstLba = alignInRange(alignment, largest.first, largest.first, largest.last);
    }
    const maxLast = free.gapAt(firstLba)!.last;
    let defaultLast = maxLast;
    if (maxLast === last) defaultLast = alignInRange(alignment, maxLast, firstLba, maxLast) - 1;
    let lastLba: number;
    if (!line.size) lastLba = defaultLast;
    else {
      lastLba = firstLba + amountSectors(line.size, sectorSize) - 1;
      if (lastLba !== defaultLast && !isExplicitSectors(line.size) && alignmentRequired(alignment) && lastLba - firstLba > grain) {
        lastLba = alignInRange(alignment, lastLba, firstLba, defaultLast);
        if (lastLba > firstLba) lastLba -= 1;
      }
    }
    if (firstLba > lastLba) throw new FormatError(`cannot create partition ${number}: it would end (${lastLba}) before it starts (${firstLba})`, where);
    if (lastLba > last) throw new FormatError(`partition ${number} would end at ${lastLba}, past the last usable sector ${last}`, where);
    if (!free.isFree(firstLba, lastLba)) throw new FormatError(`partition ${number} (${firstLba}..${lastLba}) overlaps another partition`, where);
    free.take(firstLba, lastLba);

    return {
      number,
      typeGuid: typeof line.type === 'string' ? line.type : GPT_LINUX,
      uniqueGuid: line.uuid ?? randomGuid(needRandom(context, `the uuid of partition ${number}`, line.line)),
      firstLba,
      lastLba,
      attributes: line.attributes ?? 0n,
      name: line.name === undefined ? '' : storedName(line.name, context, line.line),
    };
  };

  for (const line of script.partitions) {
    if (line.start?.value === 0 && line.size?.value === 0) {
      warnings.push({ message: 'start=0 and size=0: sfdisk ignores this partition', line: line.line });
      continue;
    }
    const partition = place(line);
    slots[partition.number - 1] = partition;
    used++;
  }
  const partitions = slots.filter((slot): slot is SfdiskGptPartition => slot !== undefined);
  return { label: 'gpt', table: { diskGuid, firstUsableLba: first, lastUsableLba: last, partitions }, entryCount, warnings };
}
