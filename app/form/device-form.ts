/**
 * The device settings' model: which settings matter for each family, their values (as typed)
 * for a document, and the schema that turns them back into the layout name and the device.
 */
import { z } from 'zod';
import { bootloaderOffset, defaultEsp32Options, ESP32_CHIPS, ESP32_TABLE_SECTOR, FAMILIES, formatHex, KiB, MiB, type Device, type Esp32Chip, type Geometry, type LayoutDocument } from '../../src/index';
import { byteCount, formSchema, nonEmpty, optional, positiveByteCount, wholeNumber, type FieldParser, type FieldReader } from './fields';

export type GeometryField = keyof Geometry;

/** The flash sizes ESP-IDF offers (`--flash-size`), in bytes. */
export const ESP32_FLASH_SIZES = [1, 2, 4, 8, 16, 32, 64, 128].map((n) => n * MiB);

export const SECTOR_SIZES = [512, 4096];

export const BOOT_PARTITIONS = ['boot0', 'boot1'] as const;

/** eMMC boot partitions come in units of 128 KiB (EXT_CSD BOOT_SIZE_MULT × 128 KiB). */
const BOOT_PARTITION_UNIT = 128 * KiB;

/** `esp32s3` → `ESP32-S3`. */
export function chipTitle(chip: Esp32Chip): string {
  return chip.replace(/^esp32(.+)$/, 'esp32-$1').toUpperCase();
}

const shape = {
  name: z.string(),
  size: z.string(),
  eraseBlock: z.string(),
  pageSize: z.string(),
  spareSize: z.string(),
  sectorSize: z.string(),
  boot0: z.string(),
  boot1: z.string(),
  chip: z.enum(ESP32_CHIPS),
  tableOffset: z.string(),
  md5: z.boolean(),
  secure: z.enum(['none', 'v1', 'v2']),
  pagesPerBlock: z.string(),
  blockCount: z.string(),
  envMerge: z.boolean(),
  cisCopies: z.string(),
};

export type DeviceFormValues = z.output<z.ZodObject<typeof shape>>;

function bytesText(value: number | undefined): string {
  return value === undefined ? '' : formatHex(value);
}

export function deviceFormValues(document: LayoutDocument): DeviceFormValues {
  const { device } = document;
  const options = device.esp32 ?? defaultEsp32Options();
  const hardware = (name: string) => device.hardwarePartitions?.find((hw) => hw.name === name)?.size;
  return {
    name: document.name,
    size: formatHex(device.size),
    eraseBlock: bytesText(device.geometry.eraseBlock),
    pageSize: bytesText(device.geometry.pageSize),
    spareSize: device.geometry.spareSize === undefined ? '' : String(device.geometry.spareSize),
    sectorSize: device.geometry.sectorSize === undefined ? '' : String(device.geometry.sectorSize),
    boot0: bytesText(hardware('boot0')),
    boot1: bytesText(hardware('boot1')),
    chip: options.chip,
    tableOffset: formatHex(options.tableOffset),
    md5: options.md5,
    secure: options.secure,
    pagesPerBlock: device.geometry.eraseBlock && device.geometry.pageSize ? String(Math.floor(device.geometry.eraseBlock / device.geometry.pageSize)) : '',
    blockCount: device.geometry.eraseBlock ? String(Math.floor(device.size / device.geometry.eraseBlock)) : '',
    envMerge: device.sstar?.envMerge === true,
    cisCopies: device.sstar?.cisCopies === undefined ? '' : String(device.sstar.cisCopies),
  };
}

/** pnigenerator keeps pages per block and the block count in 16-bit fields. */
const U16_MAX = 0xffff;

/**
 * SigmaStar SPI-NAND as pnigenerator takes it: page, spare bytes, pages per block and block
 * count; the block (erase block) and the device size follow from them. SPI-NOR: the
 * mxpgenerator variant. A value the user did not change stays as it was (absent stays absent).
 */
