/**
 * What an MBR can hold: four primary entries (the extended partition takes one), logical
 * partitions only inside the extended partition, each with room for its EBR before it, and 32-bit
 * LBAs (a disk over 2^32 sectors, 2 TiB with 512-byte sectors, needs GPT).
 */
import type { Rule } from '../../../layout/family';
import { type Fix, type Problem, fixesOf } from '../../../model/problem';
import { formatHex } from '../../../model/units';
import { quoted, quotedList, range } from '../../../rules/describe';
import { sectorSize } from '../disk';
import { logicalLayout } from '../table';
import { entryView } from './view';

const description = 'An MBR holds four primary entries, logical partitions inside its extended partition, and 2^32 sectors';
const MAX_SECTORS = 2 ** 32;

export const mbrLimitsRule: Rule = {
  code: 'emmc-mbr-limits',
  description,
  check(context) {
    const view = entryView(context);
    if (view.label !== 'mbr') return [];
    const { document } = context;
    const problems: Problem[] = [];
    const problem = (message: string, partitionIds: string[], fix?: Fix): Problem => ({ code: 'emmc-mbr-limits', severity: 'error', rule: description, partitionIds, message, fixes: fixesOf(fix) });
    const sector = sectorSize(document);
    if (document.device.size / sector > MAX_SECTORS) {
      problems.push(problem(`the user area has ${Math.floor(document.device.size / sector)} sectors; an MBR's 32-bit LBAs reach ${MAX_SECTORS} (${sector === 512 ? '2 TiB' : formatHex(MAX_SECTORS * sector)}): use GPT`, []));
    }
    const primaries = view.entries.filter((placed) => !placed.partition.mbr?.logical);
    const logicals = view.entries.filter((placed) => placed.partition.mbr?.logical);
    const slots = 4 - (logicals.length > 0 ? 1 : 0);
    if (primaries.length > slots) {
      const excess = primaries.slice(slots - (logicals.length > 0 ? 0 : 1));
      problems.push(
        problem(`${primaries.length} primary partitions${logicals.length ? ' and the extended partition' : ''} do not fit the MBR's four entries: ${quotedList(excess.map((p) => p.partition.name))} can become logical`, excess.map((p) => p.partition.id), {
          label: `Make ${quotedList(excess.map((p) => p.partition.name))} logical`,
          edits: excess.map((placed) => ({ target: 'partition' as const, id: placed.partition.id, set: { mbr: { type: placed.partition.mbr?.type ?? 0x83, ...placed.partition.mbr, logical: true } } })),
        }),
      );
    }
    for (const placed of view.entries) {
      if (placed.end / sector > MAX_SECTORS) problems.push(problem(`${quoted(placed.partition.name)} ends at ${formatHex(placed.end)}, past the 2^32 sectors an MBR addresses`, [placed.partition.id]));
      const type = placed.partition.mbr?.type;
      if (type === 0 || type === 0x05 || type === 0x0f || type === 0x85) problems.push(problem(`${quoted(placed.partition.name)} has type ${formatHex(type)}, which ${type === 0 ? 'marks an unused entry' : 'is the extended partition’s'}`, [placed.partition.id]));
    }
    if (logicals.length === 0) return problems;
    const { extended, ebrs } = logicalLayout(document, view.entries);
    if (!extended) return problems;
    const extendedEnd = extended.offset + extended.size;
    for (const placed of primaries) {
      if (placed.start < extendedEnd && extended.offset < placed.end) problems.push(problem(`${quoted(placed.partition.name)} is primary but lies in the extended partition (${range(extended.offset, extendedEnd)}): make it logical or move it`, [placed.partition.id]));
    }
    for (const placed of logicals) {
      const ebr = ebrs.get(placed.partition.id)!;
      if (placed.start < extended.offset || placed.end > extendedEnd) problems.push(problem(`${quoted(placed.partition.name)} (${range(placed.start, placed.end)}) is logical but outside the extended partition (${range(extended.offset, extendedEnd)})`, [placed.partition.id]));
      const onOther = view.entries.find((other) => other !== placed && ebr < other.end && other.start < ebr + sector);
      if (ebr >= placed.start || onOther) {
        problems.push(problem(`the EBR of ${quoted(placed.partition.name)} at ${formatHex(ebr)} ${ebr >= placed.start ? 'has no room before the partition' : `falls inside ${quoted(onOther!.partition.name)}`}: leave a free sector (sfdisk leaves one grain) before it`, [placed.partition.id]));
      }
    }
    return problems;
  },
};
