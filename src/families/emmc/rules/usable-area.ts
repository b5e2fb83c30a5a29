/** GPT entries lie between the header's first and last usable sectors (sfdisk and the kernel refuse others). */
import type { Rule } from '../../../layout/family';
import { type Problem, fixesOf } from '../../../model/problem';
import { formatHex } from '../../../model/units';
import { quoted, range } from '../../../rules/describe';
import { emmcOptions, sectorSize } from '../disk';
import { gptUsableRange } from '../table';
import { entryView } from './view';

const description = 'GPT partitions lie inside the usable sectors the GPT header declares';

export const usableAreaRule: Rule = {
  code: 'emmc-usable-area',
  description,
  check(context) {
    const view = entryView(context);
    if (view.label !== 'gpt') return [];
    const { document } = context;
    const sector = sectorSize(document);
    let usable: ReturnType<typeof gptUsableRange>;
    try {
      usable = gptUsableRange(document);
    } catch {
      return [];
    }
    const first = usable.first * sector;
    const end = (usable.last + 1) * sector;
    const arrayEnd = usable.entriesLba * sector + Math.ceil((usable.entryCount * 128) / sector) * sector;
    return view.entries
      .filter((placed) => placed.start < first || placed.end > end)
      .map((placed): Problem => {
        const early = placed.start < first;
        // The first usable sector may come down to the end of the entry array, as sfdisk's first-lba allows.
        const fix =
          early && placed.start >= arrayEnd && placed.start % sector === 0
            ? {
                label: `Declare the usable sectors from ${formatHex(placed.start)} (first-lba ${placed.start / sector})`,
                edits: [{ target: 'device' as const, set: { emmc: { ...emmcOptions(document), gpt: { ...emmcOptions(document).gpt, usableStart: placed.start } } } }],
              }
            : undefined;
        return {
          code: 'emmc-usable-area',
          severity: 'error',
          rule: description,
          partitionIds: [placed.partition.id],
          message: `${quoted(placed.partition.name)} (${range(placed.start, placed.end)}) ${early ? `starts before the first usable byte ${formatHex(first)}` : `ends after the usable area, which ends at ${formatHex(end)}`}`,
          fixes: fixesOf(fix),
        };
      });
  },
};
