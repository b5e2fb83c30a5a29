/**
 * "Edit as layout": the table an inspection found, handed to the importer of the family it
 * belongs to (GPT/MBR → the eMMC disk-table import, ESP-IDF table → the ESP32 binary import,
 * MXP and CIS/PNI → the SigmaStar importers). A raw NOR dump becomes a generic SPI-NOR layout:
 * the partitions the `mtdparts` of its U-Boot environment names, else one per structure found.
 */
import type { RandomAccessFile } from '../codecs/read-at';
import { importFile, type ImportOutcome } from '../formats/files';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, parseDocument, type Filesystem, type LayoutDocument, type Partition, type PartitionKind } from '../model/document';
import { alignDown, alignUp, formatHex } from '../model/units';
import { ImageReader } from './reader';
import { allRegions, regionEnd, type Inspection, type Region, type RegionType } from './region';

/** What will be imported: a format of the registry and the bytes (or text) it reads. */
export interface LayoutSource {
  formatId: string;
  bytes: Uint8Array;
  deviceSize?: number;
  /** In words, for the button's hint: "the GPT at 0x0". */
  from: string;
}

/** Disk heads (MBR + EBR chain, GPT + entries) are read whole only up to this size. */
const MAX_HEAD = 64 * 1024 * 1024;

export async function layoutSource(file: RandomAccessFile, inspection: Inspection): Promise<LayoutSource | undefined> {
  const reader = new ImageReader(file);
  const regions = [...allRegions(inspection.regions)];
  const first = (type: RegionType) => regions.find((r) => r.type === type && r.details.readable !== false);
  const gpt = first('gpt');
  const mbr = first('mbr');
  if (gpt || mbr) {
    // The disk import reads sectors of the bytes it is given: the head holds the tables (a broken primary needs the whole disk).
    const logicalEnd = Math.max(0, ...regions.filter((r) => r.type === 'mbr-partition' && typeof r.details.ebrLba === 'number').map((r) => ((r.details.ebrLba as number) + 1) * 512));
    const headEnd = gpt ? (gpt.details.source === 'backup' ? file.size : regionEnd(gpt)) : Math.max(512, logicalEnd);
    if (headEnd <= MAX_HEAD) return { formatId: 'emmc-disk-table', bytes: await reader.bytes(0, headEnd), deviceSize: file.size, from: `the ${gpt ? 'GPT' : 'MBR'} at 0x0` };
  }
  const esp32 = first('esp32-partition-table');
  if (esp32) return { formatId: 'esp32-bin', bytes: await reader.bytes(esp32.offset, esp32.size), deviceSize: file.size, from: `the ESP-IDF partition table at ${formatHex(esp32.offset)}` };
  const mxp = first('mxp-table');
  if (mxp) return { formatId: 'mxp', bytes: await reader.bytes(mxp.offset, mxp.size), deviceSize: file.size, from: `the MXP table at ${formatHex(mxp.offset)}` };
  const cis = first('cis');
  if (cis) {
    const at = (cis.details.pageSize as number) + (cis.details.spareSize as number);
    return { formatId: 'pni', bytes: await reader.bytes(at, 512), from: 'the PNI in the CIS at 0x0' };
  }
  return undefined;
}

export async function inspectionToLayout(file: RandomAccessFile, inspection: Inspection, current: LayoutDocument, fileName?: string): Promise<ImportOutcome> {
  const source = await layoutSource(file, inspection);
  if (source) {
    const outcome = importFile(source.bytes, current, { formatId: source.formatId, deviceSize: source.deviceSize, ...(fileName ? { fileName } : {}) });
    return outcome.ok ? { ...outcome, warnings: [`read from ${source.from}`, ...outcome.warnings] } : outcome;
  }
  return norLayout(inspection, fileName);
}

