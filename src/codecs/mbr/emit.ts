/**
 * Writes a DOS partition table as sfdisk does: sector 0 (boot code zero, disk signature, four
 * entries, 55 AA) and one EBR per logical partition, each as a piece the caller places. In an EBR
 * the first entry is the logical partition (start relative to that EBR) and the second links to
 * the next EBR (start relative to the extended partition, type 0x05, size up to the end of the
 * next logical partition). An extended partition without logical partitions still gets an empty
 * EBR, as sfdisk writes one.
 */
import { putU32le } from '../bytes';
import { FormatError } from '../errors';
import { chsBytes } from './chs';
import {
  BOOT_SIGNATURE_OFFSET,
  DISK_SIGNATURE_OFFSET,
  ENTRIES_OFFSET,
  ENTRY_SIZE,
  isExtendedType,
  MAX_LOGICAL_PARTITIONS,
  MAX_MBR_SECTORS,
  MBR_SECTOR_SIZES,
  PRIMARY_SLOTS,
  STATUS_BOOTABLE,
  type MbrPartition,
  type MbrPiece,
  type MbrTable,
} from './records';

export interface MbrEmitOptions {
  sectorSize: number;
  diskSectors: number;
}

const LINK_TYPE = 0x05;

interface Entry {
  bootable: boolean;
  type: number;
  /** Absolute first and last sector (for CHS). */
  first: number;
  last: number;
  /** The stored start, relative to the sector the entry is relative to. */
  relativeStart: number;
}

function writeEntry(sector: Uint8Array, slot: number, entry: Entry): void {
  const at = ENTRIES_OFFSET + slot * ENTRY_SIZE;
  sector[at] = entry.bootable ? STATUS_BOOTABLE : 0;
  sector.set(chsBytes(entry.first), at + 1);
  sector[at + 4] = entry.type;
  sector.set(chsBytes(entry.last), at + 5);
  putU32le(sector, at + 8, entry.relativeStart, 'start LBA');
  putU32le(sector, at + 12, entry.last - entry.first + 1, 'sector count');
}

function blankSector(sectorSize: number): Uint8Array {
  const sector = new Uint8Array(sectorSize);
  sector[BOOT_SIGNATURE_OFFSET] = 0x55;
  sector[BOOT_SIGNATURE_OFFSET + 1] = 0xaa;
  return sector;
}

const lastOf = (p: MbrPartition) => p.startLba + p.sectors - 1;
const label = (p: MbrPartition) => `partition ${p.number}`;

function checkOptions({ sectorSize, diskSectors }: MbrEmitOptions): void {
  if (!MBR_SECTOR_SIZES.includes(sectorSize)) throw new FormatError(`sector size must be one of ${MBR_SECTOR_SIZES.join(', ')} bytes, found ${String(sectorSize)}`);
  if (!Number.isSafeInteger(diskSectors) || diskSectors < 1) throw new FormatError(`disk size must be a whole number of sectors, found ${String(diskSectors)}`);
  if (diskSectors > MAX_MBR_SECTORS) {
    throw new FormatError(`a disk of ${diskSectors} sectors cannot be described by an MBR, whose 32-bit LBAs reach ${MAX_MBR_SECTORS} sectors (2 TiB with 512-byte sectors): use GPT`);
  }
}

function checkPartition(p: MbrPartition, diskSectors: number): void {
  if (!Number.isInteger(p.type) || p.type < 1 || p.type > 0xff) throw new FormatError(`${label(p)}: type must be a byte from 0x01 to 0xFF (0 marks an unused entry), found ${String(p.type)}`);
  if (!Number.isSafeInteger(p.startLba) || !Number.isSafeInteger(p.sectors) || p.startLba < 1 || p.sectors < 1) {
    throw new FormatError(`${label(p)}: expected a start of at least LBA 1 and at least one sector, found start ${String(p.startLba)}, ${String(p.sectors)} sectors`);
  }
  if (lastOf(p) >= diskSectors) throw new FormatError(`${label(p)} (sectors ${p.startLba}..${lastOf(p)}) ends beyond the disk's ${diskSectors} sectors`);
}

function checkNoOverlap(extents: ReadonlyArray<{ first: number; last: number; what: string }>): void {
  const sorted = [...extents].sort((a, b) => a.first - b.first);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].first <= sorted[i - 1].last) throw new FormatError(`${sorted[i - 1].what} (${sorted[i - 1].first}..${sorted[i - 1].last}) and ${sorted[i].what} (${sorted[i].first}..${sorted[i].last}) overlap`);
  }
}

