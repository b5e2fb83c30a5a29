/**
 * What pnigenerator and U-Boot make of the SPI-NAND tables: at most 62 records (-t and -y
 * together); BOOT-area names that map to a type the ROM and U-Boot know (an unknown name is
 * 0xF000, hidden and logical, which U-Boot leaves out of mtdparts); the tool's own limits on each
 * list, checked by running its grammar over the lists the layout stands for.
 */
import { FormatError } from '../../../codecs/errors';
import { parsePniArgs, pniFromArgs, pniTypeCode, PNI_MAX_RECORDS, PNI_TYPE_UNKNOWN } from '../../../codecs/pni';
import type { Rule } from '../../../layout/family';
import { quoted, quotedList } from '../../../rules/describe';
import { documentPniArgv } from '../pni-bridge';
import { pniEntries } from '../pni-entries';
import { problemOf } from './problem';

export const pniRecordLimitRule: Rule = {
  code: 'sstar-pni-records',
  description: `pnigenerator holds ${PNI_MAX_RECORDS} records, the BOOT and SYS lists together`,
  check(context) {
    const entries = pniEntries(context.document, context.placement);
    if (entries.length <= PNI_MAX_RECORDS) return [];
    const over = entries.slice(PNI_MAX_RECORDS);
    return [problemOf(pniRecordLimitRule, 'error', [...new Set(over.map((e) => e.partitionId))], `${entries.length} entries; pnigenerator stops at record ${PNI_MAX_RECORDS + 1}`)];
  },
};

/** The names pnigenerator gives a type, for the message: IPL0..IPL2 and the like. */
const KNOWN_HINT = 'CIS, IPL0-IPL2, IPL_CUST0-IPL_CUST2, UBOOT0/UBOOT1, ENV/ENV0/ENV1, KEY_CUST, LOGO, KERNEL, RECOVERY, rootfs, UBI...';

export const pniNamesRule: Rule = {
  code: 'sstar-pni-name',
  description: 'Names in the BOOT area are ones pnigenerator gives a type (IPL0, IPL_CUST0, UBOOT0, ENV...): an unknown name is hidden from mtdparts',
  check(context) {
    const unknown = new Map<string, string[]>();
    for (const entry of pniEntries(context.document, context.placement)) {
      if (entry.list !== 'BOOT' || pniTypeCode(entry.name) !== PNI_TYPE_UNKNOWN) continue;
      unknown.set(entry.partitionId, [...(unknown.get(entry.partitionId) ?? []), entry.name]);
    }
    const byId = new Map(context.document.partitions.map((p) => [p.id, p]));
    return [...unknown.entries()].map(([id, names]) => {
      const partition = byId.get(id)!;
      const withCopies = !partition.copies && pniTypeCode(`${partition.name}0`) !== PNI_TYPE_UNKNOWN;
      return problemOf(
        pniNamesRule,
        'error',
        [id],
        `${quotedList(names)} ${names.length === 1 ? 'is' : 'are'} not a name pnigenerator knows (${KNOWN_HINT}): its type would be 0xF000, hidden, so U-Boot leaves it out of mtdparts and Linux never sees it`,
        withCopies ? { label: `Make ${quoted(partition.name)} one copy (${partition.name}0)`, edits: [{ target: 'partition', id, set: { copies: { count: 1, spareBlocks: 0 } } }] } : undefined,
      );
    });
  },
};

export const pniListsRule: Rule = {
  code: 'sstar-pni-lists',
  description: "The -t and -y lists are ones pnigenerator reads as they are (its 50-character entries, 30-character names, 16-bit fields)",
  check(context) {
    try {
      pniFromArgs(parsePniArgs(documentPniArgv(context.document, context.placement)));
      return [];
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      return [problemOf(pniListsRule, 'error', [], `pnigenerator would refuse the layout's lists: ${error.message}`)];
    }
  },
};
