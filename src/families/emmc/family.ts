/**
 * eMMC and SD cards: the user area (with an MBR or GPT table, raw bootloader offsets such as an
 * SPL at 8 KiB) and the hardware boot partitions boot0/boot1, each its own address space (RPMB is
 * shown, never written). Offsets and sizes are whole sectors; partitions in a table should start
 * on the grain (1 MiB, as fdisk, sfdisk and genimage use) unless the layout sets another.
 */
import { emitGpt } from '../../codecs/gpt';
import { emitMbr } from '../../codecs/mbr';
import type { BytePiece, Family } from '../../layout/family';
import { place } from '../../layout/place';
import type { AddressSpace, AlignmentRequirement, ReservedRegion } from '../../layout/regions';
import type { Device, LayoutDocument, Partition } from '../../model/document';
import { formatHuman, GiB, KiB, MiB } from '../../model/units';
import { bootFirmwareChoice, socChoice, tableChoice } from './boot-firmware';
import { compareEmmc } from './compare';
import { grainOf, sectorSize, tableArea } from './disk';
import { EMMC_RULES } from './rules';
import { overlapping, rawExtents, tableStructures } from './structures';
import { diskTableOf, type DiskTable } from './table';
import { diskGuidOf, diskSignatureOf, partitionGuidOf } from './derived-ids';
import { gptTypeOf } from './partition-types';

function spaces(device: Device): AddressSpace[] {
  return [
    { id: 'main', name: 'User area', size: device.size },
    ...(device.hardwarePartitions ?? []).map((hw) => ({ id: hw.name, name: hw.name === 'rpmb' ? 'RPMB (authenticated access only)' : hw.name, size: hw.size })),
  ];
}

function alignments(partition: Partition, document: LayoutDocument): AlignmentRequirement[] {
  const sector = sectorSize(document);
  const requirements: AlignmentRequirement[] = [];
  const inTable = !partition.raw && document.areas.find((a) => a.id === partition.area)?.space === 'main';
  const grain = grainOf(document);
  if (inTable) requirements.push({ of: 'offset', value: grain, severity: 'warning', reason: `${formatHuman(grain)} partitioning grain` });
  requirements.push(
    { of: 'offset', value: sector, severity: 'error', reason: `${sector}-byte sector` },
    { of: 'size', value: sector, severity: 'error', reason: `${sector}-byte sector` },
  );
  return requirements;
}

/**
 * The table's own sectors. One that a raw bootloader covers is left out: the eMMC rule reports
 * that collision with the fix that fits (moving the entry array), not a move of the bootloader
 * away from the offset its ROM reads.
 */
function reservedRegions(document: LayoutDocument): ReservedRegion[] {
  const area = tableArea(document);
  if (!area) return [];
  const raws = rawExtents(document);
  return tableStructures(document)
    .filter((structure) => !raws.some((raw) => overlapping(raw, structure)))
    .map((structure) => ({ id: `${area.id}-${structure.id}`, name: structure.name, space: area.space, start: structure.start, end: structure.end, kind: 'table', description: structure.description }));
}

/** The table's bytes as pieces of the user area. */
export function tablePieces(table: DiskTable): BytePiece[] {
  const { sectorSize: sector, diskSectors } = table;
  return table.label === 'dos' ? emitMbr(table.table, { sectorSize: sector, diskSectors }) : emitGpt(table.table, { sectorSize: sector, diskSectors, entriesLba: table.entriesLba, entryCount: table.entryCount });
}

/**
 * The table's identifiers written into the layout (see derived-ids.ts): the disk GUID and every
 * entry's GUID of a GPT, the disk signature of an MBR. Unchanged documents come back as they are.
 */
function normalize(document: LayoutDocument): LayoutDocument {
  const area = tableArea(document);
  if (!area) return document;
  const options = document.device.emmc ?? {};
  let device = document.device;
  let partitions = document.partitions;
  if (area.table === 'gpt') {
    if (!options.gpt?.diskGuid) device = { ...device, emmc: { ...options, gpt: { ...options.gpt, diskGuid: diskGuidOf(document) } } };
    if (partitions.some((p) => p.area === area.id && !p.raw && !p.gpt?.uuid)) {
      partitions = partitions.map((p) => (p.area === area.id && !p.raw && !p.gpt?.uuid ? { ...p, gpt: { type: gptTypeOf(p), ...p.gpt, uuid: partitionGuidOf(document, p) } } : p));
    }
  } else if (options.mbr?.diskSignature === undefined) {
    device = { ...device, emmc: { ...options, mbr: { ...options.mbr, diskSignature: diskSignatureOf(document) } } };
  }
  return device === document.device && partitions === document.partitions ? document : { ...document, device, partitions };
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
  rules: EMMC_RULES,
  normalize,
  deviceSettings: { geometry: ['sectorSize'], bootPartitions: true, esp32: false },
  // RPMB is written through authenticated frames only: nothing of a layout goes there.
  acceptsNewPartitions: (area) => area.space !== 'rpmb',
  imagePieces: (document, space) => {
    if (space !== 'main') return [];
    const table = diskTableOf(document, place(document, emmcFamily));
    return table ? tablePieces(table) : [];
  },
  choices: [bootFirmwareChoice, socChoice, tableChoice],
  compare: compareEmmc,
  palette: [
    { label: 'Boot (vfat)', make: () => ({ name: 'boot', size: 64 * MiB, kind: 'filesystem', fs: 'vfat' }) },
    { label: 'Root filesystem (ext4)', make: () => ({ name: 'rootfs', size: 1 * GiB, kind: 'rootfs', fs: 'ext4' }) },
    { label: 'Data (ext4)', make: () => ({ name: 'data', size: 1 * GiB, kind: 'filesystem', fs: 'ext4' }) },
    { label: 'Swap', make: () => ({ name: 'swap', size: 512 * MiB, kind: 'data', fs: 'swap' }) },
    { label: 'U-Boot environment', make: () => ({ name: 'uboot-env', size: 1 * MiB, kind: 'env' }) },
    { label: 'Raw bootloader', make: () => ({ name: 'spl', size: 32 * KiB, kind: 'bootloader', raw: true }) },
  ],
};
