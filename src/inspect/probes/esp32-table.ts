/** An ESP-IDF partition table (at 0x8000, or any 4 KiB boundary); its MD5 row checked. */
import { binaryToTable } from '../../codecs/esp32/binary';
import { TABLE_LENGTH } from '../../codecs/esp32/table';
import { located, warning, type Probe } from '../probe';
import { region, type Region } from '../region';

const TYPE_NAMES: Record<number, string> = { 0: 'app', 1: 'data', 2: 'bootloader', 3: 'partition_table' };

export const esp32TableProbe: Probe = {
  name: 'esp32-partition-table',
  fixedOffsets: [0x8000],
  matches: (w) => w[0] === 0xaa && w[1] === 0x50,
  async read({ reader }, offset) {
    const bytes = await reader.bytes(offset, TABLE_LENGTH);
    const md5Row = findMd5Row(bytes);
    let read;
    let md5 = md5Row === undefined ? 'absent' : 'valid';
    const notes = [];
    try {
      read = binaryToTable(bytes, md5Row !== undefined);
    } catch (error) {
      // A wrong MD5 row: the rows before it are still the table (the bootloader would refuse it, so say so).
      const rows = md5Row !== undefined ? readRowsBefore(bytes, md5Row) : undefined;
      if (!rows) {
        const broken = region('esp32-partition-table', offset, TABLE_LENGTH, null, { readable: false });
        broken.warnings.push(located(error, offset));
        return [broken];
      }
      read = rows;
      md5 = 'mismatch';
      notes.push(located(error, offset));
    }
    const table = region('esp32-partition-table', offset, TABLE_LENGTH, null, { entries: read.table.entries.length, md5 });
    table.warnings.push(...notes);
    table.warnings.push(...read.warnings.map((w) => warning(offset, w)));
    const partitions: Region[] = read.table.entries.map((e) =>
      region('esp32-partition', e.offset, e.size, e.name, {
        type: e.type,
        typeName: TYPE_NAMES[e.type] ?? null,
        subtype: e.subtype,
        flags: [...(e.encrypted ? ['encrypted'] : []), ...(e.readonly ? ['readonly'] : [])],
        table: 'esp32',
        tableOffset: offset,
      }),
    );
    return [table, ...partitions];
  },
};

/** Index of the EB EB row before the end of the table, if any. */
function findMd5Row(bytes: Uint8Array): number | undefined {
  for (let at = 0; at + 32 <= bytes.length; at += 32) {
    if (bytes[at] === 0xeb && bytes[at + 1] === 0xeb) return at;
    if (bytes[at] === 0xff && bytes[at + 1] === 0xff) return undefined;
  }
  return undefined;
}

function readRowsBefore(bytes: Uint8Array, md5Row: number): ReturnType<typeof binaryToTable> | undefined {
  const rows = new Uint8Array(md5Row + 32).fill(0xff);
  rows.set(bytes.subarray(0, md5Row));
  try {
    return binaryToTable(rows, false);
  } catch {
    return undefined;
  }
}
