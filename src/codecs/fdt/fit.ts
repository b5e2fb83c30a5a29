/**
 * U-Boot FIT images (doc/usage/fit/source_file_format.rst): a device tree whose root holds
 * `/images` (and normally `/configurations`). Each image's data is embedded (`data`), or follows
 * the tree (`data-offset` from the end of the tree aligned to 4, with `data-size`), or sits at
 * `data-position` from the start of the FIT; U-Boot looks for them in that reverse order
 * (fit_image_get_data_and_size), and so does this reader.
 */
import { FormatError } from '../errors';
import { alignUp, formatHex, MAX_BYTES } from '../../model/units';
import { FDT_HEADER_SIZE, parseFdtHeader, type FdtHeader } from './header';
import { readExactly, type ReadAt } from '../read-at';
import { childNode, property, propCells, propString, propStrings, propU32, readFdt, type FdtNode } from './tree';
import type { FdtLimits } from './walk';

export interface FitHash {
  /** Node name: `hash-1`, … */
  name: string;
  algo?: string;
  /** The stored digest as lower-case hex (absent before mkimage fills it in). */
  value?: string;
}

export interface FitData {
  /** `data` inside the tree, `data-offset` after it, or `data-position` from the FIT's start. */
  placement: 'embedded' | 'external' | 'position';
  /** Offset of the data from the start of the FIT. */
  offset: number;
  size: number;
}

export interface FitImage {
  name: string;
  description?: string;
  type?: string;
  arch?: string;
  os?: string;
  compression?: string;
  load?: bigint;
  entry?: bigint;
  data: FitData;
  hashes: FitHash[];
}

export interface FitConfiguration {
  name: string;
  description?: string;
  kernel?: string;
  fdt: string[];
  ramdisk?: string;
  firmware?: string;
  loadables: string[];
}

export interface Fit {
  header: FdtHeader;
  description?: string;
  /** `timestamp`, seconds since 1970. */
  timestamp?: number;
  images: FitImage[];
  configurations: FitConfiguration[];
  defaultConfiguration?: string;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function optionalString(node: FdtNode, name: string): string | undefined {
  const prop = property(node, name);
  return prop && propString(prop);
}

function imageData(node: FdtNode, header: FdtHeader): FitData {
  const position = property(node, 'data-position');
  const offset = property(node, 'data-offset');
  if (position || offset) {
    const sizeProp = property(node, 'data-size');
    if (!sizeProp) {
      const reason = `image ${node.name} has ${position ? 'data-position' : 'data-offset'} but no data-size`;
      throw new FormatError(`${reason} (offset ${formatHex(node.offset)})`, { offset: node.offset }, reason);
    }
    const size = propU32(sizeProp);
    if (position) return { placement: 'position', offset: propU32(position), size };
    return { placement: 'external', offset: alignUp(header.totalsize, 4) + propU32(offset as NonNullable<typeof offset>), size };
  }
  const data = property(node, 'data');
  if (!data) {
    const reason = `image ${node.name} has no data, data-offset or data-position property`;
    throw new FormatError(`${reason} (offset ${formatHex(node.offset)})`, { offset: node.offset }, reason);
  }
  return { placement: 'embedded', offset: data.offset, size: data.value.length };
}

function readImage(node: FdtNode, header: FdtHeader): FitImage {
  const load = property(node, 'load');
  const entry = property(node, 'entry');
  const image: FitImage = { name: node.name, data: imageData(node, header), hashes: [] };
  const strings: Array<'description' | 'type' | 'arch' | 'os' | 'compression'> = ['description', 'type', 'arch', 'os', 'compression'];
  for (const name of strings) {
    const value = optionalString(node, name);
    if (value !== undefined) image[name] = value;
  }
  if (load) image.load = propCells(load);
  if (entry) image.entry = propCells(entry);
  for (const child of node.children) {
    // U-Boot takes every subnode whose name starts with "hash" as a hash node.
    if (!child.name.startsWith('hash')) continue;
    const hash: FitHash = { name: child.name };
    const algo = optionalString(child, 'algo');
    const value = property(child, 'value');
    if (algo !== undefined) hash.algo = algo;
    if (value) hash.value = hex(value.value);
    image.hashes.push(hash);
  }
  return image;
}

function readConfiguration(node: FdtNode): FitConfiguration {
  const list = (name: string) => {
    const prop = property(node, name);
    return prop ? propStrings(prop) : [];
  };
  const configuration: FitConfiguration = { name: node.name, fdt: list('fdt'), loadables: list('loadables') };
  for (const name of ['description', 'kernel', 'ramdisk', 'firmware'] as const) {
    const value = optionalString(node, name);
    if (value !== undefined) configuration[name] = value;
  }
  return configuration;
}

/** The FIT in `bytes` (which must hold the whole tree), or null when the tree has no `/images`. */
export function readFit(bytes: Uint8Array, limits: FdtLimits = {}): Fit | null {
  const { header, root } = readFdt(bytes, limits);
  const images = childNode(root, 'images');
  if (!images) return null;
  const configurations = childNode(root, 'configurations');
  const fit: Fit = {
    header,
    images: images.children.map((node) => readImage(node, header)),
    configurations: configurations ? configurations.children.map(readConfiguration) : [],
  };
  const description = optionalString(root, 'description');
  const timestamp = property(root, 'timestamp');
  const defaultConfiguration = configurations && optionalString(configurations, 'default');
  if (description !== undefined) fit.description = description;
  if (timestamp) fit.timestamp = propU32(timestamp);
  if (defaultConfiguration !== undefined) fit.defaultConfiguration = defaultConfiguration;
  return fit;
}

/** Bytes the FIT occupies from its start: the tree, and any data placed after it. */
export function fitExtent(header: FdtHeader, fit: Pick<Fit, 'images'> | null): number {
  let end = header.totalsize;
  for (const { data } of fit?.images ?? []) end = Math.max(end, data.offset + data.size);
  return end;
}

export interface FitSizeOptions extends FdtLimits {
  /** Largest tree read to find the external data (64 MiB when omitted). */
  maxFdtSize?: number;
}

/**
 * How many bytes a boot script must load to have the whole FIT (or plain device tree) at
 * `offset`: the header gives totalsize, the tree gives the external data beyond it.
 */
export async function fitSizeAt(read: ReadAt, offset = 0, options: FitSizeOptions = {}): Promise<number> {
  const maxFdtSize = options.maxFdtSize ?? 64 * 1024 * 1024;
  try {
    const header = parseFdtHeader(await readExactly(read, offset, FDT_HEADER_SIZE, 'device tree header'));
    if (header.totalsize > maxFdtSize) throw new FormatError(`device tree totalsize ${header.totalsize} is above the ${maxFdtSize} bytes this reader loads`, { offset: 4 });
    const blob = await readExactly(read, offset, header.totalsize, 'device tree');
    const extent = fitExtent(header, readFit(blob, options));
    if (offset + extent > MAX_BYTES) throw new FormatError('the FIT would end past 2^53 - 1 bytes', { offset: 0 });
    return extent;
  } catch (error) {
    // Errors inside the blob are located from the FIT's start; report them in the file.
    if (!(error instanceof FormatError) || offset === 0 || error.offset === undefined) throw error;
    throw new FormatError(`${error.message} in the device tree at ${formatHex(offset)}`, { offset: offset + error.offset }, error.reason);
  }
}
