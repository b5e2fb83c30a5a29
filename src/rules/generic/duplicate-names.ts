import { quoted } from '../describe';
import type { Problem } from '../../model/problem';
import type { Rule } from '../../layout/family';

const description = 'Partition names (including the names of backup copies) are unique';

/** Names as tables see them: a partition with copies appears as IPL0, IPL1, ... */
export const duplicateNamesRule: Rule = {
  code: 'duplicate-name',
  description,
  check({ placement }) {
    const owners = new Map<string, string[]>();
    for (const placed of placement.partitions) {
      const names = placed.copies.length > 0 ? placed.copies.map((c) => c.name) : [placed.partition.name];
      for (const name of new Set(names)) owners.set(name, [...(owners.get(name) ?? []), placed.partition.id]);
    }
    const taken = new Set(owners.keys());
    const problems: Problem[] = [];
    for (const [name, ids] of owners) {
      if (ids.length < 2) continue;
      const renames = ids.slice(1).map((id) => {
        const base = placement.byId.get(id)?.partition.name ?? name;
        let n = 2;
        while (taken.has(`${base}_${n}`)) n++;
        taken.add(`${base}_${n}`);
        return { id, name: `${base}_${n}` };
      });
      problems.push({
        code: 'duplicate-name',
        severity: 'error',
        rule: description,
        partitionIds: ids,
        message: `${ids.length} partitions are named ${quoted(name)}`,
        fix: {
          label: `Rename to ${renames.map((r) => quoted(r.name)).join(', ')}`,
          edits: renames.map((r) => ({ target: 'partition' as const, id: r.id, set: { name: r.name } })),
        },
      });
    }
    return problems;
  },
};
