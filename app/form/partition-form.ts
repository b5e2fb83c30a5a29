/**
 * The partition form's model: its values (text and switches, as typed) for a partition, and the
 * schema that turns them back into the partition's fields. Which table fields apply depends on
 * the partition's area: ESP-IDF type/subtype/flags, an MBR type byte, a GPT type GUID.
 */
import { z } from 'zod';
import { FILESYSTEMS, formatHex, PARTITION_KINDS, type AreaTable, type Copies, type Partition, type PlacedPartition } from '../../src/index';
import { parseGuid, parseMbrType, mbrTypeText } from './disk-types';
import { parseSubtype, parseType, subtypeText, typeText, type Catalog } from './esp32-names';
import { byteCount, formSchema, nonEmpty, optional, positiveByteCount, wholeNumber, type FieldReader } from './fields';

const shape = {
  name: z.string(),
  offset: z.string(),
  offsetAuto: z.boolean(),
  size: z.string(),
  sizeRest: z.boolean(),
  kind: z.enum(PARTITION_KINDS),
  fs: z.union([z.literal(''), z.enum(FILESYSTEMS)]),
  align: z.string(),
  copies: z.boolean(),
  copyCount: z.string(),
  copySlot: z.string(),
  spareBlocks: z.string(),
  raw: z.boolean(),
  imageSize: z.string(),
  description: z.string(),
  esp32Type: z.string(),
  esp32Subtype: z.string(),
  encrypted: z.boolean(),
  readonly: z.boolean(),
  mbrType: z.string(),
  bootable: z.boolean(),
  gptType: z.string(),
};

export type PartitionFormValues = z.output<z.ZodObject<typeof shape>>;
export type PartitionChanges = Partial<Omit<Partition, 'id' | 'area'>>;

export interface PartitionFormContext {
  /** The partition as recorded. */
  partition: Partition;
  /** Where it is placed now (automatic offsets and "rest" sizes resolved). */
  placed?: PlacedPartition;
  /** The partition table of its area. */
  table?: AreaTable;
  catalog: Catalog;
}

/** The table-specific field groups that apply (a raw partition is in no table). */
export function partitionSections(table: AreaTable | undefined, raw: boolean) {
  return { esp32: table === 'esp32', mbr: table === 'mbr' && !raw, gpt: table === 'gpt' && !raw };
}

/** The ESP32 flags the form has switches for; other flags are kept as they are. */
const SWITCHED_FLAGS = ['encrypted', 'readonly'] as const;

export function partitionFormValues({ partition, placed, catalog }: PartitionFormContext): PartitionFormValues {
  const flags = partition.flags ?? [];
  return {
    name: partition.name,
    offset: formatHex(typeof partition.offset === 'number' ? partition.offset : (placed?.start ?? 0)),
    offsetAuto: partition.offset === 'auto',
    size: formatHex(typeof partition.size === 'number' ? partition.size : (placed?.size ?? 0)),
    sizeRest: partition.size === 'rest',
    kind: partition.kind,
    fs: partition.fs ?? '',
    align: partition.align === undefined ? '' : formatHex(partition.align),
    copies: partition.copies !== undefined,
    copyCount: String(partition.copies?.count ?? 2),
    copySlot: partition.copies?.slot === undefined ? '' : formatHex(partition.copies.slot),
    spareBlocks: String(partition.copies?.spareBlocks ?? 0),
    raw: partition.raw === true,
    imageSize: partition.imageSize === undefined ? '' : formatHex(partition.imageSize),
    description: partition.description ?? '',
    esp32Type: partition.esp32 ? typeText(partition.esp32.type) : '',
    esp32Subtype: partition.esp32 ? subtypeText(catalog, partition.esp32.type, partition.esp32.subtype) : '',
    encrypted: flags.includes('encrypted'),
    readonly: flags.includes('readonly'),
    mbrType: partition.mbr ? mbrTypeText(partition.mbr.type) : '',
    bootable: partition.mbr?.bootable === true,
    gptType: partition.gpt?.type ?? '',
  };
}

