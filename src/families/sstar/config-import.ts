/**
 * A partition.config read into a layout. The tables make the partitions, exactly as the SDK's
 * image.mk hands them to its tools: on SPI-NOR `mxpgenerator $(mxp$(BOOTTAB)) $(mxp$(SYSTAB))`,
 * on SPI-NAND `pnigenerator ... -t "$(cis$(PATSIZE))(CIS),$(cis$(BOOTTAB))" -y "$(cis$(SYSTAB))"`.
 * Each partition then learns its image: on NAND the image whose MTDPART lists it, on NOR the
 * image named after it; ubifs images become volumes of the UBI partition. What the layout models
 * comes out of the image's fields (FSTYPE, OPTIONS, DATASIZE, COPIES, BKCOUNT, PATCOUNT); what it
 * does not is kept with the partition, the volume or the device, so the config is written back.
 */
import { FormatError } from '../../codecs/errors';
import { parseMxpList } from '../../codecs/mxp';
import type { ConfigImage, ConfigValue, PartitionConfig } from '../../codecs/partition-config';
import { parsePniArgs, parsePniList } from '../../codecs/pni';
import { quote } from '../../codecs/quote';
import { place } from '../../layout/place';
import { FILESYSTEMS, type Device, type Filesystem, type LayoutDocument, type Partition, type SstarImage, type SstarOptions, type Volume } from '../../model/document';
import { idAllocator } from '../../model/ids';
import { formatHex, formatHuman, GiB, KiB, MiB, parseBytes } from '../../model/units';
import { powerOfTwoFor, sstarDocument } from './carry';
import { configNumber } from './config-numbers';
import { readConfigWithChoices, type ConfigChoice } from './config-read';
import { nandGeometry } from './geometry';
import { imageOf, kindOf } from './names';
import { sstarNandBase } from './nand-base';
import { sstarNorBase } from './nor-base';
import { pniArgsToTables } from './pni-bridge';
import { fromMarkers } from './sdk-variables';

export interface ConfigImportOptions {
  /** Values for the variables the conditions test (FLASH_SIZE...); "" leaves one unset. */
  defines?: Readonly<Record<string, string>>;
  /** The flash size, when the config does not say it. */
  deviceSize?: number;
}

export interface ConfigImport {
  document: LayoutDocument;
  warnings: string[];
  choices: ConfigChoice[];
}

type Fields = Partial<Record<string, ConfigValue>>;

/** Fields the layout models for every image, written from it; the others are kept as read. */
const MODELLED = ['PATSIZE', 'FSTYPE', 'MTDPART', 'BOOTTAB', 'SYSTAB', 'OPTIONS'];
/** Fields a boot-copy image's copies stand for (DATASIZE slot, COPIES replicas, BKCOUNT spare blocks, PATCOUNT copies). */
const COPY_FIELDS = ['DATASIZE', 'COPIES', 'BKCOUNT', 'PATCOUNT'];

/** What the layout writes of an image: its copies' fields if its first partition has copies; the cis COPIES is CIS_COPIES. */
function modelledFields(image: ConfigImage, copies: boolean): Set<string> {
  return new Set([...MODELLED, ...(copies ? COPY_FIELDS : []), ...(image.name === 'cis' ? ['COPIES'] : [])]);
}

const isFilesystem = (value: string): value is Filesystem => (FILESYSTEMS as readonly string[]).includes(value);

function located(error: unknown, what: string, value: ConfigValue): never {
  if (!(error instanceof FormatError)) throw error;
  throw new FormatError(`${what} (line ${value.line}): ${error.message}`, { line: value.line }, `${what}: ${error.message}`);
}

function required(image: ConfigImage | undefined, field: string, why: string): ConfigValue {
  const value = image?.fields[field as keyof ConfigImage['fields']];
  if (!value) throw new FormatError(`${image?.name ?? 'the config'} has no ${field}: ${why}`, {}, `${image?.name ?? 'the config'} has no ${field}: ${why}`);
  return value;
}

