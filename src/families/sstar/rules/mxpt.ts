/**
 * U-Boot finds the MXP table only at the NOR offsets it probes (part_mxp.c `mxp_offset[]`:
 * MXP_PROBE_OFFSETS; the spec also lists 0x10000, which the published source does not probe),
 * and needs both magics in its first and last record; elsewhere it falls back to 0xC000.
 */
import { MXP_PROBE_OFFSETS } from '../../../codecs/mxp';
import type { Rule } from '../../../layout/family';
import { formatHex } from '../../../model/units';
import { problemOf } from './problem';

export const mxptProbedRule: Rule = {
  code: 'sstar-mxpt-offset',
  description: `U-Boot looks for the MXP table (the MXPT partition) only at ${MXP_PROBE_OFFSETS.map(formatHex).join(', ')}`,
  check(context) {
    const placed = context.placement.partitions.find((p) => p.partition.name === 'MXPT');
    if (!placed) return [problemOf(mxptProbedRule, 'error', [], 'there is no MXPT partition: U-Boot has no partition table to read (mxp t.load), so it finds no KERNEL')];
    if (MXP_PROBE_OFFSETS.includes(placed.start)) return [];
    const next = MXP_PROBE_OFFSETS.find((offset) => offset > placed.start);
    return [
      problemOf(
        mxptProbedRule,
        'error',
        [placed.partition.id],
        `MXPT is at ${formatHex(placed.start)}, where U-Boot does not look for the table; it would use 0xC000 and find no partitions`,
        next === undefined ? undefined : { label: `Move MXPT to ${formatHex(next)}`, edits: [{ target: 'partition', id: placed.partition.id, set: { offset: next } }] },
      ),
    ];
  },
};
