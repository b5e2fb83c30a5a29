/**
 * A layout written as a partition.config fragment in the SDK's own style (the codec's writer
 * puts in the references the vendor configs use: `$(ipl$(PATSIZE))(IPL)`, `$(ipl$(MTDPART))`,
 * `$(call multiplyhex, ...)`). Each partition and volume is written by its image (kept from the
 * config it came from, else the SDK's name for it); the fields the layout models come from the
 * layout, the rest from what was kept.
 */
import { FormatError } from '../../codecs/errors';
import { makeWords, writePartitionConfig, type ConfigModelImage, type PartitionConfigModel } from '../../codecs/partition-config';
import { quote } from '../../codecs/quote';
import { place } from '../../layout/place';
import type { PlacedPartition, Placement } from '../../layout/placement';
import type { LayoutDocument, Partition, Volume } from '../../model/document';
import { formatHex } from '../../model/units';
import { pushTo } from '../../model/collections';
import { bashHex } from './config-numbers';
import { documentMxpLists } from './mxp-bridge';
import { imageOf } from './names';
import { sstarNandBase } from './nand-base';
import { sstarNorBase } from './nor-base';
import { cisCopiesOf, sstarOptions } from './options';
import { pniEntryText, documentPniLists } from './pni-bridge';
import { pniEntries, type PniEntry } from './pni-entries';
import { restoreReferences, toMarkers } from './sdk-variables';

/** What one image writes: its partitions (in order) or its volume. */
export interface Writer {
  name: string;
  partitions: PlacedPartition[];
  volume?: { volume: Volume; size: number };
  /** Named from the layout's own record (not given by the SDK's naming). */
  kept: boolean;
}

/** Images one config image may write several partitions of. */
const SHARED = new Set(['kernel', 'uboot']);

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'image';
}

function writersOf(document: LayoutDocument, placement: Placement, nand: boolean): Writer[] {
  const writers = new Map<string, Writer>();
  const taken = new Set<string>([...(sstarOptions(document).config?.images ?? []).map((image) => image.name)]);
  const claim = (wanted: string, shareable: boolean): Writer => {
    const existing = writers.get(wanted);
    if (existing && shareable) return existing;
    let name = wanted;
    for (let n = 2; writers.has(name) || (taken.has(name) && !writers.has(name)); n++) name = `${wanted}_${n}`;
    const writer: Writer = { name, partitions: [], kept: false };
    writers.set(name, writer);
    return writer;
  };
  const ordered = ['boot', 'sys'].flatMap((area) => placement.partitions.filter((placed) => placed.areaId === area && !placed.partition.raw));
  const volumesOf = new Map<string, typeof placement.volumes>();
  for (const volume of placement.volumes) pushTo(volumesOf, volume.partitionId, volume);
  for (const placed of ordered) {
    const { partition } = placed;
    const explicit = partition.sstar?.image;
    const wanted = explicit ?? imageOf(partition.name, nand);
    if (wanted !== undefined) {
      const writer = claim(safeName(wanted), explicit !== undefined || SHARED.has(wanted));
      writer.partitions.push(placed);
      if (explicit !== undefined) writer.kept = true;
    }
    for (const volume of volumesOf.get(partition.id) ?? []) {
      const name = volume.volume.sstar?.image ?? volume.volume.name;
      const writer = claim(safeName(name), false);
      writer.volume = { volume: volume.volume, size: volume.size };
      writer.kept = volume.volume.sstar !== undefined;
    }
  }
  return [...writers.values()];
}

/** The fields of the first record of an image, and its FSTYPE/OPTIONS from the layout. */
function keptFields(record: Partition | Volume): Record<string, string> {
  return { ...record.sstar?.fields };
}

function mountOptions(fields: Record<string, string>, readOnly: boolean | undefined): void {
  if (readOnly === true) fields.OPTIONS = 'ro';
  else if (readOnly === false) fields.OPTIONS = 'rw';
}

function imageFields(writer: Writer, document: LayoutDocument, entries: Map<string, PniEntry[]>, nand: boolean, warnings: string[]): Record<string, string> {
  if (writer.volume) {
    const { volume, size } = writer.volume;
    const fields = keptFields(volume);
    if (volume.size === 'rest') warnings.push(`volume ${quote(volume.name)} takes the rest of the UBI partition: written as its size now, ${formatHex(size)}`);
    fields.FSTYPE = volume.fs ?? 'ubifs';
    fields.PATSIZE = formatHex(volume.size === 'rest' ? size : volume.size);
    mountOptions(fields, volume.readOnly);
    return fields;
  }
  const first = writer.partitions[0];
  const { partition } = first;
  const fields = keptFields(partition);
  if (partition.fs) fields.FSTYPE = partition.fs;
  if (partition.flags?.includes('readonly')) fields.OPTIONS = 'ro';
  const copies = partition.copies;
  if (nand && copies && writer.name !== 'cis') {
    const slot = first.copies[0] ? first.copies[0].slotEnd - first.copies[0].start : first.size;
    const replicas = partition.sstar?.replicas ?? 1;
    fields.DATASIZE = formatHex(slot);
    fields.COPIES = String(replicas);
    fields.BKCOUNT = String(copies.spareBlocks);
    fields.PATCOUNT = String(copies.count);
    // multiplyhex prints with bash's printf "0x%x"; a PATSIZE the config gave otherwise was kept.
    fields.PATSIZE = partition.sstar?.fields?.PATSIZE ?? bashHex(replicas * slot);
  } else {
    fields.PATSIZE = formatHex(first.size);
  }
  if (nand && writer.name === 'cis' && sstarOptions(document).cisCopies !== undefined) fields.COPIES = String(cisCopiesOf(document));
  if (nand && writer.name !== 'cis') {
    fields.MTDPART = writer.partitions.flatMap((placed) => entries.get(placed.partition.id) ?? []).map(pniEntryText).join(',');
  }
  return fields;
}

