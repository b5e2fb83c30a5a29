/** Boot images: flattened device trees and FIT images (sized with their external data), legacy uImages. */
import { u32be } from '../../codecs/bytes';
import { FDT_HEADER_SIZE, FDT_MAGIC, fitExtent, parseFdtHeader, property, propString, readFdt, readFit, type FdtNode } from '../../codecs/fdt';
import { describeUimageType, parseUimageHeader, UIMAGE_HEADER_SIZE, UIMAGE_MAGIC } from '../../codecs/uimage';
import { checkEnd, located, type Probe } from '../probe';
import { region, type Region } from '../region';

/** Trees larger than this are named by their header only (their blob is not read). */
const MAX_TREE = 16 * 1024 * 1024;
const LIMITS = { maxTokens: 200000, maxDepth: 64 };

const text = (node: FdtNode, name: string): string | undefined => {
  const prop = property(node, name);
  if (!prop) return undefined;
  try {
    return propString(prop);
  } catch {
    return undefined;
  }
};

export const fdtProbe: Probe = {
  name: 'fdt',
  matches: (w) => u32be(w, 0) === FDT_MAGIC,
  async read({ reader, size }, offset) {
    let header;
    try {
      header = parseFdtHeader(await reader.bytes(offset, FDT_HEADER_SIZE));
    } catch {
      return [];
    }
    const details = { magic: '0xD00DFEED', totalsize: header.totalsize, version: header.version };
    if (header.totalsize > MAX_TREE || offset + header.totalsize > size) return [checkEnd(region('fdt', offset, header.totalsize, null, details), size)];
    const blob = await reader.bytes(offset, header.totalsize);
    try {
      const fit = readFit(blob, LIMITS);
      if (fit) {
        const images = fit.images.map((image) => ({ name: image.name, type: image.type ?? null, description: image.description ?? null, offset: offset + image.data.offset, size: image.data.size, placement: image.data.placement, hashes: image.hashes.map((h) => h.algo ?? h.name) }));
        const children: Region[] = [];
        for (const image of fit.images) {
          const at = offset + image.data.offset;
          if (image.type === 'flat_dt' && image.data.size >= FDT_HEADER_SIZE && u32be(await reader.bytes(at, 4), 0) === FDT_MAGIC) children.push(...(await fdtProbe.read({ reader, size }, at)));
        }
        const fitRegion = region('fit', offset, fitExtent(header, fit), fit.description ?? null, { ...details, images, configurations: fit.configurations.map((c) => c.name), defaultConfiguration: fit.defaultConfiguration ?? null, ...(fit.timestamp !== undefined ? { timestamp: fit.timestamp } : {}) }, children);
        return [checkEnd(fitRegion, size)];
      }
      const { root } = readFdt(blob, LIMITS);
      return [region('fdt', offset, header.totalsize, text(root, 'model') ?? null, { ...details, compatible: text(root, 'compatible') ?? null })];
    } catch (error) {
      const r = region('fdt', offset, header.totalsize, null, details);
      r.warnings.push(located(error, offset));
      return [r];
    }
  },
};

export const uimageProbe: Probe = {
  name: 'uimage',
  matches: (w) => u32be(w, 0) === UIMAGE_MAGIC,
  async read({ reader, size }, offset) {
    let header;
    try {
      header = parseUimageHeader(await reader.bytes(offset, UIMAGE_HEADER_SIZE));
    } catch {
      return [];
    }
    return [
      checkEnd(
        region('uimage', offset, UIMAGE_HEADER_SIZE + header.size, header.name || null, {
          magic: '0x27051956',
          headerCrc: 'valid',
          dataSize: header.size,
          dataCrc: `0x${header.dcrc.toString(16).padStart(8, '0')}`,
          load: `0x${header.load.toString(16)}`,
          entry: `0x${header.ep.toString(16)}`,
          time: header.time,
          image: describeUimageType(header),
        }),
        size,
      ),
    ];
  },
};