function readSstar(values: DeviceFormValues, reader: Reader, device: Device, kind: 'nor' | 'nand'): Device {
  const sstar = { ...device.sstar };
  if (kind === 'nor') {
    if (values.envMerge !== (sstar.envMerge === true)) {
      if (values.envMerge) sstar.envMerge = true;
      else delete sstar.envMerge;
    }
    return { ...device, ...(Object.keys(sstar).length > 0 ? { sstar } : {}) };
  }
  const page = reader.read('pageSize', positiveByteCount);
  const spare = reader.read('spareSize', byteCount);
  const pages = reader.read('pagesPerBlock', wholeNumber(1, U16_MAX));
  const blocks = reader.read('blockCount', wholeNumber(1, U16_MAX));
  const copies = reader.read('cisCopies', optional(wholeNumber(1, 5)));
  if (page === undefined || spare === undefined || pages === undefined || blocks === undefined) return device;
  const geometry: Geometry = { ...device.geometry, pageSize: page, spareSize: spare, eraseBlock: page * pages };
  if (copies === undefined) delete sstar.cisCopies;
  else sstar.cisCopies = copies;
  const next: Device = { ...device, size: blocks * page * pages, geometry };
  if (Object.keys(sstar).length > 0) next.sstar = sstar;
  else delete next.sstar;
  return next;
}

const bootPartitionSize: FieldParser<number> = (text) => {
  const parsed = positiveByteCount(text);
  if (parsed.ok && parsed.value % BOOT_PARTITION_UNIT !== 0) return { ok: false, error: 'eMMC boot partitions are a multiple of 128 KiB' };
  return parsed;
};

function tableOffset(bootloaderAt: number): FieldParser<number> {
  return (text) => {
    const parsed = byteCount(text);
    if (!parsed.ok) return parsed;
    if (parsed.value % ESP32_TABLE_SECTOR !== 0) return { ok: false, error: 'the table fills a whole 4 KiB flash sector: use a multiple of 0x1000' };
    if (parsed.value <= bootloaderAt) return { ok: false, error: `must be above the bootloader, which starts at ${formatHex(bootloaderAt)}` };
    return parsed;
  };
}

type Reader = FieldReader<DeviceFormValues>;

function readEsp32(values: DeviceFormValues, reader: Reader, device: Device): Device['esp32'] {
  const recorded = device.esp32 ?? defaultEsp32Options();
  const options = { ...recorded, chip: values.chip, md5: values.md5, secure: values.secure };
  const offset = reader.read('tableOffset', tableOffset(bootloaderOffset(options)));
  return offset === undefined ? recorded : { ...options, tableOffset: offset };
}

function readHardware(reader: Reader, device: Device): Device['hardwarePartitions'] {
  return device.hardwarePartitions?.map((hw) => {
    if (hw.name !== 'boot0' && hw.name !== 'boot1') return hw;
    const size = reader.read(hw.name, bootPartitionSize);
    return size === undefined ? hw : { ...hw, size };
  });
}

function readDevice(values: DeviceFormValues, reader: Reader, document: LayoutDocument): LayoutDocument {
  const { device } = document;
  const settings = FAMILIES[device.family].deviceSettings;
  const geometry: Geometry = { ...device.geometry };
  for (const field of settings.geometry) {
    const value = reader.read(field, field === 'spareSize' ? byteCount : positiveByteCount);
    if (value !== undefined) geometry[field] = value;
  }
  // SPI-NAND's size follows from its block count.
  const size = settings.sstar === 'nand' ? device.size : (reader.read('size', positiveByteCount) ?? device.size);
  const next: Device = { ...device, size, geometry };
  if (settings.bootPartitions && device.hardwarePartitions) next.hardwarePartitions = readHardware(reader, device);
  if (settings.esp32) next.esp32 = readEsp32(values, reader, device);
  const sstar = settings.sstar ? readSstar(values, reader, next, settings.sstar) : next;
  return { ...document, name: reader.read('name', nonEmpty) ?? document.name, device: sstar };
}

/** Values → the document with its new name and device, or a message at each refused field. */
export function deviceFormSchema(document: LayoutDocument) {
  return formSchema(shape, (values, reader) => readDevice(values, reader, document));
}
