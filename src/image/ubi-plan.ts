/**
 * The UBI image of a partition whose volumes carry files, as ubinize would build it from an ini
 * file listing the volumes in order: volume ids 0, 1, 2... as the SDK's `ubi create` gives them,
 * dynamic volumes of the layout's sizes, a "rest" volume sized to what placement gives it and
 * flagged autoresize (the kernel grows it on first attach). The flash geometry comes from the
 * family. The image sequence number is derived from the volumes and their files, so the same
 * layout and files always give the same bytes, and images of different content differ.
 */
import { ubiLayout, type UbiLayout, type UbiVolumeSpec } from '../codecs/ubi';
import { crc32 } from '../codecs/crc32';
import { FormatError } from '../codecs/errors';
import type { Family } from '../layout/family';
import type { Placement, PlacedPartition } from '../layout/placement';
import type { Attachment, LayoutDocument } from '../model/document';

export interface UbiPartitionImage {
  layout: UbiLayout;
  /** The file of each volume of the layout, by index; undefined for volumes without one. */
  files: Array<Attachment | undefined>;
}

/** Whether a partition's UBI image is Flashmap's to build: some volume has a file, the partition has none of its own. */
export function buildsUbi(placed: PlacedPartition): boolean {
  return !placed.partition.attachment && (placed.partition.volumes ?? []).some((v) => v.attachment);
}

function imageSeq(volumes: readonly UbiVolumeSpec[], files: ReadonlyArray<Attachment | undefined>): number {
  const text = volumes.map((v, i) => `${v.id}:${v.name}:${v.size}:${files[i]?.sha256 ?? ''}`).join('\n');
  return crc32(new TextEncoder().encode(text));
}

/** The UBI image of the partition; a volume whose file does not fit is an error naming both. */
export function ubiPartitionImage(document: LayoutDocument, family: Family, placement: Placement, placed: PlacedPartition): UbiPartitionImage {
  const { partition } = placed;
  const where = `the UBI image of "${partition.name}"`;
  const flash = family.ubiFlash?.(document);
  if (!flash) throw new FormatError(`${where}: the ${family.title} layout does not say how UBI sits on its flash (set the erase block size), so its volumes' files cannot be placed`);
  const placedVolumes = placement.volumes.filter((v) => v.partitionId === partition.id);
  const files = placedVolumes.map((v) => v.volume.attachment);
  const volumes = placedVolumes.map((placedVolume, index): UbiVolumeSpec => {
    const { volume } = placedVolume;
    const file = volume.attachment;
    const size = volume.size === 'rest' ? placedVolume.size : volume.size;
    if (file && file.size > size) {
      throw new FormatError(`${file.fileName} (${file.size} bytes) is larger than volume "${volume.name}" of "${partition.name}" (${size} bytes): a file is never cut to fit`);
    }
    if (size === 0) throw new FormatError(`${where}: volume "${volume.name}" gets no LEB (the volumes before it take the whole partition)`);
    return { id: index, name: volume.name, type: 'dynamic', size, autoresize: volume.size === 'rest', alignment: 1, dataBytes: file?.size ?? 0 };
  });
  try {
    return { layout: ubiLayout({ ...flash, imageSeq: imageSeq(volumes, files) }, volumes), files };
  } catch (error) {
    if (error instanceof FormatError) throw new FormatError(`${where}: ${error.message}`);
    throw error;
  }
}
