/** A GUID Partition Table: both headers checked; a broken primary falls back to the backup and says so. */
import { describeAttributes, gptTypeByGuid, parseGpt } from '../../codecs/gpt';
import { located, startsWith, warning, type Probe } from '../probe';
import { region, type Region } from '../region';

const UNIT = 512;
const SIGNATURE = [...'EFI PART'].map((c) => c.charCodeAt(0));

export const gptProbe: Probe = {
  name: 'gpt',
  atStartOnly: true,
  // "EFI PART" at LBA 1 (512- or 4096-byte sectors), or a protective 0xEE entry whose primary may be broken.
  matches: (w) => startsWith(w, SIGNATURE, 512) || startsWith(w, SIGNATURE, 4096) || (w[510] === 0x55 && w[511] === 0xaa && w[0x1c2] === 0xee),
  async read({ reader, size }, offset) {
    if (offset !== 0) return [];
    let parsed;
    try {
      parsed = await reader.withSectors(UNIT, (read) => parseGpt(read, { diskSectors: Math.floor(size / UNIT) }));
    } catch (error) {
      const broken = region('gpt', 0, 2 * UNIT, null, { readable: false });
      broken.warnings.push(located(error, 0));
      return [broken];
    }
    const { sectorSize, table, primary, backup } = parsed;
    const header = primary ?? backup!;
    const arrayBytes = Math.ceil((header.numberOfPartitionEntries * header.sizeOfPartitionEntry) / sectorSize) * sectorSize;
    const details = { diskGuid: table.diskGuid, sectorSize, source: parsed.source, mbr: parsed.mbr, entries: header.numberOfPartitionEntries, primaryHeader: primary ? 'valid' : 'broken', backupHeader: backup ? 'valid' : 'broken' };
    const regions: Region[] = [];
    const main = region('gpt', 0, primary ? primary.partitionEntryLba * sectorSize + arrayBytes : 2 * sectorSize, 'primary', details);
    main.warnings.push(...parsed.warnings.map((w) => warning(w.offset ?? 0, w.message)));
    regions.push(main);
    if (backup) regions.push(region('gpt', backup.partitionEntryLba * sectorSize, (backup.myLba + 1) * sectorSize - backup.partitionEntryLba * sectorSize, 'backup', { ...details, copy: 'backup' }));
    for (const p of table.partitions) {
      regions.push(
        region('gpt-partition', p.firstLba * sectorSize, (p.lastLba - p.firstLba + 1) * sectorSize, p.name, {
          number: p.number,
          typeGuid: p.typeGuid,
          typeName: gptTypeByGuid(p.typeGuid)?.name ?? null,
          uniqueGuid: p.uniqueGuid,
          attributes: `0x${p.attributes.toString(16).padStart(16, '0')}`,
          attributeNames: describeAttributes(p.attributes, p.typeGuid),
          table: 'gpt',
        }),
      );
    }
    return regions;
  },
};