/** Splits and checks the table: primaries by slot, the extended partition, logicals in chain order. */
function layout(table: MbrTable, diskSectors: number): { primaries: MbrPartition[]; extended?: MbrPartition; logicals: MbrPartition[] } {
  if (!Number.isInteger(table.diskSignature) || table.diskSignature < 0 || table.diskSignature > 0xffffffff) {
    throw new FormatError(`disk signature must be a 32-bit number, found ${String(table.diskSignature)}`);
  }
  for (const p of table.partitions) {
    if (!Number.isInteger(p.number) || p.number < 1) throw new FormatError(`partition number ${String(p.number)}: partitions are numbered from 1 (1–4 primary, 5… logical)`);
  }
  const primaries = table.partitions.filter((p) => p.number <= PRIMARY_SLOTS);
  const logicals = table.partitions.filter((p) => p.number > PRIMARY_SLOTS).sort((a, b) => a.number - b.number);
  const slots = new Set<number>();
  for (const p of primaries) {
    if (slots.has(p.number)) throw new FormatError(`${label(p)} is given twice`);
    slots.add(p.number);
    checkPartition(p, diskSectors);
  }
  const extendeds = primaries.filter((p) => isExtendedType(p.type));
  if (extendeds.length > 1) throw new FormatError(`partitions ${extendeds.map((p) => p.number).join(' and ')} are both extended; an MBR has at most one`);
  checkNoOverlap(primaries.map((p) => ({ first: p.startLba, last: lastOf(p), what: label(p) })));
  const extended = extendeds[0];

  if (logicals.length > MAX_LOGICAL_PARTITIONS) throw new FormatError(`${logicals.length} logical partitions: at most ${MAX_LOGICAL_PARTITIONS} are supported`);
  if (logicals.length > 0 && !extended) throw new FormatError(`${label(logicals[0])} is logical, but no primary partition is extended (type 0x05, 0x0F or 0x85)`);
  logicals.forEach((p, index) => {
    if (p.number !== PRIMARY_SLOTS + 1 + index) throw new FormatError(`logical partitions are numbered 5, 6, … in chain order: expected ${PRIMARY_SLOTS + 1 + index}, found ${String(p.number)}`);
    checkPartition(p, diskSectors);
    if (isExtendedType(p.type)) throw new FormatError(`${label(p)}: a logical partition cannot have the extended type 0x${p.type.toString(16)}`);
  });
  if (!extended) return { primaries, logicals };

  const extendedLast = lastOf(extended);
  logicals.forEach((p, index) => {
    const ebr = p.ebrLba ?? (index === 0 ? extended.startLba : undefined);
    if (ebr === undefined) throw new FormatError(`${label(p)}: the LBA of its EBR (ebrLba) is missing`);
    if (index === 0 && ebr !== extended.startLba) throw new FormatError(`${label(p)}: the first EBR must be the extended partition's first sector ${extended.startLba}, found ${ebr}`);
    if (!Number.isSafeInteger(ebr) || ebr < extended.startLba || ebr >= p.startLba) {
      throw new FormatError(`${label(p)}: its EBR at ${String(ebr)} must lie in the extended partition (from ${extended.startLba}) before the partition's start ${p.startLba}`);
    }
    if (lastOf(p) > extendedLast) throw new FormatError(`${label(p)} (sectors ${p.startLba}..${lastOf(p)}) extends past the extended partition's end ${extendedLast}`);
  });
  // Each EBR is one sector; it need not sit right before its partition (sfdisk may chain back and forth).
  checkNoOverlap(
    logicals.flatMap((p, index) => {
      const ebr = p.ebrLba ?? (index === 0 ? extended.startLba : p.startLba);
      return [
        { first: ebr, last: ebr, what: `the EBR of ${label(p)}` },
        { first: p.startLba, last: lastOf(p), what: label(p) },
      ];
    }),
  );
  return { primaries, extended, logicals };
}

/** Sector 0 and the EBRs, in that order. */
export function emitMbr(table: MbrTable, options: MbrEmitOptions): MbrPiece[] {
  checkOptions(options);
  const { sectorSize, diskSectors } = options;
  const { primaries, extended, logicals } = layout(table, diskSectors);

  const mbr = blankSector(sectorSize);
  putU32le(mbr, DISK_SIGNATURE_OFFSET, table.diskSignature, 'disk signature');
  for (const p of primaries) writeEntry(mbr, p.number - 1, { bootable: p.bootable, type: p.type, first: p.startLba, last: lastOf(p), relativeStart: p.startLba });
  const pieces: MbrPiece[] = [{ offset: 0, bytes: mbr }];
  if (!extended) return pieces;
  if (logicals.length === 0) return [...pieces, { offset: extended.startLba * sectorSize, bytes: blankSector(sectorSize) }];

  const ebrOf = (index: number) => logicals[index].ebrLba ?? extended.startLba;
  logicals.forEach((p, index) => {
    const ebr = ebrOf(index);
    const sector = blankSector(sectorSize);
    writeEntry(sector, 0, { bootable: p.bootable, type: p.type, first: p.startLba, last: lastOf(p), relativeStart: p.startLba - ebr });
    const next = logicals[index + 1];
    if (next) {
      const nextEbr = ebrOf(index + 1);
      writeEntry(sector, 1, { bootable: false, type: LINK_TYPE, first: nextEbr, last: lastOf(next), relativeStart: nextEbr - extended.startLba });
    }
    pieces.push({ offset: ebr * sectorSize, bytes: sector });
  });
  return pieces;
}
