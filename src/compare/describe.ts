/** A comparison in words: each verdict as one phrase, and the whole report as text (the CLI, the copy button). */
import type { DataVerdict, PartitionChange, VolumeChange } from '../layout/comparison';
import { formatHex, formatHuman } from '../model/units';
import { formatTable } from '../formats/text-table';
import type { ComparisonReport } from './compare';

const LOSS_WORDS = { removed: 'removed', shrunk: 'shrunk', reformatted: 'its content type changes', overwritten: 'overwritten' } as const;

export function verdictText(verdict: DataVerdict): string {
  switch (verdict.kind) {
    case 'survives':
      return verdict.grown ? 'survives (grows)' : 'survives';
    case 'copy':
      return `survives only if copied: ${formatHex(verdict.bytes)} bytes from ${formatHex(verdict.from.start)} to ${formatHex(verdict.to.start)}`;
    case 'lost':
      return `lost: ${LOSS_WORDS[verdict.reason]}${verdict.by ? ` by ${verdict.by}` : ''}`;
    case 'new':
      return 'new';
  }
}

export function volumeVerdictText(volume: VolumeChange): string {
  return volume.verdict === 'copy' ? 'survives if its partition is copied' : volume.verdict;
}

function extentText(side: PartitionChange['old']): string {
  return side ? `${formatHex(side.start)}-${formatHex(side.end)} (${formatHuman(side.size)})` : '-';
}

/** The report as people read it: partitions, volumes, the device verdict, the migration. */
export function reportText(report: ComparisonReport): string {
  const out: string[] = [];
  out.push(`${report.oldName} → ${report.newName} (${report.familyTitle})\n`);
  if (report.errors.old + report.errors.new > 0) out.push(`note: the old layout has ${report.errors.old} error(s), the new one ${report.errors.new}: run flashmap validate\n`);
  out.push('\n' + formatTable(['PARTITION', 'CHANGE', 'OLD', 'NEW', 'DATA'], report.changes.map((c) => [(c.new ?? c.old)!.name + (c.matchedBy === 'role' && c.old && c.new && c.old.name !== c.new.name ? ` (was ${c.old.name})` : ''), c.change, extentText(c.old), extentText(c.new), verdictText(c.verdict)])));
  if (report.volumes.length > 0) {
    out.push('\n' + formatTable(['VOLUME', 'IN', 'CHANGE', 'OLD SIZE', 'NEW SIZE', 'DATA'], report.volumes.map((v) => [v.name, v.partition, v.change, v.oldSize === undefined ? '-' : formatHuman(v.oldSize), v.newSize === undefined ? '-' : formatHuman(v.newSize), volumeVerdictText(v)])));
  }
  out.push(`\nDevice: ${report.device.method}${report.device.inField ? '' : ' (not a field update)'}\n${report.device.summary}\n`);
  for (const check of report.device.checks) out.push(`  [${check.ok ? 'x' : ' '}] ${check.label}${check.detail ? `: ${check.detail}` : ''}\n`);
  if (report.rewrite.length > 0) out.push(`\nRewritten (whole ${formatHuman(report.eraseBlock)} blocks): ${report.rewrite.map((r) => `${r.space === 'main' ? '' : `${r.space}:`}${formatHex(r.start)}-${formatHex(r.end)}`).join(', ')}\n`);
  if (report.steps.length > 0) out.push(`\nMigration:\n${migrationText(report)}`);
  out.push(`\n${report.lost === 0 ? 'No data is lost.' : `${report.lost} partition(s) or volume(s) lose their data.`}\n`);
  return out.join('');
}

/** The migration as a shell-style script: each step a comment (UNSAFE marked), then its commands. */
export function migrationText(report: ComparisonReport): string {
  return report.steps
    .map((step, index) => [`# ${index + 1}. ${step.unsafe ? 'UNSAFE: ' : ''}${step.title}${step.note ? ` (${step.note})` : ''}`, ...step.commands].join('\n'))
    .join('\n\n') + '\n';
}
