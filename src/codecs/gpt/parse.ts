/**
 * Reads a GPT through random access to sectors (a 16 GiB image is never read whole). Both headers
 * are checked (signature, CRCs, MyLBA/AlternateLBA, where the array lies); a broken primary falls
 * back to the backup with a warning, and a table with neither copy intact is a FormatError at the
 * primary's first bad field. Claimed sizes are bounded before anything is read.
 */
import { hasAscii, u32le } from '../bytes';
import { crc32 } from '../crc32';
import { FormatError } from '../errors';
import { readEntry } from './entry';
import { checkHeader } from './header';
import { arraySectors, GPT_ENTRY_SIZE, GPT_SIGNATURE, maxDiskSectors, type GptHeader, type GptPartition, type GptTable, type GptWarning } from './records';

/** The sector at `lba`, or undefined (or a short array) past the end of the image. */
export type SectorReader = (lba: number) => Uint8Array | undefined;

export interface GptParseOptions {
  /**
   * Logical sector size. When omitted, `readSector` must return 512-byte units, `diskSectors`
   * counts those units, and the size (512 or 4096) is detected from where "EFI PART" is.
   */
  sectorSize?: number;
  diskSectors: number;
}

export interface GptParseResult {
  table: GptTable & { firstUsableLba: number; lastUsableLba: number };
  sectorSize: number;
  diskSectors: number;
  /** The headers that passed their checks. */
  primary?: GptHeader;
  backup?: GptHeader;
  /** Which copy the table was read from. */
  source: 'primary' | 'backup';
  /** What sector 0 holds: only the 0xEE entry, 0xEE and others, or no 0xEE entry. */
  mbr: 'protective' | 'hybrid' | 'none';
  warnings: GptWarning[];
}

const UNIT = 512;

interface Disk {
  sectorSize: number;
  diskSectors: number;
  read: (lba: number) => Uint8Array | undefined;
}

function fullSector(sector: Uint8Array | undefined, size: number): Uint8Array | undefined {
  return sector && sector.length >= size ? sector : undefined;
}

/** A reader of `size`-byte sectors built from 512-byte units. */
function fromUnits(readUnit: SectorReader, size: number): (lba: number) => Uint8Array | undefined {
  const per = size / UNIT;
  return (lba) => {
    const sector = new Uint8Array(size);
    for (let i = 0; i < per; i++) {
      const unit = fullSector(readUnit(lba * per + i), UNIT);
      if (!unit) return undefined;
      sector.set(unit.subarray(0, UNIT), i * UNIT);
    }
    return sector;
  };
}

function signatureAt(readUnit: SectorReader, unit: number): boolean {
  const sector = unit >= 0 ? readUnit(unit) : undefined;
  return sector !== undefined && hasAscii(sector, 0, GPT_SIGNATURE);
}

/** 512 or 4096: where a header (primary, else backup) carries its signature. */
function detectDisk(readUnit: SectorReader, units: number): Disk {
  const candidates = [UNIT, 4096].map((size) => ({ size, per: size / UNIT, sectors: Math.floor(units / (size / UNIT)) }));
  const found =
    candidates.find(({ per }) => signatureAt(readUnit, per)) ?? candidates.find(({ per, sectors }) => sectors > 2 && signatureAt(readUnit, (sectors - 1) * per));
  if (!found) {
    throw new FormatError('no GPT header: expected "EFI PART" at 0x200 (512-byte sectors) or 0x1000 (4096-byte sectors), or a backup header in the last sector', { offset: UNIT });
  }
  return { sectorSize: found.size, diskSectors: found.sectors, read: found.size === UNIT ? readUnit : fromUnits(readUnit, found.size) };
}

