/** The geometry a family describes for placement: address spaces, reserved regions, alignments. */
import type { PartitionKind } from '../model/document';
import type { Severity } from '../model/problem';

/** One alignment a partition's offset or size must meet, and why. */
export interface AlignmentRequirement {
  of: 'offset' | 'size';
  value: number;
  severity: Severity;
  /** The rule behind it, in a few words ("erase block", "ESP-IDF app offset"). */
  reason: string;
}

/** A fixed region the family reserves (bootloader image, partition table sector, GPT headers). */
export interface ReservedRegion {
  id: string;
  name: string;
  space: string;
  start: number;
  end: number;
  kind: PartitionKind;
  description: string;
}

/** A named address space: the flash, or an eMMC user area / hardware partition. */
export interface AddressSpace {
  id: string;
  name: string;
  size: number;
}