/** A switch keeps the recorded value when it still says the same (false stays false, absent stays absent). */
function switchValue(recorded: boolean | undefined, on: boolean): true | false | undefined {
  return Boolean(recorded) === on ? recorded : on || undefined;
}

type Reader = FieldReader<PartitionFormValues>;

function readCopies(reader: Reader): Copies | undefined {
  const count = reader.read('copyCount', wholeNumber(1, 64));
  const slot = reader.read('copySlot', optional(positiveByteCount));
  const spareBlocks = reader.read('spareBlocks', wholeNumber(0, 4096));
  if (count === undefined || spareBlocks === undefined) return undefined;
  return { count, ...(slot !== undefined ? { slot } : {}), spareBlocks };
}

function readEsp32(values: PartitionFormValues, reader: Reader, { partition, catalog }: PartitionFormContext): PartitionChanges {
  const type = reader.read('esp32Type', parseType);
  const subtype = type === undefined ? undefined : reader.read('esp32Subtype', parseSubtype(catalog, type));
  const recorded = partition.flags ?? [];
  const on = { encrypted: values.encrypted, readonly: values.readonly };
  const flags = [
    ...recorded.filter((flag) => !(flag in on) || on[flag as keyof typeof on]),
    ...SWITCHED_FLAGS.filter((flag) => on[flag] && !recorded.includes(flag)),
  ];
  return {
    esp32: type === undefined || subtype === undefined ? undefined : { type, subtype },
    flags: flags.length > 0 ? flags : partition.flags?.length === 0 ? partition.flags : undefined,
  };
}

function readMbr(values: PartitionFormValues, reader: Reader, { partition }: PartitionFormContext): Partition['mbr'] {
  if (values.mbrType.trim() === '') {
    if (values.bootable) reader.refuse('mbrType', 'a bootable partition needs a type byte');
    return undefined;
  }
  const type = reader.read('mbrType', parseMbrType);
  const bootable = switchValue(partition.mbr?.bootable, values.bootable);
  return type === undefined ? undefined : { type, ...(bootable !== undefined ? { bootable } : {}) };
}

function readGpt(values: PartitionFormValues, reader: Reader, { partition }: PartitionFormContext): Partition['gpt'] {
  if (values.gptType.trim() === '') {
    if (partition.gpt?.uuid || partition.gpt?.attributes) reader.refuse('gptType', 'a partition with its own GUID or attributes needs a type GUID');
    return undefined;
  }
  const type = reader.read('gptType', parseGuid);
  return type === undefined ? undefined : { ...partition.gpt, type };
}

function readPartition(values: PartitionFormValues, reader: Reader, context: PartitionFormContext): PartitionChanges {
  const { partition } = context;
  const sections = partitionSections(context.table, values.raw);
  const changes: PartitionChanges = {
    name: reader.read('name', nonEmpty),
    offset: values.offsetAuto ? 'auto' : reader.read('offset', byteCount),
    size: values.sizeRest ? 'rest' : reader.read('size', byteCount),
    kind: values.kind,
    fs: values.fs === '' ? undefined : values.fs,
    align: reader.read('align', optional(positiveByteCount)),
    copies: values.copies ? readCopies(reader) : undefined,
    raw: switchValue(partition.raw, values.raw),
    imageSize: reader.read('imageSize', optional(byteCount)),
    description: values.description === (partition.description ?? '') ? partition.description : values.description || undefined,
  };
  if (sections.esp32) Object.assign(changes, readEsp32(values, reader, context));
  if (sections.mbr) changes.mbr = readMbr(values, reader, context);
  if (sections.gpt) changes.gpt = readGpt(values, reader, context);
  return changes;
}

/** Values → the partition's changed fields, or a message at each refused field. */
export function partitionFormSchema(context: PartitionFormContext) {
  return formSchema(shape, (values, reader) => readPartition(values, reader, context));
}
