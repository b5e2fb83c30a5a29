/**
 * Where the boot ROM looks: on SPI-NOR it runs IPL from offset 0; on SPI-NAND it reads the CIS
 * (SNI and PNI) from block 0 and the copies writecis puts in blocks 0, 2, 4...
 */
import type { Rule, RuleContext } from '../../../layout/family';
import { formatHex } from '../../../model/units';
import { problemOf } from './problem';

function firstAt(context: RuleContext, name: string, rule: Rule, why: string) {
  const placed = context.placement.partitions.find((p) => p.areaId === 'boot' && p.partition.name === name);
  if (!placed) return [problemOf(rule, 'error', [], `there is no ${name} partition: ${why}`)];
  if (placed.start === 0) return [];
  const fix = placed.partition.offset !== 'auto' && context.document.partitions.find((p) => p.area === 'boot') === placed.partition ? { label: `Move ${name} to 0x0`, edits: [{ target: 'partition' as const, id: placed.partition.id, set: { offset: 0 } }] } : undefined;
  return [problemOf(rule, 'error', [placed.partition.id], `${name} is at ${formatHex(placed.start)}: ${why}`, fix)];
}

export const iplAtZeroRule: Rule = {
  code: 'sstar-ipl-at-zero',
  description: 'On SPI-NOR the boot ROM runs IPL from offset 0',
  check: (context) => firstAt(context, 'IPL', iplAtZeroRule, 'the boot ROM runs IPL from offset 0'),
};

export const cisAtZeroRule: Rule = {
  code: 'sstar-cis-at-zero',
  description: 'On SPI-NAND the boot ROM reads the CIS (flash info and PARTINFO.pni) from block 0',
  check: (context) => firstAt(context, 'CIS', cisAtZeroRule, 'the boot ROM reads the CIS from block 0'),
};
