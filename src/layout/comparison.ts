/**
 * The vocabulary of comparing two layouts of one family (an update from OLD to NEW): how each
 * partition changes, whether its data survives, and what a family says about the device as a
 * whole and the commands that migrate it. The matching itself lives in src/compare/; the types
 * sit on this floor so that a family's `compare` hook can speak them.
 */
import type { LayoutDocument } from '../model/document';
import type { Placement } from './placement';

/** A byte range of one address space. */
export interface Extent {
  space: string;
  start: number;
  end: number;
}

/** One side of a match: where the partition is in that layout (its whole span, copies included). */
export interface ComparedPartition {
  id: string;
  name: string;
  kind: string;
  /** The area it is in (SigmaStar BOOT or SYS, eMMC boot0 or the user area). */
  area: string;
  space: string;
  start: number;
  /** The partition's size (one copy). */
  size: number;
  /** End of everything it occupies (all copies and spare blocks). */
  end: number;
}

export type ChangeKind = 'unchanged' | 'moved' | 'resized' | 'moved and resized' | 'added' | 'removed';

/** How a partition found its counterpart: the same name, the same role in the same order, or the same place. */
export type MatchBasis = 'name' | 'role' | 'position';

export type LossReason = 'removed' | 'shrunk' | 'reformatted' | 'overwritten';

export type DataVerdict =
  /** Same place, the same content type, not smaller: nothing to do (a grown filesystem may be grown). */
  | { kind: 'survives'; grown: boolean }
  /** It moves: `bytes` from `from` (old layout) to `to` (new layout) keep it. */
  | { kind: 'copy'; bytes: number; from: Extent; to: Extent }
  /** `by`: the partition of the new layout that takes its bytes (overwritten). */
  | { kind: 'lost'; reason: LossReason; by?: string }
  | { kind: 'new' };

export interface PartitionChange {
  old?: ComparedPartition;
  new?: ComparedPartition;
  matchedBy?: MatchBasis;
  change: ChangeKind;
  verdict: DataVerdict;
}

/** A volume inside a matched partition (a UBI volume), matched by name. */
export interface VolumeChange {
  partition: string;
  name: string;
  oldSize?: number;
  newSize?: number;
  change: 'unchanged' | 'resized' | 'added' | 'removed';
  verdict: 'survives' | 'lost' | 'new' | 'copy';
}

export interface ComparedLayout {
  document: LayoutDocument;
  placement: Placement;
}

export interface LayoutComparison {
  old: ComparedLayout;
  new: ComparedLayout;
  /** In the new layout's order, then the removed partitions in the old layout's order. */
  changes: PartitionChange[];
  volumes: VolumeChange[];
}

export interface DeviceCheck {
  label: string;
  ok: boolean;
  detail?: string;
}

export interface DeviceVerdict {
  /** The devices in the field can take the update without a full reflash (over the air, from U-Boot, in place). */
  inField: boolean;
  /** How the update is applied: "OTA update", "serial reflash", "programmer reflash", "[[x.es scripts", "table change in place"... */
  method: string;
  summary: string;
  checks: DeviceCheck[];
}

/** One step of a migration: commands in the family's own tools. */
export interface MigrationStep {
  title: string;
  commands: string[];
  /** It destroys bytes the old layout holds (or the table): a power cut here can brick or lose data. */
  unsafe: boolean;
  note?: string;
}

/** What a family adds to a comparison. */
export interface FamilyComparison {
  verdict: DeviceVerdict;
  steps: MigrationStep[];
  /** Ranges the family itself rewrites beside the partitions (its table sectors). */
  rewrite?: Extent[];
}
