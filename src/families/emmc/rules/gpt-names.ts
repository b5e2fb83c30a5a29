/** A GPT entry stores 36 UTF-16 code units of name (sfdisk silently cuts longer ones). */
import type { Rule } from '../../../layout/family';
import type { Problem } from '../../../model/problem';
import { cutText, quoted } from '../../../rules/describe';
import { entryView } from './view';

const description = 'GPT partition names are at most 36 UTF-16 code units, without NUL characters';
const NAME_UNITS = 36;

export const gptNameRule: Rule = {
  code: 'emmc-gpt-name',
  description,
  check(context) {
    const view = entryView(context);
    if (view.label !== 'gpt') return [];
    return view.entries
      .filter((placed) => placed.partition.name.length > NAME_UNITS || placed.partition.name.includes('\0'))
      .map((placed): Problem => {
        const { partition } = placed;
        const name = cutText(partition.name.replace(/\0/g, ''), NAME_UNITS);
        return {
          code: 'emmc-gpt-name',
          severity: 'error',
          rule: description,
          partitionIds: [partition.id],
          message: partition.name.includes('\0') ? `${quoted(partition.name)} contains a NUL character, which ends a GPT name` : `${quoted(partition.name)} is ${partition.name.length} UTF-16 code units; a GPT entry holds ${NAME_UNITS}`,
          fixes: name !== '' ? [{ label: `Rename to ${quoted(name)}`, edits: [{ target: 'partition' as const, id: partition.id, set: { name } }] }] : [],
        };
      });
  },
};
