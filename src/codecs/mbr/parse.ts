/**
 * Reads a DOS partition table through random access to sectors: the four primary entries of
 * sector 0, then the EBR chain of the (first) extended partition, numbering logical partitions 5,
 * 6, … in chain order. Only LBA fields are used (CHS is ignored, as Linux does). A chain that loops,
 * leaves the extended partition, cannot be read or passes our limit stops there with a warning at
 * the byte offset of the bad link, so a hostile chain never hangs the reader.
 */
import { u32le } from '../bytes';
import { FormatError } from '../errors';
import {
  BOOT_SIGNATURE_OFFSET,
  DISK_SIGNATURE_OFFSET,
  ENTRIES_OFFSET,
  ENTRY_SIZE,
  isExtendedType,
  MAX_LOGICAL_PARTITIONS,
  MAX_MBR_SECTORS,
  MBR_BYTES,
  MBR_SECTOR_SIZES,
  PRIMARY_SLOTS,
  STATUS_BOOTABLE,
  type MbrPartition,
  type MbrTable,
  type MbrWarning,
  type SectorReader,
} from './records';

export interface MbrParseOptions {
  /** Bytes per sector (512 unless the disk says otherwise); the table uses the first 512 of each. */
  sectorSize?: number;
  /** When known, entries that end beyond it are reported. */
  diskSectors?: number;
}

export interface MbrParseResult {
  table: MbrTable;
  warnings: MbrWarning[];
}

interface RawEntry {
  status: number;
  type: number;
  start: number;
  sectors: number;
  /** Byte offset of the entry on the disk. */
  offset: number;
}

function entriesOf(sector: Uint8Array, sectorOffset: number): RawEntry[] {
  return Array.from({ length: PRIMARY_SLOTS }, (_, slot) => {
    const at = ENTRIES_OFFSET + slot * ENTRY_SIZE;
    return { status: sector[at], type: sector[at + 4], start: u32le(sector, at + 8), sectors: u32le(sector, at + 12), offset: sectorOffset + at };
  });
}

const hasBootSignature = (sector: Uint8Array) => sector[BOOT_SIGNATURE_OFFSET] === 0x55 && sector[BOOT_SIGNATURE_OFFSET + 1] === 0xaa;
const byte = (value: number) => `0x${value.toString(16).padStart(2, '0')}`;

class Reader {
  readonly warnings: MbrWarning[] = [];

  constructor(
    private readonly readSector: SectorReader,
    readonly sectorSize: number,
    private readonly diskSectors: number | undefined,
  ) {}

  sector(lba: number): Uint8Array | undefined {
    const sector = this.readSector(lba);
    return sector && sector.length >= MBR_BYTES ? sector : undefined;
  }

  warn(message: string, offset: number): void {
    this.warnings.push({ message, offset });
  }

  /** A used entry as a partition, with warnings for what a well-formed table never holds. */
  partition(raw: RawEntry, number: number, start: number, ebrLba?: number): MbrPartition {
    if (raw.status !== 0 && raw.status !== STATUS_BOOTABLE) this.warn(`partition ${number}: status ${byte(raw.status)} is neither 0x00 nor 0x80 (bootable)`, raw.offset);
    if (raw.type === 0) this.warn(`partition ${number}: type 0x00 marks an unused entry, but it has ${raw.sectors} sectors`, raw.offset + 4);
    const end = start + raw.sectors;
    if (end > MAX_MBR_SECTORS) this.warn(`partition ${number} ends at sector ${end - 1}, beyond the 2^32 sectors an MBR can address`, raw.offset + 12);
    else if (this.diskSectors !== undefined && end > this.diskSectors) this.warn(`partition ${number} (sectors ${start}..${end - 1}) ends beyond the disk's ${this.diskSectors} sectors`, raw.offset + 12);
    if (start === 0) this.warn(`partition ${number} starts at sector 0, over the MBR itself`, raw.offset + 8);
    const partition: MbrPartition = { number, bootable: raw.status === STATUS_BOOTABLE, type: raw.type, startLba: start, sectors: raw.sectors };
    if (ebrLba !== undefined) partition.ebrLba = ebrLba;
    return partition;
  }

