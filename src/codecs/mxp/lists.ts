/**
 * mxpgenerator's list grammar (spec §1): `0x<hex size>(<NAME>)` entries separated by commas, no
 * `@offset`, no `-` remainder, nothing after the `)`. The tool reads each entry with
 * `sscanf("0x%x(%s)")` into fixed buffers and silently garbles anything else; here anything else
 * is an error with its column in the list.
 */
import { formatHex } from '../../model/units';
import { MxpListError, type MxpListName } from './errors';
import { quote } from '../quote';
import { MXP_MAX_RECORDS, MXP_NAME_MAX } from './records';

export interface MxpListEntry {
  size: number;
  name: string;
  /** 1-based column of the entry in its list. */
  column: number;
}

/** mxpgenerator copies each entry into `char partition_section[50]`. */
const ENTRY_MAX = 49;
const U32_MAX = 0xffffffff;

const isHexDigit = (char: string) => /^[0-9a-fA-F]$/.test(char);

/** Why `name` cannot be a list entry's name, with the index of the bad character; undefined when it can. */
export function listNameProblem(name: string): { reason: string; index: number } | undefined {
  if (name === '') return { reason: 'expected a name between "(" and ")", found nothing', index: 0 };
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code <= 0x20 || code > 0x7e || name[i] === '(' || name[i] === ')' || name[i] === ',') {
      return { reason: `the name ${quote(name)} may only hold printable ASCII without spaces, commas or parentheses`, index: i };
    }
  }
  if (name.length > MXP_NAME_MAX) {
    return { reason: `the name ${quote(name)} is ${name.length} characters; U-Boot compares MXP names as C strings in 16 bytes, so at most ${MXP_NAME_MAX}`, index: 0 };
  }
  return undefined;
}

function parseEntry(entry: string, column: number, list: MxpListName): MxpListEntry {
  const fail = (reason: string, at = 0) => new MxpListError(reason, list, column + at);
  if (entry === '') throw fail('expected an entry 0x<hex size>(<NAME>), found nothing');
  if (entry.length > ENTRY_MAX) throw fail(`the entry ${quote(entry)} is ${entry.length} characters; mxpgenerator copies each entry into a 50-byte buffer, so at most ${ENTRY_MAX}`);
  if (entry.startsWith('-')) throw fail('mxpgenerator has no "-" (rest of the flash) entries: give the size as 0x<hex>');
  if (!entry.startsWith('0x')) throw fail(`expected "0x" and a hex size, found ${quote(entry)}`);
  let i = 2;
  while (i < entry.length && isHexDigit(entry[i])) i++;
  if (i === 2) throw fail(`expected hex digits after "0x", found ${quote(entry.slice(2))}`, 2);
  const size = parseInt(entry.slice(2, i), 16);
  if (size > U32_MAX) throw fail(`the size 0x${entry.slice(2, i)} does not fit mxpgenerator's 32-bit sizes (at most 0xFFFFFFFF)`, 2);
  if (entry[i] === '@') throw fail('mxpgenerator entries have no @offset: each starts where the previous one ends', i);
  if (entry[i] !== '(') throw fail(`expected "(" after the size, found ${i < entry.length ? quote(entry.slice(i)) : 'the end of the entry'}`, i);
  const close = entry.indexOf(')', i + 1);
  if (close === -1) throw fail(`expected ")" after the name ${quote(entry.slice(i + 1))}`, entry.length);
  const name = entry.slice(i + 1, close);
  const problem = listNameProblem(name);
  if (problem) throw fail(problem.reason, i + 1 + problem.index);
  if (close !== entry.length - 1) throw fail(`unexpected ${quote(entry.slice(close + 1))} after ")": mxpgenerator entries end with the name`, close + 1);
  return { size, name, column };
}

/** The entries of one list argument, at most 30 (a table's records). */
export function parseMxpList(text: string, list: MxpListName): MxpListEntry[] {
  const entries: MxpListEntry[] = [];
  let start = 0;
  for (;;) {
    if (entries.length === MXP_MAX_RECORDS) {
      throw new MxpListError(`more than ${MXP_MAX_RECORDS} entries: an MXP table holds ${MXP_MAX_RECORDS} records`, list, start + 1);
    }
    const comma = text.indexOf(',', start);
    const end = comma === -1 ? text.length : comma;
    entries.push(parseEntry(text.slice(start, end), start + 1, list));
    if (comma === -1) return entries;
    start = comma + 1;
  }
}

/** The list argument for these entries, sizes in upper-case hex as SDK configs write them. */
export function formatMxpList(entries: ReadonlyArray<{ size: number; name: string }>): string {
  return entries.map((entry) => `${formatHex(entry.size)}(${entry.name})`).join(',');
}
