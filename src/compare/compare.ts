/**
 * Compares two layouts of one family (an update from OLD to NEW): matches their partitions,
 * says what happens to each one's data, which erase blocks the update rewrites, and asks the
 * family what it means for a fielded device and which commands migrate it.
 */
import { familyOf, validate } from '../families';
import type { DeviceVerdict, Extent, FamilyComparison, LayoutComparison, MigrationStep, PartitionChange, VolumeChange } from '../layout/comparison';
import { wholeBlocks } from '../layout/extents';
import type { FamilyId, LayoutDocument } from '../model/document';
import { matchPartitions } from './match';
import { changeOfPair, overwriterIndex } from './verdicts';
import { compareVolumes } from './volumes';

export interface ComparedSpace {
  id: string;
  name: string;
  oldSize?: number;
  newSize?: number;
}

/** The whole answer, as plain data (it crosses the worker boundary and is printed as JSON). */
export interface ComparisonReport {
  family: FamilyId;
  familyTitle: string;
  oldName: string;
  newName: string;
  spaces: ComparedSpace[];
  changes: PartitionChange[];
  volumes: VolumeChange[];
  /** Whole erase blocks the update writes or erases, merged per space. */
  rewrite: Extent[];
  eraseBlock: number;
  device: DeviceVerdict;
  /** Safe steps first, then the unsafe ones. */
  steps: MigrationStep[];
  /** Partitions and volumes whose data the update loses. */
  lost: number;
  /** Errors of each layout's own rules (a comparison of a broken layout is still made, and says so). */
  errors: { old: number; new: number };
}

export type CompareOutcome = { ok: true; report: ComparisonReport } | { ok: false; message: string };

/** What the generic verdicts say when the family has no check of its own. */
function genericVerdict(comparison: LayoutComparison): FamilyComparison {
  const lost = comparison.changes.filter((c) => c.verdict.kind === 'lost' && c.change !== 'removed').length;
  const copies = comparison.changes.filter((c) => c.verdict.kind === 'copy').length;
  const inField = lost === 0 && copies === 0;
  return {
    verdict: {
      inField,
      method: inField ? 'rewrite the changed partitions' : 'reflash',
      summary: inField ? 'No kept partition moves or shrinks: writing the changed partitions applies the update.' : 'Partitions move or shrink: reflash the device, or copy the moved partitions first.',
      checks: [
        { label: 'no kept partition moves', ok: copies === 0 },
        { label: 'no kept partition shrinks or changes its content', ok: lost === 0 },
      ],
    },
    steps: [],
  };
}

function rewrittenExtents(changes: readonly PartitionChange[]): Extent[] {
  const extents: Extent[] = [];
  for (const { old, new: next, verdict } of changes) {
    if (!next) {
      if (old) extents.push({ space: old.space, start: old.start, end: old.end });
    } else if (verdict.kind === 'survives') {
      if (verdict.grown && old && next.end > old.end) extents.push({ space: next.space, start: old.end, end: next.end });
    } else extents.push({ space: next.space, start: next.start, end: next.end });
  }
  return extents;
}

function errorCount(problems: ReadonlyArray<{ severity: string }>): number {
  return problems.filter((p) => p.severity === 'error').length;
}

export function compareLayouts(oldDocument: LayoutDocument, newDocument: LayoutDocument): CompareOutcome {
  const family = familyOf(newDocument);
  if (oldDocument.device.family !== newDocument.device.family) {
    return { ok: false, message: `the layouts are of different families (${familyOf(oldDocument).title} and ${family.title}): a device cannot be updated from one to the other` };
  }
  const oldChecked = validate(oldDocument);
  const newChecked = validate(newDocument);
  const old = { document: oldDocument, placement: oldChecked.placement };
  const next = { document: newDocument, placement: newChecked.placement };
  const overwriter = overwriterIndex(next.placement.partitions);
  const changes = matchPartitions(old.placement.partitions, next.placement.partitions).map((pair) => changeOfPair(pair, overwriter));
  const volumes = compareVolumes(changes, old.placement, next.placement);
  const comparison: LayoutComparison = { old, new: next, changes, volumes };
  const answer = family.compare?.(comparison) ?? genericVerdict(comparison);
  const geometry = newDocument.device.geometry;
  const eraseBlock = geometry.eraseBlock ?? geometry.sectorSize ?? 1;
  const spaceNames = new Map<string, ComparedSpace>();
  for (const space of old.placement.spaces) spaceNames.set(space.id, { id: space.id, name: space.name, oldSize: space.size });
  for (const space of next.placement.spaces) spaceNames.set(space.id, { ...(spaceNames.get(space.id) ?? { id: space.id }), name: space.name, newSize: space.size });
  const lost = changes.filter((c) => c.verdict.kind === 'lost').length + volumes.filter((v) => v.verdict === 'lost').length;
  return {
    ok: true,
    report: {
      family: family.id,
      familyTitle: family.title,
      oldName: oldDocument.name,
      newName: newDocument.name,
      spaces: [...spaceNames.values()],
      changes,
      volumes,
      rewrite: wholeBlocks([...rewrittenExtents(changes), ...(answer.rewrite ?? [])], eraseBlock),
      eraseBlock,
      device: answer.verdict,
      steps: [...answer.steps.filter((s) => !s.unsafe), ...answer.steps.filter((s) => s.unsafe)],
      lost,
      errors: { old: errorCount(oldChecked.problems), new: errorCount(newChecked.problems) },
    },
  };
}
