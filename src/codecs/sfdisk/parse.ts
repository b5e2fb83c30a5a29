/**
 * Reads an sfdisk script (util-linux 2.38, libfdisk script.c): blank lines and `#` comment lines
 * are skipped; `name: value` headers come before the first partition; a line with `=` is the
 * named form (`[dev :] start=…, size=…, type=…, …`), any other the positional form
 * (`start size type bootable`). Types, GUIDs and attributes are checked here, where the line and
 * column are known. What sfdisk silently ignores (unknown headers, gpt fields on a dos label)
 * becomes a warning; what sfdisk would reject, and what it would misread (`type=zz` becoming
 * type 0), is a FormatError at its line and column.
 */
import { FormatError } from '../errors';
import { parseSfdiskAttributes } from './attributes';
import { isGuid } from '../guid';
import { unescapeName } from './name';
import { parseAmount } from './numbers';
import { quote } from '../quote';
import { HEADER_NAMES, type SfdiskAmount, type SfdiskHeaderName, type SfdiskLabel, type SfdiskPartitionLine, type SfdiskScript, type SfdiskWarning } from './records';
import { readHeaders, type RawHeader } from './headers';
import { LineScanner, type Token } from './scanner';
import { MAX_TABLE_LENGTH } from './tables';
import { sfdiskDosType, sfdiskGptType } from './types';

export interface SfdiskParseResult {
  script: SfdiskScript;
  warnings: SfdiskWarning[];
}

/** Our limit on partition lines: the most any table sfdisk writes can hold. */
export const MAX_SCRIPT_PARTITIONS = MAX_TABLE_LENGTH;

const SPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;
const cTrim = (text: string) => text.replace(SPACE, '');

/** sfdisk's test for a header line: a `:` that is neither first nor last, and no `=`. */
function isHeaderLine(text: string): boolean {
  const colon = text.indexOf(':');
  return colon > 0 && colon < text.length - 1 && !text.includes('=');
}

class ScriptParser {
  readonly script: SfdiskScript = { partitions: [], headerLines: {} };
  readonly warnings: SfdiskWarning[] = [];
  private readonly headers = new Map<SfdiskHeaderName, RawHeader>();
  private label: SfdiskLabel | undefined;

  warn(message: string, line: number, column?: number): void {
    this.warnings.push({ message, line, column });
  }

  header(text: string, line: number, column: number): void {
    const colon = text.indexOf(':');
    const name = cTrim(text.slice(0, colon));
    const raw = text.slice(colon + 1);
    const value = cTrim(raw);
    const valueColumn = column + colon + 1 + (raw.length - raw.trimStart().length);
    if (!(HEADER_NAMES as readonly string[]).includes(name)) {
      this.warn(`unknown header ${quote(name)} ignored (sfdisk knows ${HEADER_NAMES.join(', ')})`, line, column);
      return;
    }
    if (value === '') throw new FormatError(`header ${name}: expected a value after ":"`, { line, column: valueColumn });
    const key = name as SfdiskHeaderName;
    if (this.headers.has(key)) this.warn(`header ${name} is given again; the last value is used (first on line ${this.headers.get(key)?.line})`, line, column);
    this.headers.set(key, { value, line, column: valueColumn });
  }

  /** Checks the headers once they are all known (the label decides what label-id means). */
  finishHeaders(): void {
    if (this.label !== undefined) return;
    Object.assign(this.script, readHeaders(this.headers, this.warnings));
    for (const [name, raw] of this.headers) this.script.headerLines![name] = raw.line;
    this.label = this.script.label ?? 'dos';
  }

  partition(text: string, line: number, column: number): void {
    this.finishHeaders();
    if (this.script.partitions.length >= MAX_SCRIPT_PARTITIONS) {
      throw new FormatError(`more than ${MAX_SCRIPT_PARTITIONS} partition lines: no table sfdisk writes holds that many`, { line, column });
    }
    const partition: SfdiskPartitionLine = text.includes('=') ? this.named(text, line, column) : this.positional(text, line, column);
    partition.line = line;
    this.script.partitions.push(partition);
  }

  private named(text: string, line: number, column: number): SfdiskPartitionLine {
    const partition: SfdiskPartitionLine = {};
    const colon = text.indexOf(':');
    let body = text;
    let bodyColumn = column;
    if (colon >= 0 && colon < text.indexOf('=')) {
      const device = cTrim(text.slice(0, colon));
      if (device !== '') partition.device = device;
      body = text.slice(colon + 1);
      bodyColumn = column + colon + 1;
    }
    const scanner: LineScanner = new LineScanner(body, line, bodyColumn);
    for (scanner.skipBlanks(); !scanner.atEnd(); scanner.skipBlanks()) {
      const rest = scanner.rest().toLowerCase();
      const key = ['start=', 'size=', 'type=', 'id=', 'uuid=', 'name=', 'attrs=', 'bootable'].find((k) => rest.startsWith(k));
      if (!key) scanner.fail(`unknown field ${quote(scanner.rest())}: expected start=, size=, type=, bootable, name=, uuid= or attrs=`);
      if (key === 'bootable') {
        const token = scanner.token('bootable');
        if (token.text.toLowerCase() !== 'bootable') scanner.fail(`unknown field ${quote(token.text)}: did you mean bootable?`, token.column);
        this.bootable(partition, line, token.column);
        continue;
      }
      const keyColumn = scanner.column;
      scanner.advance(key.length);
      const field = key.slice(0, -1);
      if (field === 'start' || field === 'size') {
        const amount = this.amount(scanner, field);
        if (amount) partition[field] = amount;
        else delete partition[field];
        continue;
      }
      const token = scanner.token(field);
      if (field === 'type' || field === 'id') partition.type = this.type(token, line);
      else this.gptField(partition, field, token, line, keyColumn);
    }
    return partition;
  }