/** `"0x10000(IPL),..."`: the quotes the mxp tables carry for the shell. */
function unquoted(text: string): string {
  const trimmed = text.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

interface ImageUse {
  fs?: Filesystem;
  options?: string;
  sstar: SstarImage;
}

/** An image's fields as a partition or volume keeps them: the modelled ones taken out, FSTYPE as a filesystem. */
function imageUse(image: ConfigImage, copies: boolean, warnings: string[]): ImageUse {
  const fields: Record<string, string> = {};
  const own = image.fields as Fields;
  const modelled = modelledFields(image, copies);
  for (const [field, value] of Object.entries(own)) {
    if (value && !modelled.has(field)) fields[field] = fromMarkers(value.value);
  }
  const fstype = own.FSTYPE?.value.trim();
  let fs: Filesystem | undefined;
  if (fstype) {
    if (isFilesystem(fstype)) fs = fstype;
    else {
      fields.FSTYPE = fstype;
      warnings.push(`${image.name}: FSTYPE ${quote(fstype)} is not a filesystem the layout knows; kept as it is`);
    }
  }
  const options = own.OPTIONS?.value.trim();
  return { fs, ...(options ? { options } : {}), sstar: { image: image.name, ...(Object.keys(fields).length > 0 ? { fields } : {}) } };
}

/** OPTIONS ro becomes the read-only flag; anything else (rw) is kept as it is. */
function withOptions(use: ImageUse): { flags?: string[]; sstar: SstarImage } {
  if (use.options === 'ro') return { flags: ['readonly'], sstar: use.sstar };
  if (use.options === undefined) return { sstar: use.sstar };
  return { sstar: { ...use.sstar, fields: { ...use.sstar.fields, OPTIONS: use.options } } };
}

function flashOf(config: PartitionConfig, images: ConfigImage[]): 'nor' | 'nand' {
  const type = config.globals.FLASH_TYPE?.value.trim();
  if (type === 'nor') return 'nor';
  if (type === 'spinand' || type === 'nand') return 'nand';
  if (images.some((image) => image.name === 'mxp' && image.fields.BOOTTAB)) return 'nor';
  if (images.some((image) => image.name === 'cis' && image.fields.BOOTTAB)) return 'nand';
  const line = config.globals.FLASH_TYPE?.line;
  throw new FormatError(
    `FLASH_TYPE is ${type === undefined ? 'not set' : quote(type)}, and there is no mxp or cis image with a BOOTTAB: this is not a SigmaStar SPI-NOR or SPI-NAND partition.config`,
    line ? { line } : {},
  );
}

/** The names a config written back can hold (make takes almost any; the SDK's are words). */
const MAKE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

function checkName(name: string, what: string, line: number | undefined): void {
  if (MAKE_NAME.test(name)) return;
  const reason = `${what} ${quote(name)} is not a name the layout keeps for writing the config back: at most 64 letters, digits, "_", "." or "-"`;
  throw new FormatError(line !== undefined ? `line ${line}: ${reason}` : reason, line !== undefined ? { line } : {}, reason);
}

/** Globals and other variables the layout keeps for writing the config back. */
function configOptions(config: PartitionConfig, orphans: ConfigImage[]): NonNullable<SstarOptions['config']> {
  for (const other of config.others) checkName(other.name, 'the variable', other.line);
  const globals: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.globals)) if (value && name !== 'CIS_COPIES') globals[name] = fromMarkers(value.value);
  return {
    globals,
    others: config.others.map((other) => ({ name: other.name, value: fromMarkers(other.value) })),
    images: orphans.map((image) => ({
      name: image.name,
      fields: Object.fromEntries(Object.entries(image.fields).flatMap(([field, value]) => (value ? [[field, fromMarkers(value.value)]] : []))),
    })),
  };
}

/** Gives each partition its image, the image's fields going to the first partition it writes. */
function assignImages(partitions: Partition[], owner: (partition: Partition) => ConfigImage | undefined, warnings: string[]): Set<string> {
  const used = new Set<string>();
  for (const partition of partitions) {
    const image = owner(partition);
    if (!image) continue;
    if (used.has(image.name)) {
      partition.sstar = { ...partition.sstar, image: image.name };
      continue;
    }
    used.add(image.name);
    const use = imageUse(image, partition.copies !== undefined, warnings);
    const { flags, sstar } = withOptions(use);
    // copyFields may have set COPIES and a PATSIZE that differs from COPIES × DATASIZE.
    const before = partition.sstar;
    const fields = { ...sstar.fields, ...before?.fields };
    partition.sstar = { ...sstar, ...(before?.replicas !== undefined ? { replicas: before.replicas } : {}), ...(Object.keys(fields).length > 0 ? { fields } : {}) };
    if (use.fs) partition.fs = use.fs;
    if (flags) partition.flags = flags;
    partition.kind = kindOf(partition.name, partition.fs);
  }
  return used;
}

