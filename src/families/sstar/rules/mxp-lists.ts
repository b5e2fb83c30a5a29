/**
 * What mxpgenerator can write: every partition right after the previous one from 0 (its lists
 * have no offsets), at most 30 records with the BOOT record it adds, names of at most 15
 * printable characters without blanks, commas or parentheses (U-Boot compares them as C strings
 * in 16 bytes).
 */
import { MXP_MAX_RECORDS, MXP_NAME_MAX } from '../../../codecs/mxp';
import type { Rule } from '../../../layout/family';
import { quoted } from '../../../rules/describe';
import { formatHex } from '../../../model/units';
import { mxpEntries } from '../mxp-entries';
import { problemOf } from './problem';

export const mxpContiguousRule: Rule = {
  code: 'sstar-mxp-contiguous',
  description: 'mxpgenerator places each partition right after the previous one: the table has no offsets',
  check(context) {
    // One problem where the shift begins (a gap, an explicit offset): the partitions after it move with it.
    let shift = 0;
    const problems = [];
    const byId = new Map(context.document.partitions.map((p) => [p.id, p]));
    for (const entry of mxpEntries(context.document, context.placement)) {
      const delta = entry.start - entry.toolStart;
      if (delta === shift) continue;
      shift = delta;
      if (delta === 0) continue;
      const partition = byId.get(entry.partitionId)!;
      const fix = partition.offset !== 'auto' ? { label: `Place ${partition.name} after the previous partition (${formatHex(entry.toolStart)})`, edits: [{ target: 'partition' as const, id: partition.id, set: { offset: 'auto' as const } }] } : undefined;
      problems.push(
        problemOf(mxpContiguousRule, 'error', [partition.id], `${quoted(entry.name)} is at ${formatHex(entry.start)}, but MXP_SF.bin would put it at ${formatHex(entry.toolStart)}, right after the partition before it`, fix),
      );
    }
    return problems;
  },
};

export const mxpRecordLimitRule: Rule = {
  code: 'sstar-mxp-records',
  description: `An MXP table holds ${MXP_MAX_RECORDS} records, the BOOT record mxpgenerator adds among them`,
  check(context) {
    const entries = mxpEntries(context.document, context.placement);
    if (entries.length + 1 <= MXP_MAX_RECORDS) return [];
    const over = entries.slice(MXP_MAX_RECORDS - 1);
    return [problemOf(mxpRecordLimitRule, 'error', [...new Set(over.map((entry) => entry.partitionId))], `${entries.length} partitions and the BOOT record make ${entries.length + 1} records; MXP_SF.bin holds ${MXP_MAX_RECORDS}`)];
  },
};

/** Printable ASCII without blanks, commas or parentheses: what the list grammar and U-Boot's C strings take. */
const writable = (name: string) => /^[\x21-\x7e]+$/.test(name) && !/[(),]/.test(name);

export const mxpNamesRule: Rule = {
  code: 'sstar-mxp-name',
  description: `An MXP record name is at most ${MXP_NAME_MAX} printable characters, without blanks, commas or parentheses`,
  check(context) {
    const byId = new Map(context.document.partitions.map((p) => [p.id, p]));
    return mxpEntries(context.document, context.placement).flatMap((entry) => {
      const partition = byId.get(entry.partitionId)!;
      if (!writable(entry.name)) return [problemOf(mxpNamesRule, 'error', [partition.id], `${quoted(entry.name)} cannot be written to mxpgenerator's lists: use printable ASCII without blanks, commas or parentheses`)];
      if (entry.name.length <= MXP_NAME_MAX) return [];
      const short = partition.name.slice(0, MXP_NAME_MAX - (entry.name.length - partition.name.length));
      return [
        problemOf(mxpNamesRule, 'error', [partition.id], `${quoted(entry.name)} is ${entry.name.length} characters; the MXP record holds ${MXP_NAME_MAX} and a NUL`, short === '' ? undefined : { label: `Rename to ${quoted(short)}`, edits: [{ target: 'partition', id: partition.id, set: { name: short } }] }),
      ];
    });
  },
};
