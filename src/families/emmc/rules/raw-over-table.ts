/**
 * A raw bootloader (written at the SoC's offset, outside the table) must not cover the table's
 * own sectors: the MBR, the GPT header, the entry array or the backup. The i.MX 1 KiB offset lands
 * in the GPT entry array (LBA 2–33); the fix moves the array past the bootloader, as genimage's
 * gpt-location and sgdisk -j do. (The family leaves such a structure out of its reserved regions,
 * so this rule, with its fix, is the one that speaks.)
 */
import type { Rule } from '../../../layout/family';
import { type Fix, type Problem, fixesOf } from '../../../model/problem';
import { alignUp, formatHex, KiB } from '../../../model/units';
import { quoted, range } from '../../../rules/describe';
import { emmcOptions, tableArea } from '../disk';
import { overlapping, tableStructures, type TableStructure } from '../structures';
import { entryView } from './view';

const description = 'Raw bootloaders must not cover the MBR, the GPT header or its entry arrays';

/** Moves the entry array to the first 4 KiB boundary after the bootloader, if the array then ends before the first entry. */
function moveArrayFix(context: Parameters<Rule['check']>[0], structure: TableStructure, rawEnd: number): Fix | undefined {
  const target = alignUp(rawEnd, 4 * KiB);
  const arrayEnd = target + (structure.end - structure.start);
  const firstEntry = Math.min(...entryView(context).entries.map((placed) => placed.start));
  const rawsInTheWay = context.placement.partitions.some((p) => p.partition.raw && p.space === 'main' && overlapping(p, { start: target, end: arrayEnd }));
  if (arrayEnd > firstEntry || rawsInTheWay) return undefined;
  const options = emmcOptions(context.document);
  return {
    label: `Move the GPT entry array to ${formatHex(target)}, after the bootloader`,
    edits: [{ target: 'device', set: { emmc: { ...options, gpt: { ...options.gpt, entriesOffset: target } } } }],
  };
}

export const rawOverTableRule: Rule = {
  code: 'emmc-raw-over-table',
  description,
  check(context) {
    const area = tableArea(context.document);
    if (!area) return [];
    const structures = tableStructures(context.document);
    const problems: Problem[] = [];
    for (const placed of context.placement.partitions) {
      if (!placed.partition.raw || placed.space !== area.space || placed.size === 0) continue;
      for (const structure of structures) {
        if (!overlapping(placed, structure)) continue;
        const fix = structure.id === 'gpt-entries' ? moveArrayFix(context, structure, placed.end) : undefined;
        problems.push({
          code: 'emmc-raw-over-table',
          severity: 'error',
          rule: description,
          partitionIds: [placed.partition.id],
          message: `${quoted(placed.partition.name)} (${range(placed.start, placed.end)}) covers the ${structure.name} (${range(structure.start, structure.end)})${structure.id === 'gpt-entries' ? '; the entry array can move' : ''}`,
          fixes: fixesOf(fix),
        });
      }
    }
    return problems;
  },
};
