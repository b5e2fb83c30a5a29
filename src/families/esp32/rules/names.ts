/** Names as the binary table stores them: 16 bytes of UTF-8, cut without warning. */
import { encodeUtf8, truncateUtf8 } from '../../../codecs/text';
import { NAME_LENGTH } from '../../../codecs/esp32/table';
import { keywordNameWarnings } from '../../../codecs/esp32/types';
import { quoted, quotedList } from '../../../rules/describe';
import { type Problem, fixesOf } from '../../../model/problem';
import { pushTo } from '../../../model/collections';
import { tableView } from './rows';
import type { Rule } from '../../../layout/family';

// eslint-disable-next-line no-control-regex -- ASCII names are the common case: no encoding needed
const ASCII = /^[\x00-\x7f]*$/;

/** The 16 bytes the binary keeps of a name, as a map key (the name itself when it is short ASCII). */
function storedLabel(name: string): string {
  if (name.length <= NAME_LENGTH && ASCII.test(name)) return name;
  return Array.from(encodeUtf8(name).subarray(0, NAME_LENGTH)).join(',');
}

function byteLength(name: string): number {
  return ASCII.test(name) ? name.length : encodeUtf8(name).length;
}

const truncatedDescription = 'ESP-IDF stores a partition name in 16 bytes of UTF-8; longer names are cut';

export const nameLengthRule: Rule = {
  code: 'esp32-name-truncated',
  description: truncatedDescription,
  check(context) {
    return tableView(context)
      .rows.filter((row) => byteLength(row.partition.name) > NAME_LENGTH)
      .map((row): Problem => {
        const short = truncateUtf8(row.partition.name, NAME_LENGTH);
        return {
          code: 'esp32-name-truncated',
          severity: 'warning',
          rule: truncatedDescription,
          partitionIds: [row.partition.id],
          message: `${quoted(row.partition.name)} is ${encodeUtf8(row.partition.name).length} bytes long; the table stores only its first 16 bytes`,
          fixes: fixesOf({ label: `Rename to ${quoted(short)}`, edits: [{ target: 'partition', id: row.partition.id, set: { name: short } }] }),
        };
      });
  },
};

const collisionDescription = 'Partition names stay unique after being cut to 16 bytes (the device finds partitions by that name)';

/** Different names whose first 16 bytes are equal: the tool accepts them, the binary has two equal labels. */
export const truncatedCollisionRule: Rule = {
  code: 'esp32-name-collision',
  description: collisionDescription,
  check(context) {
    const groups = new Map<string, Array<{ id: string; name: string }>>();
    for (const row of tableView(context).rows) {
      pushTo(groups, storedLabel(row.partition.name), { id: row.partition.id, name: row.partition.name });
    }
    const problems: Problem[] = [];
    for (const members of groups.values()) {
      // Exactly equal names are the generic duplicate-name rule's to report.
      if (new Set(members.map((m) => m.name)).size < 2) continue;
      problems.push({
        code: 'esp32-name-collision',
        severity: 'error',
        rule: collisionDescription,
        fixes: [], partitionIds: members.map((m) => m.id),
        message: `${quotedList(members.map((m) => m.name))} are the same name once cut to 16 bytes; gen_esp32part.py writes them but cannot read that table back ("Partition names must be unique")`,
      });
    }
    return problems;
  },
};

const keywordDescription = 'A partition named like a type or subtype keyword has that type or subtype (gen_esp32part.py warns otherwise)';

export const keywordNameRule: Rule = {
  code: 'esp32-keyword-name',
  description: keywordDescription,
  check(context) {
    const { rows, catalog } = tableView(context);
    return rows.flatMap((row) =>
      keywordNameWarnings(catalog, row.partition.name, row.type, row.subtype).map(
        (warning): Problem => ({
          code: 'esp32-keyword-name',
          severity: 'warning',
          rule: keywordDescription,
          fixes: [], partitionIds: [row.partition.id],
          message: warning.replace(/^WARNING: /, ''),
        }),
      ),
    );
  },
};