  /**
   * The chain from the extended partition's first sector. Each EBR's data entry is the first used
   * non-extended entry, its link the first used extended one (as libfdisk reads them).
   */
  logicals(extended: MbrPartition, entryOffset: number): MbrPartition[] {
    const logicals: MbrPartition[] = [];
    const extendedEnd = extended.startLba + extended.sectors - 1;
    const visited = new Set<number>();
    let ebr = extended.startLba;
    let linkOffset = entryOffset + 8;
    if (ebr === 0) {
      this.warn('the extended partition starts at sector 0 (the MBR itself); its chain is not read', linkOffset);
      return logicals;
    }
    for (;;) {
      if (ebr < extended.startLba || ebr > extendedEnd) {
        this.warn(`the EBR chain links to sector ${ebr}, outside the extended partition ${extended.startLba}..${extendedEnd}; the chain stops there`, linkOffset);
        break;
      }
      if (visited.has(ebr)) {
        this.warn(`the EBR chain loops back to the EBR at sector ${ebr}; the chain stops there`, linkOffset);
        break;
      }
      if (logicals.length >= MAX_LOGICAL_PARTITIONS) {
        this.warn(`the EBR chain continues past ${MAX_LOGICAL_PARTITIONS} logical partitions; the rest is ignored`, linkOffset);
        break;
      }
      visited.add(ebr);
      const sectorOffset = ebr * this.sectorSize;
      const sector = this.sector(ebr);
      if (!sector) {
        this.warn(`the EBR at sector ${ebr} cannot be read (the image ends before it); the chain stops there`, linkOffset);
        break;
      }
      if (!hasBootSignature(sector)) {
        this.warn(`the EBR at sector ${ebr} lacks the 55 AA signature (found ${byte(sector[BOOT_SIGNATURE_OFFSET])} ${byte(sector[BOOT_SIGNATURE_OFFSET + 1])}); the chain stops there`, sectorOffset + BOOT_SIGNATURE_OFFSET);
        break;
      }
      const used = entriesOf(sector, sectorOffset).filter((entry) => entry.sectors !== 0);
      const links = used.filter((entry) => isExtendedType(entry.type));
      const data = used.filter((entry) => !isExtendedType(entry.type) && entry.type !== 0);
      if (links.length > 1) this.warn(`the EBR at sector ${ebr} has ${links.length} link entries; only the first is followed`, links[1].offset);
      if (data.length > 1) this.warn(`the EBR at sector ${ebr} describes ${data.length} partitions; only the first is read`, data[1].offset);
      if (data.length > 0) {
        const number = PRIMARY_SLOTS + 1 + logicals.length;
        const logical = this.partition(data[0], number, ebr + data[0].start, ebr);
        if (logical.startLba + logical.sectors - 1 > extendedEnd) this.warn(`partition ${number} extends past the extended partition's end ${extendedEnd}`, data[0].offset + 12);
        logicals.push(logical);
      }
      if (links.length === 0) break;
      ebr = extended.startLba + links[0].start;
      linkOffset = links[0].offset + 8;
    }
    return logicals;
  }
}

export function parseMbr(readSector: SectorReader, options: MbrParseOptions = {}): MbrParseResult {
  const { sectorSize = MBR_BYTES, diskSectors } = options;
  if (!MBR_SECTOR_SIZES.includes(sectorSize)) throw new FormatError(`sector size must be one of ${MBR_SECTOR_SIZES.join(', ')} bytes, found ${String(sectorSize)}`);
  const reader = new Reader(readSector, sectorSize, diskSectors);
  const mbr = reader.sector(0);
  if (!mbr) throw new FormatError(`an MBR needs ${MBR_BYTES} bytes at offset 0; the image is shorter`, { offset: 0 });
  if (!hasBootSignature(mbr)) {
    throw new FormatError(`not an MBR: expected the boot signature 55 AA at 0x1FE, found ${byte(mbr[BOOT_SIGNATURE_OFFSET])} ${byte(mbr[BOOT_SIGNATURE_OFFSET + 1])}`, { offset: BOOT_SIGNATURE_OFFSET });
  }
  const partitions: MbrPartition[] = [];
  let extended: { partition: MbrPartition; offset: number } | undefined;
  entriesOf(mbr, 0).forEach((raw, slot) => {
    if (raw.sectors === 0) return;
    const partition = reader.partition(raw, slot + 1, raw.start);
    partitions.push(partition);
    if (!isExtendedType(raw.type)) return;
    if (extended) reader.warn(`partition ${slot + 1} is a second extended partition; only partition ${extended.partition.number}'s chain is read`, raw.offset + 4);
    else extended = { partition, offset: raw.offset };
  });
  if (extended) partitions.push(...reader.logicals(extended.partition, extended.offset));
  return { table: { diskSignature: u32le(mbr, DISK_SIGNATURE_OFFSET), partitions }, warnings: reader.warnings };
}
