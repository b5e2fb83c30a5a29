/**
 * What the layout engine asks of a device family: its defaults, address spaces, alignment rules,
 * fixed regions, palette and extra rules. Each family implements this in its own folder under
 * src/families/; the UI and the engine ask the family, nothing switches on the family id.
 */
import type { Area, Device, FamilyId, Filesystem, Geometry, LayoutDocument, Partition, PartitionKind, Volume } from '../model/document';
import type { RuleOf } from '../model/problem';
import type { UbiFlash } from '../codecs/ubi';
import type { FamilyComparison, LayoutComparison } from './comparison';
import type { Placement, VolumeCapacity } from './placement';
import type { AddressSpace, AlignmentRequirement, ReservedRegion } from './regions';

/** What every rule looks at: the document, where its partitions landed, and its family. */
export interface RuleContext {
  document: LayoutDocument;
  placement: Placement;
  family: Family;
}

export type Rule = RuleOf<RuleContext>;

/** A kind of partition the user can add from the palette. */
export interface PartitionTemplate {
  label: string;
  /** The new partition's fields; given the layout, its next free name and subtype (ota_0, ota_1, …). */
  make(document?: LayoutDocument): Omit<Partition, 'id' | 'area' | 'offset'>;
  /** Why the layout cannot take another one (ESP32: a second factory app), or undefined. */
  unavailable?(document: LayoutDocument): string | undefined;
}

/** Which device settings matter for a family, so the settings form shows those and no others. */
export interface DeviceSettings {
  /** Geometry fields that change the rules of this family. */
  geometry: Array<keyof Geometry>;
  /** eMMC hardware boot partitions (boot0/boot1) have sizes of their own. */
  bootPartitions: boolean;
  /** ESP-IDF options: chip, table offset, MD5 row, secure boot; the size is a flash-size choice. */
  esp32: boolean;
  /**
   * SigmaStar options: on NOR the mxpgenerator variant; on NAND the geometry as pnigenerator
   * takes it (page, spare, pages per block, block count; the block and device sizes follow) and
   * the CIS copies.
   */
  sstar?: 'nor' | 'nand';
}

/** Bytes to write at an offset of an address space; what lies between pieces is a hole. */
export interface BytePiece {
  offset: number;
  bytes: Uint8Array;
}

/**
 * The boot-only image a family offers (SigmaStar one-bin boot.bin, eMMC boot0, ESP32 merged
 * image): bytes [start, end) of one space; `end: 'data'` stops after the last byte written (as
 * `esptool merge_bin` does).
 */
export interface BootImageRange {
  space: string;
  start: number;
  end: number | 'data';
  fileName: string;
  title: string;
}

/** A layout-wide choice a family offers (eMMC: where the boot firmware lives, MBR or GPT), shown as one select. */
export interface FamilyChoice {
  id: string;
  label: string;
  options(document: LayoutDocument): Array<{ value: string; label: string }>;
  value(document: LayoutDocument): string;
  /** The document with the choice made: one undoable step. */
  apply(document: LayoutDocument, value: string): LayoutDocument;
  /** What the current value implies, in a few words. */
  hint?(document: LayoutDocument): string | undefined;
}

export interface Family {
  id: FamilyId;
  title: string;
  /** A sensible empty device of this family. */
  defaultDevice(): Device;
  defaultAreas(device: Device): Area[];
  spaces(device: Device): AddressSpace[];
  /** Requirements on the partition's offset and size, strictest offset requirement first. */
  alignments(partition: Partition, document: LayoutDocument): AlignmentRequirement[];
  reservedRegions(document: LayoutDocument): ReservedRegion[];
  /** Rules this family adds to the generic ones. */
  rules: Rule[];
  palette: PartitionTemplate[];
  /** The partition kinds and filesystems this family can hold, when not every one (the form offers only these). */
  kinds?: readonly PartitionKind[];
  filesystems?: readonly Filesystem[];
  deviceSettings: DeviceSettings;
  /** Keeps derived parts of a document consistent after a device edit (e.g. ESP32 table offset). */
  normalize?(document: LayoutDocument): LayoutDocument;
  /** Whether the user may add partitions in this area (all areas unless the family says no). */
  acceptsNewPartitions?(area: Area): boolean;
  /** What the volumes of a partition of `size` bytes can use; without it volumes share the bytes as they are. */
  volumeCapacity?(partition: Partition, size: number, document: LayoutDocument): VolumeCapacity | undefined;
  /** A volume the user can add to a partition that holds volumes. */
  volumeTemplate?(partition: Partition): Omit<Volume, 'id'> | undefined;
  /** How UBI sits on the flash (PEB, min. I/O unit; undefined until the geometry says), so an image can build a UBI partition from its volumes' files. */
  ubiFlash?(document: LayoutDocument): UbiFlash | undefined;
  /** The bytes the family itself writes into a space (its partition tables), for image builders. */
  imagePieces?(document: LayoutDocument, space: string): BytePiece[];
  /** The value of a byte nobody wrote: 0xFF for erased NOR and NAND, 0x00 (the default) for eMMC/SD. */
  imageFill?: number;
  /** The boot-only image, when the family has one. */
  bootImage?(document: LayoutDocument): BootImageRange | undefined;
  /** Layout-wide choices the settings panel offers. */
  choices?: FamilyChoice[];
  /**
   * The smallest device the family offers whose main space holds `end` bytes (an ESP32 flash-size
   * choice, the next SPI-NOR chip size), for a fix that grows the device; undefined when none does.
   */
  largerDevice?(device: Device, end: number): Device | undefined;
  /** What an update from one layout to another means for a fielded device, and the commands that migrate it. */
  compare?(comparison: LayoutComparison): FamilyComparison;
}

/** The document with the family's derived parts made consistent (unchanged when it has no rule). */
export function normalizedFor(family: Family, document: LayoutDocument): LayoutDocument {
  return family.normalize ? family.normalize(document) : document;
}

export function areaAcceptsPartitions(family: Family, area: Area): boolean {
  return family.acceptsNewPartitions?.(area) ?? true;
}

/** The name of copy `index` of a partition with backup copies: IPL → IPL0, IPL1, IPL2. */
export function copyName(partition: Pick<Partition, 'name' | 'copies'>, index: number): string {
  return partition.copies ? `${partition.name}${index}` : partition.name;
}

/** The family's requirements plus the partition's own alignment, if it sets one. */
export function alignmentRequirements(family: Family, partition: Partition, document: LayoutDocument): AlignmentRequirement[] {
  const requirements = family.alignments(partition, document);
  if (partition.align) {
    requirements.push({ of: 'offset', value: partition.align, severity: 'error', reason: 'alignment set on the partition' });
  }
  return requirements;
}
