/** A DOS partition table at the start of a disk image: primaries and the EBR chain's logicals. */
import { mbrTypeByCode, parseMbr } from '../../codecs/mbr';
import { hex } from '../../codecs/bytes';
import { region, type Region } from '../region';
import { warning, type Probe } from '../probe';

const SECTOR = 512;
const isExtended = (type: number) => type === 0x05 || type === 0x0f || type === 0x85;

export const mbrProbe: Probe = {
  name: 'mbr',
  atStartOnly: true,
  matches: (w) => w[510] === 0x55 && w[511] === 0xaa && [0, 1, 2, 3].every((slot) => (w[0x1be + slot * 16] & 0x7f) === 0) && [0, 1, 2, 3].some((slot) => w[0x1be + slot * 16 + 4] !== 0),
  async read({ reader, size }, offset) {
    if (offset !== 0) return [];
    let parsed;
    try {
      parsed = await reader.withSectors(SECTOR, (read) => parseMbr(read, { diskSectors: Math.floor(size / SECTOR) }));
    } catch {
      return [];
    }
    const table = region('mbr', 0, SECTOR, null, { diskSignature: hex(parsed.table.diskSignature), partitions: parsed.table.partitions.length });
    table.warnings.push(...parsed.warnings.map((w) => warning(w.offset ?? 0, w.message)));
    const partitions: Region[] = parsed.table.partitions.map((p) =>
      region('mbr-partition', p.startLba * SECTOR, p.sectors * SECTOR, null, {
        number: p.number,
        typeByte: `0x${p.type.toString(16).padStart(2, '0')}`,
        typeName: mbrTypeByCode(p.type)?.name ?? null,
        bootable: p.bootable,
        ...(isExtended(p.type) ? { extended: true } : {}),
        ...(p.ebrLba !== undefined ? { logical: true, ebrLba: p.ebrLba } : {}),
        table: 'mbr',
      }),
    );
    return [table, ...partitions];
  },
};