function norTables(images: ConfigImage[], warnings: string[]): Partition[] {
  const mxp = images.find((image) => image.name === 'mxp');
  const boottab = required(mxp, 'BOOTTAB', 'image.mk gives mxpgenerator mxp$(BOOTTAB) and mxp$(SYSTAB)');
  const systab = required(mxp, 'SYSTAB', 'image.mk gives mxpgenerator mxp$(BOOTTAB) and mxp$(SYSTAB)');
  const list = (value: ConfigValue, name: 'BOOT' | 'SYS') => {
    try {
      return parseMxpList(unquoted(value.value), name);
    } catch (error) {
      return located(error, `mxp$(${name === 'BOOT' ? 'BOOTTAB' : 'SYSTAB'})`, value);
    }
  };
  const uniqueId = idAllocator();
  const byName = new Map(images.map((image) => [image.name, image]));
  const partitions = [...list(boottab, 'BOOT').map((entry) => ({ entry, area: 'boot' })), ...list(systab, 'SYS').map((entry) => ({ entry, area: 'sys' }))].map(
    ({ entry, area }): Partition => ({ id: uniqueId(entry.name), name: entry.name, area, offset: 'auto', size: entry.size, kind: kindOf(entry.name) }),
  );
  const owner = (partition: Partition) => {
    const name = imageOf(partition.name, false);
    return name === undefined ? undefined : byName.get(name);
  };
  const used = assignImages(partitions, owner, warnings);
  for (const partition of partitions) {
    const image = owner(partition);
    const patsize = image?.fields.PATSIZE;
    if (image && patsize && partition.sstar?.fields !== undefined && configNumber(patsize.value, `${image.name} PATSIZE`, patsize.line) !== partition.size) {
      warnings.push(`${image.name} PATSIZE is ${patsize.value} but mxp's table gives ${partition.name} ${formatHex(Number(partition.size))}; the table is what mxpgenerator uses`);
    }
  }
  used.add('mxp');
  return partitions;
}

/** UBI_MLC_TYPE (spec §3): 0 is 128 KiB blocks of 2 KiB pages, 1 is 256 KiB of 4 KiB, 2 is 1 MiB of 8 KiB. */
const MLC_TYPES: Record<string, { block: number; page: number }> = {
  '0': { block: 128 * KiB, page: 2 * KiB },
  '1': { block: 256 * KiB, page: 4 * KiB },
  '2': { block: 1 * MiB, page: 8 * KiB },
};

/** SPI-NAND sizes tried, smallest first, when the config does not say which flash it is for. */
const NAND_SIZES = [128 * MiB, 256 * MiB, 512 * MiB, 1 * GiB, 2 * GiB];

interface NandReading {
  partitions: Partition[];
  device: Device;
  used: Set<string>;
}

function nandTables(config: PartitionConfig, images: ConfigImage[], base: Device, size: number, warnings: string[]): NandReading {
  const cis = images.find((image) => image.name === 'cis');
  const why = 'image.mk gives pnigenerator -t "$(cis$(PATSIZE))(CIS),$(cis$(BOOTTAB))" -y "$(cis$(SYSTAB))"';
  const patsize = required(cis, 'PATSIZE', why);
  const boottab = required(cis, 'BOOTTAB', why);
  const systab = cis?.fields.SYSTAB;
  const mlc = config.globals.UBI_MLC_TYPE?.value.trim();
  const fromMlc = mlc !== undefined ? MLC_TYPES[mlc] : undefined;
  const geometry = nandGeometry(base);
  const block = fromMlc?.block ?? geometry.blockBytes;
  const page = fromMlc?.page ?? geometry.pageBytes;
  const argv = [
    ...['-s', String(geometry.spareBytes), '-p', String(page), '-b', String(block / page), '-k', String(Math.floor(size / block)), '-u', '8', '-l', formatHex(block)],
    ...['-t', `${patsize.value.trim()}(CIS),${boottab.value.trim()}`],
    ...(systab && systab.value.trim() !== '' ? ['-y', systab.value.trim()] : []),
    ...['-o', 'PARTINFO.pni'],
  ];
  let tables;
  try {
    tables = pniArgsToTables(parsePniArgs(argv), { ...sstarDocument('', base, [], []) });
  } catch (error) {
    located(error, 'the cis tables (pnigenerator -t "$(cis$(PATSIZE))(CIS),$(cis$(BOOTTAB))" -y "$(cis$(SYSTAB))")', boottab);
  }
  warnings.push(...tables.warnings);
  const partitions = [...tables.boot, ...tables.sys];
  // The image that writes a partition is the one whose MTDPART lists it (kernel: KERNEL and RECOVERY).
  const writer = new Map<string, ConfigImage>();
  for (const image of images) {
    const mtdpart = image.fields.MTDPART;
    if (!mtdpart || mtdpart.value.trim() === '') continue;
    try {
      for (const entry of parsePniList(mtdpart.value.trim(), { option: '-t' })) if (!writer.has(entry.name)) writer.set(entry.name, image);
    } catch (error) {
      located(error, `${image.name} MTDPART`, mtdpart);
    }
  }
  const byName = new Map(images.map((image) => [image.name, image]));
  const firstName = (partition: Partition) => (partition.copies ? `${partition.name}0` : partition.name);
  const owner = (partition: Partition) => writer.get(firstName(partition)) ?? writer.get(partition.name) ?? (partition.name === 'CIS' ? byName.get('cis') : undefined);
  // DATASIZE, COPIES, BKCOUNT and PATCOUNT describe the first partition an image writes (UBOOT, not ENV).
  const seen = new Set<string>();
  for (const partition of partitions) {
    const image = owner(partition);
    if (!image || seen.has(image.name)) continue;
    seen.add(image.name);
    if (partition.copies) copyFields(partition, image, warnings);
  }
  const used = assignImages(partitions, owner, warnings);
  used.add('cis');
  return { partitions, device: tables.device, used };
}

