/**
 * The boot firmware's place, the choice boards with a boot image make: in a hardware boot
 * partition (boot0 active, boot1 the inactive copy an update writes first) or merged into the
 * user area at the SoC's raw offset. Moving it is one edit of the layout; the rules then check
 * the new place (the table's own sectors, the SoC's offset, the partition's size).
 */
import type { FamilyChoice } from '../../layout/family';
import type { BootSource, LayoutDocument, Partition } from '../../model/document';
import { formatHex, KiB } from '../../model/units';
import { bootSource, emmcOptions, hasBootPartitions, isBootFirmware, tableArea } from './disk';
import { socById, SOCS } from './socs';

/** Where the firmware goes in the user area when no SoC is chosen: the most common raw offset. */
const FALLBACK_USER_OFFSET = 32 * KiB;

export function areaOfSource(document: LayoutDocument, source: BootSource) {
  return source === 'user' ? (tableArea(document) ?? document.areas.find((a) => a.space === 'main')) : document.areas.find((a) => a.space === source);
}

/** The firmware the ROM reads: the first boot firmware partition in the area of the source. */
export function activeFirmware(document: LayoutDocument, source = bootSource(document)): Partition | undefined {
  const area = areaOfSource(document, source);
  return area && document.partitions.find((p) => p.area === area.id && isBootFirmware(p));
}

/** The offset the ROM reads the firmware from in `source`, or undefined when no SoC says. */
export function romOffset(document: LayoutDocument, source = bootSource(document)): number | undefined {
  const soc = socById(emmcOptions(document).soc);
  if (!soc) return undefined;
  return source === 'user' ? soc.userOffset : soc.bootPartitionOffset;
}

function withBootFrom(document: LayoutDocument, source: BootSource): LayoutDocument {
  return { ...document, device: { ...document.device, emmc: { ...emmcOptions(document), bootFrom: source } } };
}

/** The layout with the ROM reading from `target`, the active firmware moved there when it changes device. */
export function moveBootFirmware(document: LayoutDocument, target: BootSource): LayoutDocument {
  const source = bootSource(document);
  const next = withBootFrom(document, target);
  const targetArea = areaOfSource(document, target);
  const firmware = activeFirmware(document, source);
  // Between boot0 and boot1 only the enable bits change: each keeps its copy.
  if (!firmware || !targetArea || source === target || (source !== 'user' && target !== 'user')) return next;
  if (target !== 'user' && activeFirmware(document, target)) return next;
  const offset = romOffset(document, target) ?? (target === 'user' ? FALLBACK_USER_OFFSET : 0);
  const moved: Partition = { ...firmware, area: targetArea.id, offset, size: fixedSize(document, firmware) };
  return { ...next, partitions: next.partitions.map((p) => (p.id === firmware.id ? moved : p)) };
}

/** A "rest" firmware fills its boot partition; moved elsewhere it keeps that size. */
function fixedSize(document: LayoutDocument, firmware: Partition): number {
  if (typeof firmware.size === 'number') return firmware.size;
  const space = document.areas.find((a) => a.id === firmware.area)?.space;
  const spaceSize = document.device.hardwarePartitions?.find((hw) => hw.name === space)?.size ?? document.device.size;
  return Math.max(0, spaceSize - (typeof firmware.offset === 'number' ? firmware.offset : 0));
}

const SOURCE_LABELS: Record<BootSource, string> = {
  boot0: 'Hardware partition boot0 (boot1 keeps the inactive copy)',
  boot1: 'Hardware partition boot1 (boot0 keeps the inactive copy)',
  user: 'User area, at the SoC’s raw offset',
};

export const bootFirmwareChoice: FamilyChoice = {
  id: 'boot-firmware',
  label: 'Boot firmware',
  options: (document) => (hasBootPartitions(document) ? (['boot0', 'boot1', 'user'] as const) : (['user'] as const)).map((value) => ({ value, label: SOURCE_LABELS[value] })),
  value: (document) => bootSource(document),
  apply: (document, value) => moveBootFirmware(document, value as BootSource),
  hint: (document) => {
    const offset = romOffset(document);
    const where = bootSource(document);
    return offset === undefined ? (where === 'user' ? 'choose the SoC for its raw offset' : undefined) : `the ROM reads it at ${formatHex(offset)} of ${where === 'user' ? 'the user area' : where}`;
  },
};

export const socChoice: FamilyChoice = {
  id: 'soc',
  label: 'SoC boot ROM',
  options: () => [{ value: '', label: 'Not chosen' }, ...SOCS.map((soc) => ({ value: soc.id, label: soc.name }))],
  value: (document) => emmcOptions(document).soc ?? '',
  apply: (document, value) => {
    const { soc: _soc, ...rest } = emmcOptions(document);
    return { ...document, device: { ...document.device, emmc: value === '' ? rest : { ...rest, soc: value } } };
  },
};

export const tableChoice: FamilyChoice = {
  id: 'table',
  label: 'User area table',
  options: () => [
    { value: 'gpt', label: 'GPT' },
    { value: 'mbr', label: 'MBR (DOS)' },
  ],
  value: (document) => tableArea(document)?.table ?? 'gpt',
  apply: (document, value) => {
    const area = tableArea(document) ?? document.areas.find((a) => a.space === 'main');
    if (!area || (value !== 'gpt' && value !== 'mbr')) return document;
    return { ...document, areas: document.areas.map((a) => (a.id === area.id ? { ...a, table: value } : a)) };
  },
};
