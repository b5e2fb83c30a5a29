/**
 * Reads an `mtdparts` string the way Linux's cmdlinepart does (mtdpart_setup_real and newpart):
 * devices separated by `;`, each `<mtd-id>:` followed by comma-separated partitions. The mtd-id
 * ends at the last `:` before the device's first `(`, so names may hold `:` and `;`; a name runs
 * to the first `)`. Flags come in the kernel's order only: `ro`, then `lk`, then `slc`.
 * Where the kernel silently reads a missing number as 0, this parser stops with the column.
 */
import { FormatError } from '../errors';
import { memparse } from './numbers';
import { quote } from '../quote';
import { MAX_MTD_PARTITIONS, MTDPARTS_PREFIX, type MtdDevice, type MtdPartition } from './records';

function fail(message: string, index: number): never {
  throw new FormatError(`${message} (column ${index + 1})`, { column: index + 1 });
}

function found(text: string, index: number): string {
  return index >= text.length ? 'the end of the text' : quote(text.slice(index, index + 40));
}

class PartitionReader {
  count = 0;

  constructor(private readonly text: string) {}

  /** Partitions from `start` up to the first character that cannot continue the list. */
  list(start: number): { partitions: MtdPartition[]; end: number } {
    const { text } = this;
    const partitions: MtdPartition[] = [];
    let index = start;
    for (;;) {
      if (this.count === MAX_MTD_PARTITIONS) fail(`more than ${MAX_MTD_PARTITIONS} partitions`, index);
      this.count++;
      const partition = this.partition(index);
      partitions.push(partition.record);
      index = partition.end;
      if (text[index] !== ',') return { partitions, end: index };
      if (partition.record.size === 'rest') fail('no partitions allowed after a fill-up partition ("-" takes the rest of the device)', index);
      index++;
    }
  }

  private partition(start: number): { record: MtdPartition; end: number } {
    const { text } = this;
    let index = start;
    let size: MtdPartition['size'];
    if (text[index] === '-') {
      size = 'rest';
      index++;
    } else {
      const parsed = memparse(text, index, 'partition size');
      if (!parsed) fail(`expected a partition size (such as 0x20000 or 128k) or "-", found ${found(text, index)}`, index);
      if (parsed.value === 0) fail('partition has size 0', index);
      size = parsed.value;
      index = parsed.end;
    }
    const record: MtdPartition = { size, readOnly: false, lock: false, slc: false };
    if (text[index] === '@') {
      const parsed = memparse(text, index + 1, 'partition offset');
      if (!parsed) fail(`expected an offset after "@", found ${found(text, index + 1)}`, index + 1);
      record.offset = parsed.value;
      index = parsed.end;
    }
    if (text[index] === '(') {
      const close = text.indexOf(')', index + 1);
      if (close === -1) fail('no closing ) found in partition name', index);
      record.name = text.slice(index + 1, close);
      index = close + 1;
    }
    if (text.startsWith('ro', index)) {
      record.readOnly = true;
      index += 2;
    }
    if (text.startsWith('lk', index)) {
      record.lock = true;
      index += 2;
    }
    if (text.startsWith('slc', index)) {
      record.slc = true;
      index += 3;
    }
    return { record, end: index };
  }
}

/**
 * Parse `mtdparts=<id>:<parts>[;<id>:<parts>...]`; the `mtdparts=` prefix is optional (a U-Boot
 * `mtdparts` value carries it, the part after `mtdparts=` on a kernel command line does not).
 */
export function parseMtdparts(text: string): MtdDevice[] {
  const reader = new PartitionReader(text);
  const devices: MtdDevice[] = [];
  let index = text.startsWith(MTDPARTS_PREFIX) ? MTDPARTS_PREFIX.length : 0;
  for (;;) {
    const semicolon = text.indexOf(';', index);
    const segment = text.slice(index, semicolon === -1 ? text.length : semicolon);
    const paren = segment.indexOf('(');
    const colon = segment.lastIndexOf(':', paren === -1 ? segment.length : paren);
    if (colon === -1) fail(`no mtd-id: expected "<mtd-id>:" before the partitions, found ${found(text, index)}`, index);
    const id = segment.slice(0, colon);
    const { partitions, end } = reader.list(index + colon + 1);
    devices.push({ id, partitions });
    if (end === text.length) return devices;
    if (text[end] !== ';') fail(`bad character after partition: expected ",", ";" or the end, found ${found(text, end)}`, end);
    index = end + 1;
  }
}

/**
 * Parse a bare partition list (`0x20000(KEY_CUST),-(UBI)`), as SigmaStar's set_partition script
 * appends to `$(mtdparts),`.
 */
export function parseMtdpartsList(text: string): MtdPartition[] {
  const { partitions, end } = new PartitionReader(text).list(0);
  if (end !== text.length) fail(`bad character after partition: expected "," or the end, found ${found(text, end)}`, end);
  return partitions;
}
