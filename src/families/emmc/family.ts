/**
 * eMMC and SD cards: the user area (with an MBR or GPT table, raw bootloader offsets such as an
 * SPL at 8 KiB) and the hardware boot partitions boot0/boot1, each its own address space.
 * Offsets and sizes are whole sectors; partitions in a table should start on the 1 MiB grain
 * that fdisk, sfdisk and genimage use.
 */
import type { LayoutDocument, Partition } from '../../model/document';
import { GiB, KiB, MiB } from '../../model/units';
import type { Family } from '../../layout/family';
import type { AddressSpace, AlignmentRequirement, ReservedRegion } from '../../layout/regions';

export const EMMC_GRAIN = 1 * MiB;
const GPT_ENTRY_ARRAY_BYTES = 128 * 128;

export function sectorSize(document: LayoutDocument): number {
  return document.device.geometry.sectorSize ?? 512;
}

function spaces(device: LayoutDocument['device']): AddressSpace[] {
  return [
    { id: 'main', name: 'User area', size: device.size },
    ...(device.hardwarePartitions ?? []).map((hw) => ({ id: hw.name, name: hw.name, size: hw.size })),
  ];
}

function alignments(partition: Partition, document: LayoutDocument): AlignmentRequirement[] {
  const sector = sectorSize(document);
  const requirements: AlignmentRequirement[] = [];
  const inTable = !partition.raw && document.areas.find((a) => a.id === partition.area)?.space === 'main';
  if (inTable) requirements.push({ of: 'offset', value: EMMC_GRAIN, severity: 'warning', reason: '1 MiB partitioning grain' });
  requirements.push(
    { of: 'offset', value: sector, severity: 'error', reason: `${sector}-byte sector` },
    { of: 'size', value: sector, severity: 'error', reason: `${sector}-byte sector` },
  );
  return requirements;
}

/** The MBR sector, or the primary GPT at the start and the backup GPT at the end of the space. */
function reservedRegions(document: LayoutDocument): ReservedRegion[] {
  const sector = sectorSize(document);
  const regions: ReservedRegion[] = [];
  for (const area of document.areas) {
    const space = spaces(document.device).find((s) => s.id === area.space);
    if (!space) continue;
    if (area.table === 'mbr') {
      regions.push({ id: `${area.id}-mbr`, name: 'MBR', space: area.space, start: 0, end: sector, kind: 'table', description: 'Master boot record: boot code, disk signature and four primary entries' });
    } else if (area.table === 'gpt') {
      const entrySectors = Math.ceil(GPT_ENTRY_ARRAY_BYTES / sector);
      regions.push(
        { id: `${area.id}-gpt`, name: 'GPT', space: area.space, start: 0, end: (2 + entrySectors) * sector, kind: 'table', description: 'Protective MBR, GPT header and 128 partition entries' },
        { id: `${area.id}-gpt-backup`, name: 'backup GPT', space: area.space, start: space.size - (1 + entrySectors) * sector, end: space.size, kind: 'table', description: 'Backup partition entries and GPT header in the last sectors' },
      );
    }
  }
  return regions;
}

export const emmcFamily: Family = {
  id: 'emmc',
  title: 'eMMC / SD card',
  defaultDevice: () => ({
    family: 'emmc',
    size: 8 * GiB,
    geometry: { sectorSize: 512 },
    hardwarePartitions: [
      { name: 'boot0', size: 4 * MiB },
      { name: 'boot1', size: 4 * MiB },
    ],
  }),
  defaultAreas: (device) => [
    ...(device.hardwarePartitions ?? [])
      .filter((hw) => hw.name === 'boot0' || hw.name === 'boot1')
      .map((hw) => ({ id: hw.name, name: hw.name, space: hw.name, start: 0, size: 'rest' as const, table: 'none' as const })),
    { id: 'user', name: 'User area', space: 'main', start: 0, size: 'rest', table: 'gpt' },
  ],
  spaces,
  alignments,
  reservedRegions,
  rules: [],
  deviceSettings: { geometry: ['sectorSize'], bootPartitions: true, esp32: false },
  palette: [
    { label: 'Boot (vfat)', make: () => ({ name: 'boot', size: 64 * MiB, kind: 'filesystem', fs: 'vfat' }) },
    { label: 'Root filesystem (ext4)', make: () => ({ name: 'rootfs', size: 1 * GiB, kind: 'rootfs', fs: 'ext4' }) },
    { label: 'Data (ext4)', make: () => ({ name: 'data', size: 1 * GiB, kind: 'filesystem', fs: 'ext4' }) },
    { label: 'Swap', make: () => ({ name: 'swap', size: 512 * MiB, kind: 'data', fs: 'swap' }) },
    { label: 'Raw bootloader', make: () => ({ name: 'spl', size: 32 * KiB, kind: 'bootloader', raw: true }) },
  ],
};
