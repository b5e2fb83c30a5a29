/**
 * The eMMC/SD device as the tables see it: sector size, grain, the user area's table, where the
 * boot ROM reads the firmware and which partitions are that firmware.
 */
import type { Area, BootSource, EmmcOptions, LayoutDocument, Partition } from '../../model/document';
import { MiB } from '../../model/units';

export const EMMC_GRAIN = 1 * MiB;
export const DEFAULT_LINUX_DEVICE = '/dev/mmcblk0';
export const GPT_ENTRY_SIZE = 128;
export const GPT_DEFAULT_ENTRIES = 128;

export function emmcOptions(document: LayoutDocument): EmmcOptions {
  return document.device.emmc ?? {};
}

export function sectorSize(document: LayoutDocument): number {
  return document.device.geometry.sectorSize ?? 512;
}

export function grainOf(document: LayoutDocument): number {
  return emmcOptions(document).grain ?? EMMC_GRAIN;
}

export function linuxDevice(document: LayoutDocument): string {
  return emmcOptions(document).linuxDevice ?? DEFAULT_LINUX_DEVICE;
}

/** The area of the user area that carries the MBR or GPT (the first one with a table). */
export function tableArea(document: LayoutDocument): (Area & { table: 'mbr' | 'gpt' }) | undefined {
  return document.areas.find((area): area is Area & { table: 'mbr' | 'gpt' } => area.space === 'main' && (area.table === 'mbr' || area.table === 'gpt'));
}

export function hasBootPartitions(document: LayoutDocument): boolean {
  return (document.device.hardwarePartitions ?? []).some((hw) => hw.name === 'boot0' || hw.name === 'boot1');
}

/** Where the ROM reads the firmware: as set, else boot0 on an eMMC with boot partitions, else the user area. */
export function bootSource(document: LayoutDocument): BootSource {
  return emmcOptions(document).bootFrom ?? (hasBootPartitions(document) ? 'boot0' : 'user');
}

/** Boot firmware: raw bootloader or firmware images (not in any table). */
export function isBootFirmware(partition: Partition): boolean {
  return partition.raw === true && (partition.kind === 'bootloader' || partition.kind === 'firmware');
}

/** Sectors of a GPT entry array. */
export function entrySectors(entryCount: number, sector: number): number {
  return Math.ceil((entryCount * GPT_ENTRY_SIZE) / sector);
}

/** Byte offset of the primary entry array: as set, else LBA 2. */
export function entriesOffset(document: LayoutDocument): number {
  return emmcOptions(document).gpt?.entriesOffset ?? 2 * sectorSize(document);
}

export function entryCount(document: LayoutDocument): number {
  return emmcOptions(document).gpt?.entryCount ?? GPT_DEFAULT_ENTRIES;
}