/** DATASIZE, COPIES, BKCOUNT, PATCOUNT of a boot-copy image against the copies its MTDPART gives. */
function copyFields(partition: Partition, image: ConfigImage, warnings: string[]): void {
  const copies = partition.copies!;
  const number = (field: 'DATASIZE' | 'COPIES' | 'BKCOUNT' | 'PATCOUNT' | 'PATSIZE') => {
    const value = image.fields[field];
    return value === undefined ? undefined : configNumber(value.value, `${image.name} ${field}`, value.line);
  };
  const data = number('DATASIZE');
  const replicas = number('COPIES');
  const bkcount = number('BKCOUNT');
  const patcount = number('PATCOUNT');
  if (data !== undefined && data !== copies.slot) warnings.push(`${image.name} DATASIZE is ${formatHex(data)} but its MTDPART gives ${partition.name}'s copies ${formatHex(copies.slot ?? 0)}; the MTDPART is what the tools use`);
  if (bkcount !== undefined && bkcount !== copies.spareBlocks) warnings.push(`${image.name} BKCOUNT is ${bkcount} but its MTDPART gives ${copies.spareBlocks} spare blocks; the MTDPART is what the tools use`);
  if (patcount !== undefined && patcount !== copies.count) warnings.push(`${image.name} PATCOUNT is ${patcount} but its MTDPART lists ${copies.count} cop${copies.count === 1 ? 'y' : 'ies'}; the MTDPART is what the tools use`);
  if (replicas !== undefined && replicas >= 1 && replicas <= 64) partition.sstar = { image: image.name, replicas };
  const patsize = number('PATSIZE');
  // PATSIZE is COPIES × DATASIZE in the vendor configs but for one (i6b0 uboot: 0x60000 for one 0x40000 copy): keep what differs.
  if (patsize !== undefined && patsize !== (replicas ?? 1) * (data ?? copies.slot ?? 0)) {
    const value = image.fields.PATSIZE!.value;
    partition.sstar = { image: image.name, ...partition.sstar, fields: { PATSIZE: value } };
  }
}

/** The ubifs images as volumes of the UBI partition, in IMAGE_LIST order. */
function attachVolumes(partitions: Partition[], images: ConfigImage[], used: Set<string>, warnings: string[]): void {
  const ubifs = images.filter((image) => !used.has(image.name) && image.fields.FSTYPE?.value.trim() === 'ubifs');
  if (ubifs.length === 0) return;
  const sys = partitions.filter((partition) => partition.area === 'sys');
  const ubi = sys.find((partition) => partition.name === 'UBI') ?? sys.find((partition) => partition.size === 'rest');
  if (!ubi) {
    warnings.push(`${ubifs.map((image) => image.name).join(', ')} ${ubifs.length === 1 ? 'is a ubifs image' : 'are ubifs images'}, but no partition is named UBI: kept as they are`);
    return;
  }
  ubi.kind = 'ubi';
  const uniqueId = idAllocator(partitions.map((partition) => partition.id));
  ubi.volumes = ubifs.map((image): Volume => {
    used.add(image.name);
    const patsize = image.fields.PATSIZE;
    const use = imageUse(image, false, warnings);
    return {
      id: uniqueId(image.name),
      name: image.name,
      size: patsize ? configNumber(patsize.value, `${image.name} PATSIZE`, patsize.line) : 'rest',
      fs: 'ubifs',
      ...(use.options === 'ro' ? { readOnly: true } : use.options === 'rw' ? { readOnly: false } : {}),
      sstar: use.options === undefined || use.options === 'ro' || use.options === 'rw' ? use.sstar : { ...use.sstar, fields: { ...use.sstar.fields, OPTIONS: use.options } },
    };
  });
}