function openDisk(readSector: SectorReader, options: GptParseOptions): Disk {
  const { sectorSize, diskSectors } = options;
  if (!Number.isSafeInteger(diskSectors) || diskSectors < 0) throw new FormatError(`disk size must be a whole number of sectors, found ${String(diskSectors)}`);
  if (sectorSize === undefined) return detectDisk(readSector, diskSectors);
  if (![512, 1024, 2048, 4096].includes(sectorSize)) throw new FormatError(`sector size must be 512, 1024, 2048 or 4096 bytes, found ${String(sectorSize)}`);
  if (diskSectors > maxDiskSectors(sectorSize)) throw new FormatError(`a disk of ${diskSectors} sectors of ${sectorSize} bytes is larger than 2^53 - 1 bytes`);
  return { sectorSize, diskSectors, read: readSector };
}

type Copy = { ok: true; header: GptHeader; partitions: GptPartition[]; warnings: GptWarning[] } | { ok: false; problem: GptWarning };

/** A header and its array, checked; entries are decoded only when the array CRC matches. */
function readCopy(disk: Disk, lba: number, role: 'primary' | 'backup'): Copy {
  const { sectorSize, diskSectors } = disk;
  const offset = lba * sectorSize;
  if (lba < 1 || lba >= diskSectors) return { ok: false, problem: { message: `${role} GPT header: LBA ${lba} is outside the disk`, offset } };
  const sector = fullSector(disk.read(lba), sectorSize);
  if (!sector) return { ok: false, problem: { message: `${role} GPT header: sector ${lba} cannot be read (the image ends before it)`, offset } };
  const checked = checkHeader(sector, lba, sectorSize, diskSectors, role);
  if (!checked.ok) return checked;
  const { header } = checked;

  const length = header.numberOfPartitionEntries * GPT_ENTRY_SIZE;
  const array = new Uint8Array(arraySectors(header.numberOfPartitionEntries, sectorSize) * sectorSize);
  for (let i = 0; i * sectorSize < length; i++) {
    const part = fullSector(disk.read(header.partitionEntryLba + i), sectorSize);
    if (!part) return { ok: false, problem: { message: `${role} GPT entry array: sector ${header.partitionEntryLba + i} cannot be read`, offset: (header.partitionEntryLba + i) * sectorSize } };
    array.set(part.subarray(0, sectorSize), i * sectorSize);
  }
  const computed = crc32(array, 0, length);
  if (computed !== header.partitionEntryArrayCrc32) {
    return {
      ok: false,
      problem: { message: `${role} GPT header (LBA ${lba}): PartitionEntryArrayCRC32 is 0x${header.partitionEntryArrayCrc32.toString(16)}, the array gives 0x${computed.toString(16)}`, offset: offset + 88 },
    };
  }
  const warnings = [...checked.warnings];
  const partitions: GptPartition[] = [];
  const arrayOffset = header.partitionEntryLba * sectorSize;
  for (let i = 0; i < header.numberOfPartitionEntries; i++) {
    const entry = readEntry(array, i * GPT_ENTRY_SIZE, i + 1, arrayOffset + i * GPT_ENTRY_SIZE, warnings);
    if (entry) partitions.push(entry);
  }
  return { ok: true, header, partitions, warnings };
}

function classifyMbr(disk: Disk, warnings: GptWarning[]): GptParseResult['mbr'] {
  const sector = fullSector(disk.read(0), UNIT);
  if (!sector || sector[510] !== 0x55 || sector[511] !== 0xaa) {
    warnings.push({ message: 'sector 0 has no MBR boot signature (55 AA): the protective MBR is missing', offset: 510 });
    return 'none';
  }
  const types: number[] = [];
  for (let i = 0; i < 4; i++) {
    const at = 0x1be + 16 * i;
    if (u32le(sector, at + 12) !== 0 || sector[at + 4] !== 0) types.push(sector[at + 4]);
  }
  if (!types.includes(0xee)) {
    warnings.push({ message: 'the MBR has no 0xEE (GPT protective) entry: tools that read MBRs first may ignore the GPT', offset: 0x1be });
    return 'none';
  }
  return types.length === 1 ? 'protective' : 'hybrid';
}

const SAME_FIELDS = ['diskGuid', 'firstUsableLba', 'lastUsableLba', 'numberOfPartitionEntries', 'partitionEntryArrayCrc32'] as const;

