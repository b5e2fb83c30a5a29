/**
 * The files an image build offers, each a lazy stream: the full raw image, the boot-only image,
 * each partition's image, the .bmap and the Android sparse image of the raw image, and for eMMC
 * the uuu script and the bmaptool command line. A UBI partition built from its volumes' files comes
 * as its UBI image (`NAME.ubi`), which `ubiformat -f` or a programmer writes at the partition's start. Nothing is read until a file is streamed, and
 * every stream reads the attachments afresh, so any number of outputs costs the memory of one.
 */
import { emitBmap, bmapRangesFromExtents } from '../codecs/bmap';
import { encodeSparse } from '../codecs/android-sparse';
import { ImageCursor, sortExtents, type Extent } from '../codecs/extents';
import { FormatError } from '../codecs/errors';
import { familyOf } from '../families';
import { place } from '../layout/place';
import type { LayoutDocument } from '../model/document';
import { fileStem } from '../model/file-stem';
import { bmaptoolCommand, uuuScript } from './flash-scripts';
import { imagePlan, type ImagePlan } from './plan';
import { dataEnd, planExtents, type BlobSource } from './plan-extents';

export type ImageFileKind = 'raw' | 'boot' | 'partition' | 'bmap' | 'sparse' | 'script';

export interface ImageFile {
  name: string;
  title: string;
  kind: ImageFileKind;
  /** Byte size, when known before streaming (the images; not the bmap, whose size follows its checksums). */
  size?: number;
  stream(): AsyncIterable<Uint8Array>;
  /** The image as data extents and holes, for a writer that keeps the holes sparse (the CLI). */
  sparse?: { size: number; extents: Extent[] };
}

export interface ImageOptions {
  /** NAND: write each page's spare (OOB) bytes after it, as 0xFF, as a programmer's full-page image wants. */
  withSpare?: boolean;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** The bytes of an image of `size` bytes given as extents; holes read as zeros. */
async function* imageStream(extents: readonly Extent[], size: number): AsyncGenerator<Uint8Array> {
  const cursor = new ImageCursor(sortExtents(extents, size));
  try {
    yield* cursor.take(size);
  } finally {
    await cursor.close();
  }
}

/** Main-area pages with `spare` 0xFF bytes after each: the raw NAND image a programmer writes. */
async function* interleaveSpare(source: AsyncIterable<Uint8Array>, pageSize: number, spare: number): AsyncGenerator<Uint8Array> {
  const oob = new Uint8Array(spare).fill(0xff);
  let page = new Uint8Array(pageSize);
  let filled = 0;
  for await (const chunk of source) {
    for (let at = 0; at < chunk.length; ) {
      const take = Math.min(pageSize - filled, chunk.length - at);
      page.set(chunk.subarray(at, at + take), filled);
      filled += take;
      at += take;
      if (filled === pageSize) {
        yield page;
        yield oob;
        page = new Uint8Array(pageSize);
        filled = 0;
      }
    }
  }
}

function rangeFile(plan: ImagePlan, blobs: BlobSource, start: number, end: number, file: Omit<ImageFile, 'stream' | 'size' | 'sparse'>): ImageFile {
  const extents = planExtents(plan, blobs, start, end);
  const size = end - start;
  return { ...file, size, stream: () => imageStream(extents, size), sparse: { size, extents } };
}

/** The raw image of the main space with its .bmap and Android sparse forms (those for block devices only). */
function mainFiles(document: LayoutDocument, plan: ImagePlan, blobs: BlobSource, options: ImageOptions): ImageFile[] {
  const stem = fileStem(document);
  const { pageSize, spareSize } = document.device.geometry;
  const raw = rangeFile(plan, blobs, 0, plan.size, { name: `${stem}.img`, title: 'The whole flash or disk image', kind: 'raw' });
  if (options.withSpare) {
    if (!pageSize || !spareSize) throw new FormatError('an image with spare bytes needs the page and spare sizes of the NAND');
    const pages = plan.size / pageSize;
    const plain = raw.stream;
    return [{ ...raw, name: `${stem}.oob.img`, title: 'The whole NAND image, each page followed by its spare bytes (0xFF)', size: pages * (pageSize + spareSize), sparse: undefined, stream: () => interleaveSpare(plain(), pageSize, spareSize) }];
  }
  const files = [raw];
  const extents = raw.sparse!.extents;
  files.push({
    name: `${stem}.img.bmap`,
    title: 'Block map of the image (bmaptool copy skips the unmapped blocks)',
    kind: 'bmap',
    async *stream() {
      yield new TextEncoder().encode(await emitBmap({ imageSize: plan.size, ranges: await bmapRangesFromExtents(extents, plan.size) }));
    },
  });
  files.push({
    name: `${stem}.simg`,
    title: 'Android sparse image (fastboot, uuu, mmc swrite)',
    kind: 'sparse',
    async *stream() {
      yield* (await encodeSparse(extents, plan.size)).stream();
    },
  });
  return files;
}

/** Every file of the build, in the order a bundle lists them. */
export function imageFiles(document: LayoutDocument, blobs: BlobSource, options: ImageOptions = {}): { files: ImageFile[]; plan: ImagePlan; warnings: string[] } {
  const family = familyOf(document);
  const plan = imagePlan(document);
  const files = mainFiles(document, plan, blobs, options);
  const boot = family.bootImage?.(document);
  if (boot) {
    const bootPlan = boot.space === plan.space ? plan : imagePlan(document, boot.space);
    const end = boot.end === 'data' ? dataEnd(bootPlan, boot.start) : boot.end;
    if (end > boot.start) files.push(rangeFile(bootPlan, blobs, boot.start, end, { name: boot.fileName, title: boot.title, kind: 'boot' }));
  }
  const written = (start: number, end: number) => plan.pieces.some((p) => p.offset < end && p.offset + p.length > start);
  for (const placed of place(document, family).partitions) {
    if (placed.space !== plan.space || !written(placed.start, placed.spanEnd)) continue;
    // A UBI partition built from its volumes: its image is ubinize's output, the PEBs it needs.
    const ubi = plan.pieces.find((p) => p.source.kind === 'ubi' && p.offset === placed.start);
    if (ubi) {
      files.push(rangeFile(plan, blobs, ubi.offset, ubi.offset + ubi.length, { name: `${placed.partition.name || placed.partition.id}.ubi`, title: `The UBI image of "${placed.partition.name}" (its volumes, as ubinize writes it; the rest of the partition stays erased)`, kind: 'partition' }));
      continue;
    }
    files.push(rangeFile(plan, blobs, placed.start, placed.spanEnd, { name: `${placed.partition.name || placed.partition.id}.part.bin`, title: `The bytes of "${placed.partition.name}" (${placed.copies.length > 0 ? 'all copies' : 'its whole slot'})`, kind: 'partition' }));
  }
  if (document.device.family === 'emmc') {
    const encoder = new TextEncoder();
    const bootFile = files.find((f) => f.kind === 'boot');
    const uuu = encoder.encode(uuuScript(document, plan, bootFile ? { name: bootFile.name, size: bootFile.size ?? 0 } : undefined));
    const bmaptool = encoder.encode(bmaptoolCommand(document));
    files.push({ name: 'flash.uuu', title: 'uuu script: the image written through fastboot, skipping empty blocks', kind: 'script', size: uuu.length, stream: () => once(uuu) });
    files.push({ name: 'bmaptool-copy.sh', title: 'bmaptool copy command line for a card reader', kind: 'script', size: bmaptool.length, stream: () => once(bmaptool) });
  }
  return { files, plan, warnings: plan.warnings };
}