  private positional(text: string, line: number, column: number): SfdiskPartitionLine {
    const partition: SfdiskPartitionLine = {};
    const scanner: LineScanner = new LineScanner(text, line, column);
    const start = this.amount(scanner, 'start');
    if (start) partition.start = start;
    scanner.skipBlanks();
    if (scanner.atEnd()) return partition;
    const size = this.amount(scanner, 'size');
    if (size) partition.size = size;
    scanner.skipBlanks();
    if (scanner.atEnd()) return partition;
    if (!scanner.takeDefault()) partition.type = this.type(scanner.token('type'), line);
    scanner.skipBlanks();
    if (scanner.atEnd()) return partition;
    if (!/^[,;]/.test(scanner.rest())) {
      const token = scanner.token('bootable');
      if (token.text === '*' || token.text === '+') this.bootable(partition, line, token.column);
      else if (token.text !== '-') scanner.fail(`bootable: expected *, + or -, found ${quote(token.text)}`, token.column);
    } else scanner.advance(1);
    scanner.skipBlanks();
    if (!scanner.atEnd()) this.warn(`fields after the fourth (start, size, type, bootable) are ignored: ${quote(scanner.rest())}`, line, scanner.column);
    return partition;
  }

  private amount(scanner: LineScanner, field: 'start' | 'size'): SfdiskAmount | undefined {
    if (scanner.takeDefault()) return undefined;
    const token = scanner.token(field);
    if (token.text === '+') return undefined;
    let text = token.text;
    if (text.startsWith('+') || text.startsWith('-')) {
      this.warn(`${field}: the sign of ${quote(text)} only matters when sfdisk changes an existing partition (-N); the value is used as is`, scanner.line, token.column);
      text = text.slice(1);
    }
    const parsed = parseAmount(text);
    if (!parsed.ok) scanner.fail(`${field}: ${parsed.reason}`, token.column);
    return parsed.amount;
  }

  private type(token: Token, line: number): number | string {
    const where = { line, column: token.column };
    if (this.label === 'gpt') {
      const guid = sfdiskGptType(token.text);
      if (guid === undefined) throw new FormatError(`type: expected a GUID or one of L, S, H, U, R, V (linux, swap, home, uefi, raid, lvm), found ${quote(token.text)}`, where);
      return guid;
    }
    const code = sfdiskDosType(token.text);
    if (code === undefined) {
      throw new FormatError(`type: expected a hex byte from 1 to ff (83, c, 5…) or one of L, S, Ex, U, R, V, X (linux, swap, extended, uefi, raid, lvm, linuxex), found ${quote(token.text)}`, where);
    }
    return code;
  }

  private bootable(partition: SfdiskPartitionLine, line: number, column: number): void {
    if (this.label === 'gpt') this.warn('bootable applies to dos labels; sfdisk ignores it on gpt (use attrs="LegacyBIOSBootable")', line, column);
    else partition.bootable = true;
  }

  private gptField(partition: SfdiskPartitionLine, field: string, token: Token, line: number, keyColumn: number): void {
    if (this.label !== 'gpt') {
      this.warn(`${field}= applies to gpt labels; sfdisk ignores it on a dos label`, line, keyColumn);
      return;
    }
    const textColumn = token.textColumn;
    if (field === 'uuid') {
      if (!isGuid(token.text)) throw new FormatError(`uuid: expected a GUID like 0FC63DAF-8483-4772-8E79-3D69D8477DE4, found ${quote(token.text)}`, { line, column: textColumn });
      partition.uuid = token.text.toUpperCase();
    } else if (field === 'name') {
      const name = unescapeName(token.text);
      if (!name.ok) throw new FormatError(`name: ${quote(token.text)} is not valid UTF-8 once its \\x escapes are decoded`, { line, column: textColumn + name.index });
      partition.name = name.name;
    } else {
      partition.attributes = parseSfdiskAttributes(token.text, { line, column: textColumn });
    }
  }
}

export function parseSfdiskScript(text: string): SfdiskParseResult {
  const parser = new ScriptParser();
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const nul = content.indexOf('\0');
    if (nul >= 0) throw new FormatError('the script contains a NUL character', { line, column: nul + 1 });
    const lead = content.length - content.replace(/^[ \t]+/, '').length;
    const body = content.slice(lead);
    if (body === '' || body.startsWith('#')) return;
    if (!isHeaderLine(body)) parser.partition(body, line, lead + 1);
    else if (parser.script.partitions.length === 0) parser.header(body, line, lead + 1);
    else throw new FormatError(`header ${quote(cTrim(body.slice(0, body.indexOf(':'))))} after a partition line: headers come first`, { line, column: lead + 1 });
  });
  parser.finishHeaders();
  return { script: parser.script, warnings: parser.warnings };
}