function compareCopies(primary: GptHeader, backup: GptHeader, sectorSize: number, warnings: GptWarning[]): void {
  for (const field of SAME_FIELDS) {
    if (primary[field] !== backup[field]) {
      warnings.push({ message: `the GPT headers disagree on ${field}: primary ${String(primary[field])}, backup ${String(backup[field])}`, offset: backup.myLba * sectorSize });
    }
  }
  if (backup.alternateLba !== 1) warnings.push({ message: `backup GPT header: AlternateLBA is ${backup.alternateLba}, expected 1`, offset: backup.myLba * sectorSize + 32 });
}

function checkEntries(partitions: readonly GptPartition[], header: GptHeader, sectorSize: number, warnings: GptWarning[]): void {
  const entryOffset = (number: number) => header.partitionEntryLba * sectorSize + (number - 1) * GPT_ENTRY_SIZE;
  for (const p of partitions) {
    if (p.firstLba > p.lastLba) warnings.push({ message: `partition ${p.number}: StartingLBA ${p.firstLba} is after EndingLBA ${p.lastLba}`, offset: entryOffset(p.number) + 32 });
    else if (p.firstLba < header.firstUsableLba || p.lastLba > header.lastUsableLba) {
      warnings.push({ message: `partition ${p.number} (${p.firstLba}..${p.lastLba}) lies outside the usable sectors ${header.firstUsableLba}..${header.lastUsableLba}`, offset: entryOffset(p.number) + 32 });
    }
  }
  const sorted = partitions.filter((p) => p.firstLba <= p.lastLba).sort((a, b) => a.firstLba - b.firstLba);
  for (let i = 1; i < sorted.length; i++) {
    const [before, after] = [sorted[i - 1], sorted[i]];
    if (after.firstLba <= before.lastLba) warnings.push({ message: `partitions ${before.number} and ${after.number} overlap (${after.firstLba} <= ${before.lastLba})`, offset: entryOffset(after.number) + 32 });
  }
}

export function parseGpt(readSector: SectorReader, options: GptParseOptions): GptParseResult {
  const disk = openDisk(readSector, options);
  const { sectorSize, diskSectors } = disk;
  const warnings: GptWarning[] = [];
  const mbr = classifyMbr(disk, warnings);
  const lastLba = diskSectors - 1;

  const primary = readCopy(disk, 1, 'primary');
  const backupLba = primary.ok && primary.header.alternateLba > 1 ? primary.header.alternateLba : lastLba;
  const backup = readCopy(disk, backupLba, 'backup');
  if (!primary.ok && !backup.ok) {
    throw new FormatError(`${primary.problem.message}; the backup is no better: ${backup.problem.message}`, { offset: primary.problem.offset });
  }
  const chosen = (primary.ok ? primary : backup) as Extract<Copy, { ok: true }>;
  if (primary.ok) {
    if (primary.header.alternateLba !== lastLba) {
      warnings.push({ message: `primary GPT header: AlternateLBA is ${primary.header.alternateLba}, but the last sector is ${lastLba} (was the image resized?)`, offset: sectorSize + 32 });
    }
    if (backup.ok) compareCopies(primary.header, backup.header, sectorSize, warnings);
    else warnings.push(backup.problem);
  } else {
    warnings.push(primary.problem, { message: `the table was read from the backup GPT header at LBA ${backupLba}`, offset: backupLba * sectorSize });
  }
  warnings.push(...chosen.warnings);
  checkEntries(chosen.partitions, chosen.header, sectorSize, warnings);
  return {
    table: { diskGuid: chosen.header.diskGuid, firstUsableLba: chosen.header.firstUsableLba, lastUsableLba: chosen.header.lastUsableLba, partitions: chosen.partitions },
    sectorSize,
    diskSectors,
    primary: primary.ok ? primary.header : undefined,
    backup: backup.ok ? backup.header : undefined,
    source: primary.ok ? 'primary' : 'backup',
    mbr,
    warnings,
  };
}
