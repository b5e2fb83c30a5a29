/** A SigmaStar MXP_SF.bin table: at the offsets U-Boot probes, or wherever the scan meets "MXPT". */
import { MXP_PROBE_OFFSETS, MXP_TABLE_BYTES, parseMxp } from '../../codecs/mxp';
import { located, startsWith, warning, type Probe } from '../probe';
import { region } from '../region';

const MAGIC = [...'MXPT'].map((c) => c.charCodeAt(0));

export const mxpProbe: Probe = {
  name: 'mxp-table',
  fixedOffsets: MXP_PROBE_OFFSETS,
  matches: (w) => startsWith(w, MAGIC),
  async read({ reader }, offset) {
    const bytes = await reader.bytes(offset, MXP_TABLE_BYTES);
    let table;
    try {
      table = parseMxp(bytes);
    } catch (error) {
      const broken = region('mxp-table', offset, MXP_TABLE_BYTES, null, { readable: false });
      broken.warnings.push(located(error, offset));
      return [broken];
    }
    const head = region('mxp-table', offset, MXP_TABLE_BYTES, null, { records: table.records.length, generation: table.generation });
    head.warnings.push(...table.warnings.map((w) => warning(offset, w)));
    return [
      head,
      ...table.records.map((r, index) =>
        region('mxp-partition', r.start, r.size, r.name, { record: index, type: r.type, mtd: (r.type & 2) !== 0, status: r.status, version: r.version, format: r.format, table: 'mxp', tableOffset: offset }),
      ),
    ];
  },
};
