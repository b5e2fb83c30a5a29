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
    try {
      read = binaryToTable(bytes, md5Row !== undefined);
    } catch (error) {
      const broken = region('esp32-partition-table', offset, TABLE_LENGTH, null, { readable: false });
      broken.warnings.push(located(error, offset));
      return [broken];
    }
    const table = region('esp32-partition-table', offset, TABLE_LENGTH, null, { entries: read.table.entries.length, md5: md5Row === undefined ? 'absent' : 'valid' });
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