const KINDS: Partial<Record<RegionType, { kind: PartitionKind; fs?: Filesystem; name: string }>> = {
  fit: { kind: 'kernel', name: 'kernel' },
  uimage: { kind: 'kernel', name: 'kernel' },
  fdt: { kind: 'data', name: 'dtb' },
  'uboot-env': { kind: 'env', name: 'u-boot-env' },
  squashfs: { kind: 'rootfs', fs: 'squashfs', name: 'rootfs' },
  jffs2: { kind: 'filesystem', fs: 'jffs2', name: 'data' },
  ubi: { kind: 'ubi', name: 'ubi' },
  ubifs: { kind: 'filesystem', fs: 'ubifs', name: 'ubifs' },
  ext2: { kind: 'filesystem', fs: 'ext2', name: 'ext2' },
  ext3: { kind: 'filesystem', fs: 'ext3', name: 'ext3' },
  ext4: { kind: 'rootfs', fs: 'ext4', name: 'rootfs' },
  vfat: { kind: 'filesystem', fs: 'vfat', name: 'boot' },
  elf: { kind: 'firmware', name: 'firmware' },
  'esp32-bootloader': { kind: 'bootloader', name: 'bootloader' },
  'esp32-app': { kind: 'app', name: 'app' },
};

const NOR_ERASE_BLOCK = 0x10000;
const SMALL_ERASE_BLOCK = 0x1000;

/** What a partition holds, from the first structure inside it. */
function contentSpec(r: Region): { kind: PartitionKind; fs?: Filesystem } {
  const inside = r.children.find((c) => KINDS[c.type]);
  const spec: { kind: PartitionKind; fs?: Filesystem } = inside ? KINDS[inside.type]! : { kind: 'data' };
  return spec.fs ? { kind: spec.kind, fs: spec.fs } : { kind: spec.kind };
}

/** A generic SPI-NOR layout: the mtdparts partitions, else one partition per structure found at the top level, on erase-block bounds. */
function norLayout(inspection: Inspection, fileName?: string): ImportOutcome {
  const mtd = inspection.regions.filter((r) => r.type === 'mtd-partition');
  if (mtd.length > 0) {
    const block = mtd.every((r) => r.offset % NOR_ERASE_BLOCK === 0 && r.size % NOR_ERASE_BLOCK === 0) ? NOR_ERASE_BLOCK : SMALL_ERASE_BLOCK;
    const partitions: Partition[] = mtd.map((r, i) => ({ id: `mtd${i}`, name: r.name ?? `mtd${i}`, area: 'flash', offset: r.offset, size: r.size, ...contentSpec(r) }));
    return norDocument(inspection.size, block, partitions, fileName, 'the partitions of mtdparts in the U-Boot environment');
  }
  const found = inspection.regions.filter((r) => KINDS[r.type] && r.offset < inspection.size);
  if (found.length === 0) return { ok: false, message: 'no partition table and no filesystem or image was found to lay out' };
  const block = found.every((r) => r.offset % NOR_ERASE_BLOCK === 0) ? NOR_ERASE_BLOCK : SMALL_ERASE_BLOCK;
  const used = new Map<string, number>();
  const unique = (name: string) => {
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n === 1 ? name : `${name}${n}`;
  };
  const partitions: Partition[] = [];
  found.forEach((r: Region, i) => {
    const spec = KINDS[r.type]!;
    const start = alignDown(r.offset, block);
    const limit = i + 1 < found.length ? alignDown(found[i + 1].offset, block) : inspection.size;
    const end = Math.min(limit, alignUp(Math.min(regionEnd(r), inspection.size), block));
    if (end <= start || (partitions.length > 0 && start < (partitions[partitions.length - 1].offset as number) + (partitions[partitions.length - 1].size as number))) return;
    const name = unique(spec.name);
    partitions.push({ id: name, name, area: 'flash', offset: start, size: end - start, kind: spec.kind, ...(spec.fs ? { fs: spec.fs } : {}) });
  });
  return norDocument(inspection.size, block, partitions, fileName, 'no partition table found: one partition per structure found');
}

function norDocument(size: number, block: number, partitions: Partition[], fileName: string | undefined, how: string): ImportOutcome {
  const document: LayoutDocument = {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    name: fileName ? fileName.replace(/\.[^.]*$/, '') || 'inspected image' : 'inspected image',
    device: { family: 'nor', size, geometry: { eraseBlock: block, pageSize: 256 } },
    areas: [{ id: 'flash', name: 'Flash', space: 'main', start: 0, size: 'rest', table: 'mtdparts' }],
    partitions,
  };
  const checked = parseDocument(document);
  if (!checked.ok) return { ok: false, message: `the regions give a layout Flashmap cannot hold: ${checked.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ')}` };
  return { ok: true, document: checked.document, formatTitle: 'Inspected flash dump', formatId: 'inspect', warnings: [`${how}, on ${formatHex(block)} erase blocks`] };
}
