/** A GUID Partition Table: both headers checked; a broken primary falls back to the backup and says so. */
import { describeAttributes, gptTypeByGuid, parseGpt } from '../../codecs/gpt';
import { u64le } from '../../codecs/bytes';
import { located, startsWith, warning, type Probe, type ProbeContext } from '../probe';
import { region, type Region } from '../region';

const UNIT = 512;
/** Sectors of the largest disk believed from a header: 2^53 bytes. */
const MAX_DISK_SECTORS = 2 ** 44;
const SIGNATURE = [...'EFI PART'].map((c) => c.charCodeAt(0));

export const gptProbe: Probe = {
  name: 'gpt',
  atStartOnly: true,
  // "EFI PART" at LBA 1 (512- or 4096-byte sectors), or a protective 0xEE entry whose primary may be broken.
  matches: (w) => startsWith(w, SIGNATURE, 512) || startsWith(w, SIGNATURE, 4096) || (w[510] === 0x55 && w[511] === 0xaa && w[0x1c2] === 0xee),
  async read({ reader, size }, offset) {
    if (offset !== 0) return [];
    const fileSectors = Math.floor(size / UNIT);
    const parse = (diskSectors: number) => reader.withSectors(UNIT, (read) => parseGpt(read, { diskSectors }));
    let parsed;
    const notes = [];
    try {
      parsed = await parse(fileSectors);
    } catch (error) {
      // A dump of the first part of a disk: the header's AlternateLBA gives the disk's real size.
      const claimed = await alternateLba(reader);
      if (claimed !== undefined && claimed + 1 > fileSectors) {
        try {
          parsed = await parse(claimed + 1);
          notes.push(warning(UNIT + 32, `the disk ends at sector ${claimed} (AlternateLBA), past the end of this file at sector ${fileSectors}: the image is truncated`));
        } catch {
          // fall through to the first error
        }
      }
      if (!parsed) {
        const broken = region('gpt', 0, 2 * UNIT, null, { readable: false });
        broken.warnings.push(located(error, 0));
        return [broken];
      }
    }
    const { sectorSize, table, primary, backup } = parsed;
    const header = primary ?? backup!;
    const arrayBytes = Math.ceil((header.numberOfPartitionEntries * header.sizeOfPartitionEntry) / sectorSize) * sectorSize;
    const details = { diskGuid: table.diskGuid, sectorSize, source: parsed.source, mbr: parsed.mbr, entries: header.numberOfPartitionEntries, primaryHeader: primary ? 'valid' : 'broken', backupHeader: backup ? 'valid' : 'broken' };
    const regions: Region[] = [];
    const main = region('gpt', 0, primary ? primary.partitionEntryLba * sectorSize + arrayBytes : 2 * sectorSize, 'primary', details);
    main.warnings.push(...notes, ...parsed.warnings.map((w) => warning(w.offset ?? 0, w.message)));
    regions.push(main);
    if (backup && backup.myLba < fileSectors) regions.push(region('gpt', backup.partitionEntryLba * sectorSize, (backup.myLba + 1) * sectorSize - backup.partitionEntryLba * sectorSize, 'backup', { ...details, copy: 'backup' }));
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

/** AlternateLBA of a primary header at LBA 1 with the right signature (no other check: only a size hint). */
async function alternateLba(reader: ProbeContext['reader']): Promise<number | undefined> {
  const header = await reader.bytes(UNIT, 92);
  if (header.length < 92 || !startsWith(header, SIGNATURE)) return undefined;
  const value = u64le(header, 32);
  return value < BigInt(MAX_DISK_SECTORS) ? Number(value) : undefined;
}