/** Whether every partition is on the flash and the UBI volumes fit. */
function fitsOn(document: LayoutDocument): boolean {
  const placement = place(document, sstarNandBase);
  if (placement.partitions.some((placed) => placed.spanEnd > document.device.size)) return false;
  return [...placement.volumeSpaces.values()].every((space) => space.usedUnits <= space.units);
}

function flashSizeChoice(choices: ConfigChoice[]): number | undefined {
  for (const choice of choices) {
    if (!/FLASH_SIZE/.test(choice.name) || choice.chosen === '') continue;
    const parsed = parseBytes(choice.chosen);
    if (parsed.ok && parsed.value > 0) return parsed.value;
  }
  return undefined;
}

export function configToDocument(input: string | Uint8Array, current: LayoutDocument, options: ConfigImportOptions = {}): ConfigImport {
  const { config, choices, warnings } = readConfigWithChoices(input, options.defines);
  const images = [...config.images, ...config.unlistedImages];
  for (const image of images) checkName(image.name, 'the image', Object.values(image.fields).find((value) => value)?.line ?? config.globals.IMAGE_LIST?.line);
  const flash = flashOf(config, images);
  const cisCopies = config.globals.CIS_COPIES?.value ?? images.find((image) => image.name === 'cis')?.fields.COPIES?.value;
  const keepOptions = (used: Set<string>, device: Device): Device => {
    const orphans = images.filter((image) => !used.has(image.name));
    for (const orphan of orphans) warnings.push(`${orphan.name} has no partition in the tables; its fields are kept as they are`);
    const sstar: SstarOptions = { ...device.sstar, config: configOptions(config, orphans) };
    delete sstar.cisCopies;
    if (flash === 'nand' && cisCopies !== undefined) {
      const copies = configNumber(cisCopies, 'CIS_COPIES', config.globals.CIS_COPIES?.line);
      if (copies >= 1 && copies <= 64) sstar.cisCopies = copies;
    }
    return { ...device, sstar };
  };

  if (flash === 'nor') {
    const partitions = norTables(images, warnings);
    const used = new Set(partitions.flatMap((partition) => (partition.sstar ? [partition.sstar.image] : [])));
    used.add('mxp');
    const base = current.device.family === 'sstar-nor' ? current.device : sstarNorBase.defaultDevice();
    const end = partitions.reduce((sum, partition) => sum + Number(partition.size), 0);
    const size = options.deviceSize ?? flashSizeChoice(choices) ?? (base === current.device && end <= base.size ? base.size : powerOfTwoFor(end, 1 * MiB));
    const device = keepOptions(used, { ...base, size });
    return { document: sstarDocument('partition.config', device, sstarNorBase.defaultAreas(device), partitions), warnings, choices };
  }

  const base = current.device.family === 'sstar-nand' ? current.device : sstarNandBase.defaultDevice();
  const build = (size: number, notes: string[]) => {
    const reading = nandTables(config, images, base, size, notes);
    attachVolumes(reading.partitions, images, reading.used, notes);
    const device = keepOptions(reading.used, reading.device);
    return sstarDocument('partition.config', device, sstarNandBase.defaultAreas(device), reading.partitions);
  };
  const given = options.deviceSize ?? flashSizeChoice(choices);
  if (given !== undefined) {
    const notes: string[] = [];
    const document = build(given, notes);
    return { document, warnings: [...warnings, ...notes], choices };
  }
  const candidates = [...(current.device.family === 'sstar-nand' ? [current.device.size] : []), ...NAND_SIZES];
  for (const [index, size] of candidates.entries()) {
    const notes: string[] = [];
    const document = build(size, notes);
    if (!fitsOn(document)) continue;
    if (index > 0 || current.device.family !== 'sstar-nand') notes.push(`the config does not give the flash size: ${formatHuman(size)}, the smallest SPI-NAND its partitions and UBI volumes fit in, is taken (set the device size to change it)`);
    return { document, warnings: [...warnings, ...notes], choices };
  }
  const notes: string[] = [];
  const document = build(base.size, notes);
  notes.push(`the partitions and UBI volumes fit no SPI-NAND up to ${formatHuman(NAND_SIZES[NAND_SIZES.length - 1])}; read onto ${formatHuman(base.size)}`);
  return { document, warnings: [...warnings, ...notes], choices };
}
