/**
 * pnigenerator's entry grammar for -t and -y (spec §2), comma separated:
 * - `0x<size>(<NAME>)[N]`: starts at the running offset;
 * - `0x<size>@0x<offset>(<NAME>)[N]`: starts at <offset>; the running offset continues from it;
 * - `-(<NAME>)`: the rest of the flash, no N.
 * N (decimal) is the backup block count. The tool reads entries with sscanf into fixed buffers and
 * garbles anything else; here anything else is an error with its column.
 */
import { PniArgumentError, type PniArgumentLocation } from './errors';
import { quote } from '../quote';

export interface PniListEntry {
  name: string;
  /** Bytes; undefined for a `-(<NAME>)` entry (the rest of the flash). */
  size?: number;
  /** The explicit `@0x<offset>`, in bytes. */
  start?: number;
  /** The trailing N (0 when absent). */
  backupBlockCount: number;
  /** 1-based column of the entry in its argument. */
  column: number;
}

/** Where a list came from, for error locations. */
export interface PniListSource {
  option: '-t' | '-y';
  /** 0-based argument index, when the list is one of an argument list. */
  argument?: number;
  /** 1-based column in that argument where the list starts (1, or 3 for `-t<list>`). */
  column?: number;
}

/** pnigenerator copies each entry into `char partition_section[50]` and each name into `char partition_name[30]`. */
const ENTRY_MAX = 49;
const NAME_MAX = 29;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;

const isHexDigit = (char: string) => /^[0-9a-fA-F]$/.test(char);
const isDigit = (char: string) => char >= '0' && char <= '9';

class EntryReader {
  private i = 0;

  constructor(
    private readonly entry: string,
    private readonly column: number,
    private readonly source: PniListSource,
  ) {}

  fail(reason: string, at = this.i): PniArgumentError {
    const location: PniArgumentLocation = { argument: this.source.argument, option: this.source.option, column: this.column + at };
    return new PniArgumentError(reason, location);
  }

  get rest(): string {
    return this.entry.slice(this.i);
  }

  found(): string {
    return this.i < this.entry.length ? quote(this.rest) : 'the end of the entry';
  }

  expect(text: string, what: string): void {
    if (!this.entry.startsWith(text, this.i)) throw this.fail(`expected ${what}, found ${this.found()}`);
    this.i += text.length;
  }

  /** `0x<hex>` as a 32-bit value, as the tool's `0x%x` reads it. */
  hexNumber(what: string): number {
    this.expect('0x', `"0x" and a hex ${what}`);
    const from = this.i;
    while (this.i < this.entry.length && isHexDigit(this.entry[this.i])) this.i++;
    if (this.i === from) throw this.fail(`expected hex digits for the ${what}, found ${this.found()}`);
    const value = parseInt(this.entry.slice(from, this.i), 16);
    if (value > U32_MAX) throw this.fail(`the ${what} 0x${this.entry.slice(from, this.i)} does not fit pnigenerator's 32 bits (at most 0xFFFFFFFF)`, from);
    return value;
  }

  name(): string {
    this.expect('(', '"(" before the name');
    const from = this.i;
    const close = this.entry.indexOf(')', from);
    if (close === -1) throw this.fail(`expected ")" after the name ${quote(this.entry.slice(from))}`, this.entry.length);
    const name = this.entry.slice(from, close);
    if (name === '') throw this.fail('expected a name between "(" and ")", found nothing');
    for (let k = 0; k < name.length; k++) {
      const code = name.charCodeAt(k);
      if (code <= 0x20 || code > 0x7e || '(@'.includes(name[k])) {
        throw this.fail(`the name ${quote(name)} may only hold printable ASCII without spaces, commas, parentheses or "@"`, from + k);
      }
    }
    if (name.length > NAME_MAX) throw this.fail(`the name ${quote(name)} is ${name.length} characters; pnigenerator keeps names in 30 bytes, so at most ${NAME_MAX}`, from);
    this.i = close + 1;
    return name;
  }

  backupCount(): number {
    const from = this.i;
    while (this.i < this.entry.length && isDigit(this.entry[this.i])) this.i++;
    if (this.i < this.entry.length) throw this.fail(`expected a decimal backup block count or the end of the entry after ")", found ${this.found()}`);
    if (this.i === from) return 0;
    const value = Number(this.entry.slice(from));
    if (value > U16_MAX) throw this.fail(`the backup block count ${this.entry.slice(from)} does not fit the record's 16 bits (at most 65535)`, from);
    return value;
  }

  end(why: string): void {
    if (this.i < this.entry.length) throw this.fail(`unexpected ${this.found()} after ")": ${why}`);
  }
}

function parseEntry(entry: string, column: number, source: PniListSource): PniListEntry {
  const reader = new EntryReader(entry, column, source);
  if (entry === '') throw reader.fail('expected an entry 0x<size>(<NAME>), 0x<size>@0x<offset>(<NAME>) or -(<NAME>), found nothing');
  if (entry.length > ENTRY_MAX) throw reader.fail(`the entry ${quote(entry)} is ${entry.length} characters; pnigenerator copies each entry into a 50-byte buffer, so at most ${ENTRY_MAX}`);
  if (entry.startsWith('-')) {
    reader.expect('-', '"-"');
    const name = reader.name();
    reader.end('a -(<NAME>) entry takes no backup block count');
    return { name, backupBlockCount: 0, column };
  }
  const size = reader.hexNumber('size');
  let start: number | undefined;
  if (reader.rest.startsWith('@')) {
    reader.expect('@', '"@"');
    start = reader.hexNumber('offset');
  }
  const name = reader.name();
  const backupBlockCount = reader.backupCount();
  return start === undefined ? { name, size, backupBlockCount, column } : { name, size, start, backupBlockCount, column };
}

/** The entries of a -t or -y value, in order. */
export function parsePniList(text: string, source: PniListSource): PniListEntry[] {
  const base = source.column ?? 1;
  const entries: PniListEntry[] = [];
  let start = 0;
  for (;;) {
    const comma = text.indexOf(',', start);
    const end = comma === -1 ? text.length : comma;
    entries.push(parseEntry(text.slice(start, end), base + start, source));
    if (comma === -1) return entries;
    start = comma + 1;
  }
}
