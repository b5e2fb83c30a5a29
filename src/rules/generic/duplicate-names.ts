import type { Rule } from '../../layout/family';
import { pushTo } from '../../model/collections';
import { type Problem, fixesOf } from '../../model/problem';
import { quoted, quotedList } from '../describe';

const description = 'Partition names (including the names of backup copies) are unique';

/** Names as tables see them: a partition with copies appears as IPL0, IPL1, ... */
export const duplicateNamesRule: Rule = {
  code: 'duplicate-name',
  description,
  check({ placement }) {
    const owners = new Map<string, string[]>();
    for (const placed of placement.partitions) {
      const names = placed.copies.length > 0 ? placed.copies.map((c) => c.name) : [placed.partition.name];
      for (const name of new Set(names)) pushTo(owners, name, placed.partition.id);
    }
    const taken = new Set(owners.keys());
    // The next suffix to try per base name, so that renaming 100,000 equal names stays linear.
    const nextSuffix = new Map<string, number>();
    const freeName = (base: string) => {
      let n = nextSuffix.get(base) ?? 2;
      while (taken.has(`${base}_${n}`)) n++;
      nextSuffix.set(base, n + 1);
      taken.add(`${base}_${n}`);
      return `${base}_${n}`;
    };
    const problems: Problem[] = [];
    for (const [name, ids] of owners) {
      if (ids.length < 2) continue;
      const renames = ids.slice(1).map((id) => ({ id, name: freeName(placement.byId.get(id)?.partition.name ?? name) }));
      problems.push({
        code: 'duplicate-name',
        severity: 'error',
        rule: description,
        partitionIds: ids,
        message: `${ids.length} partitions are named ${quoted(name)}`,
        fixes: fixesOf({
          label: `Rename to ${quotedList(renames.map((r) => r.name), 3)}`,
          edits: renames.map((r) => ({ target: 'partition' as const, id: r.id, set: { name: r.name } })),
        }),
      });
    }
    return problems;
  },
};