/** The mxp or cis image's two tables: what image.mk hands mxpgenerator or pnigenerator. */
function tableFields(name: string, document: LayoutDocument, placement: Placement, nand: boolean): Record<string, string> {
  if (!nand && name === 'mxp') {
    const { bootList, sysList } = documentMxpLists(document);
    return { BOOTTAB: `"${bootList}"`, SYSTAB: `"${sysList}"` };
  }
  if (nand && name === 'cis') {
    const entries = pniEntries(document, placement);
    const first = entries[0];
    if (!first || first.list !== 'BOOT' || first.name !== 'CIS' || first.start !== 0 || first.explicit) {
      throw new FormatError('image.mk writes the -t list as "$(cis$(PATSIZE))(CIS),$(cis$(BOOTTAB))": the BOOT area must start with the CIS partition at 0');
    }
    const { bootList, sysList } = documentPniLists(document, placement);
    return { BOOTTAB: bootList.slice(pniEntryText(first).length + 1), SYSTAB: sysList };
  }
  return {};
}

/** Images the SDK's script makefiles have rules for, besides those with an FSTYPE. */
const SCRIPTED = new Set(['mxp', 'cis', 'ipl', 'ipl_cust', 'uboot', 'kernel', 'logo', 'boot']);

function imageList(writers: Writer[], fields: Map<string, Record<string, string>>, stored: string | undefined): { listed: string[]; unlisted: string[] } {
  const names = writers.map((writer) => writer.name);
  const scripted = (name: string) => SCRIPTED.has(name) || (fields.get(name)?.FSTYPE ?? '') !== '';
  if (stored === undefined) {
    // mxp comes first in the SDK's NOR lists: its table must be on the flash before the others are burnt by name.
    const order = [...names.filter((name) => name === 'mxp'), ...names.filter((name) => name !== 'mxp')];
    return { listed: order.filter(scripted), unlisted: order.filter((name) => !scripted(name)) };
  }
  const words = makeWords(stored);
  const wordSet = new Set(words);
  const nameSet = new Set(names);
  const fresh = writers.filter((writer) => !writer.kept && !wordSet.has(writer.name) && scripted(writer.name)).map((writer) => writer.name);
  const listed = [...new Set(words.filter((word) => nameSet.has(word))), ...fresh];
  const listedSet = new Set(listed);
  return { listed, unlisted: names.filter((name) => !listedSet.has(name)) };
}

export interface SdkImages {
  model: PartitionConfigModel;
  /** By image name: the partitions or the volume it writes. */
  writers: Map<string, Writer>;
  placement: Placement;
  warnings: string[];
}

/** The config model of a layout, with what each image writes (the burn scripts need both). */
export function documentConfigModel(document: LayoutDocument): SdkImages {
  const nand = document.device.family === 'sstar-nand';
  if (!nand && document.device.family !== 'sstar-nor') throw new FormatError(`a partition.config is written for a SigmaStar layout, not a ${document.device.family} one`);
  const placement = place(document, nand ? sstarNandBase : sstarNorBase);
  const warnings: string[] = [];
  const options = sstarOptions(document);
  const writers = writersOf(document, placement, nand);
  const fields = new Map<string, Record<string, string>>();
  // Each partition's PNI entries, made once: an image's MTDPART is its partitions' entries.
  const entries = new Map<string, PniEntry[]>();
  if (nand) for (const entry of pniEntries(document, placement)) pushTo(entries, entry.partitionId, entry);
  for (const writer of writers) fields.set(writer.name, { ...imageFields(writer, document, entries, nand, warnings), ...tableFields(writer.name, document, placement, nand) });
  const stored = options.config?.globals ?? {};
  const { listed, unlisted } = imageList(writers, fields, stored.IMAGE_LIST);
  const globals: Record<string, string> = { ...stored, IMAGE_LIST: listed.join(' ') };
  globals.FLASH_TYPE ??= nand ? 'spinand' : 'nor';
  globals.PAT_TABLE ??= nand ? 'ubi' : 'spi';
  if (nand && options.cisCopies !== undefined) globals.CIS_COPIES = String(options.cisCopies);
  if (stored.USR_MOUNT_BLOCKS !== undefined) globals.USR_MOUNT_BLOCKS = makeWords(stored.USR_MOUNT_BLOCKS).filter((word) => fields.has(word)).join(' ');
  const images: ConfigModelImage[] = [...listed, ...unlisted].map((name) => ({ name, fields: fields.get(name) ?? {} }));
  for (const orphan of options.config?.images ?? []) images.push({ name: orphan.name, fields: { ...orphan.fields } });
  return { model: { globals, images, others: options.config?.others ?? [] }, writers: new Map(writers.map((writer) => [writer.name, writer])), placement, warnings };
}

/** The model with every `$(NAME)` of a value as the marker the writer passes through. */
function marked(model: PartitionConfigModel): PartitionConfigModel {
  const map = (record: Record<string, string | undefined>) => Object.fromEntries(Object.entries(record).flatMap(([key, value]) => (value === undefined ? [] : [[key, toMarkers(value)]])));
  return {
    globals: map(model.globals),
    images: model.images.map((image) => ({ name: image.name, fields: map(image.fields) })),
    others: model.others.map((other) => ({ name: other.name, value: toMarkers(other.value) })),
  };
}

export function documentToConfig(document: LayoutDocument): { text: string; warnings: string[] } {
  const { model, warnings } = documentConfigModel(document);
  return { text: restoreReferences(writePartitionConfig(marked(model))), warnings };
}
