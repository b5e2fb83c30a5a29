/**
 * GPT unique GUIDs identify partitions (root=PARTUUID=…): no two entries, and not the disk, may
 * share one. The table also holds at most its entry count of partitions.
 */
import type { Rule } from '../../../layout/family';
import type { Problem } from '../../../model/problem';
import { quoted } from '../../../rules/describe';
import { diskGuidOf, partitionGuidOf } from '../derived-ids';
import { entryCount } from '../disk';
import { entryView } from './view';

const description = 'GPT partitions have unique GUIDs, distinct from the disk GUID, and fit the entry array';

export const uniqueGuidRule: Rule = {
  code: 'emmc-unique-guid',
  description,
  check(context) {
    const view = entryView(context);
    if (view.label !== 'gpt') return [];
    const { document } = context;
    const problems: Problem[] = [];
    const seen = new Map<string, string>();
    seen.set(diskGuidOf(document), 'the disk');
    for (const placed of view.entries) {
      const { partition } = placed;
      const guid = partitionGuidOf(document, partition);
      const owner = seen.get(guid);
      if (owner !== undefined) {
        problems.push({
          code: 'emmc-unique-guid',
          severity: 'error',
          rule: description,
          partitionIds: [partition.id],
          message: `${quoted(partition.name)} has the GUID ${guid}, already ${owner === 'the disk' ? 'the disk GUID' : `that of ${quoted(owner)}`}`,
          fixes: partition.gpt?.uuid ? [{ label: `Give ${quoted(partition.name)} a GUID of its own`, edits: [{ target: 'partition' as const, id: partition.id, set: { gpt: { ...partition.gpt, uuid: undefined } } }] }] : [],
        });
      } else seen.set(guid, partition.name);
    }
    const limit = entryCount(document);
    if (view.entries.length > limit) {
      problems.push({ code: 'emmc-unique-guid', severity: 'error', rule: description, fixes: [], partitionIds: view.entries.slice(limit).map((p) => p.partition.id), message: `${view.entries.length} partitions, but the GPT entry array holds ${limit}` });
    }
    return problems;
  },
};
