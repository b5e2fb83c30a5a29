/**
 * The layout as a genimage configuration (genimage 16, Buildroot and PTXdist): one hdimage for
 * the user area with every partition at its exact offset and size (raw bootloaders out of the
 * table), and one table-less image per hardware boot partition that holds something. Partitions
 * take their `image` file when the layout names one; genimage leaves the others empty.
 */
import { FormatError } from '../../codecs/errors';
import { emitGenimage, type GenimageConfig, type GenimageImage } from '../../codecs/genimage';
import { place } from '../../layout/place';
import type { LayoutDocument } from '../../model/document';
import { fileStem } from '../../model/file-stem';
import { diskGuidOf, diskSignatureOf, partitionGuidOf } from './derived-ids';
import { entriesOffset, sectorSize, tableArea } from './disk';
import { emmcFamily } from './family';
import { gptTypeOf, mbrTypeOf } from './partition-types';
import { logicalLayout, tableEntries } from './table';

function imageOf(partition: { name: string; raw?: boolean; image?: string }): string | undefined {
  return partition.image ?? (partition.raw ? `${partition.name || 'image'}.bin` : undefined);
}

export function documentToGenimage(document: LayoutDocument): GenimageConfig {
  const area = tableArea(document);
  if (!area) throw new FormatError('genimage needs a user area with an MBR or GPT table');
  const placement = place(document, emmcFamily);
  const entries = tableEntries(document, placement);
  const gpt = area.table === 'gpt';
  const hdimage: GenimageImage['hdimage'] = gpt
    ? { partitionTableType: 'gpt', diskUuid: diskGuidOf(document).toLowerCase() }
    : { partitionTableType: 'mbr', diskSignature: diskSignatureOf(document) };
  if (gpt && entriesOffset(document) !== 2 * sectorSize(document)) hdimage.gptLocation = entriesOffset(document);
  const { extended } = gpt ? { extended: undefined } : logicalLayout(document, entries);
  if (extended) hdimage.extendedPartition = extended.slot;
  const user: GenimageImage = {
    name: `${fileStem(document)}.img`,
    size: document.device.size,
    hdimage,
    partitions: placement.partitions
      .filter((placed) => placed.space === area.space && placed.size > 0)
      .map((placed) => {
        const { partition } = placed;
        const entry = entries.includes(placed);
        return {
          name: partition.name,
          ...(entry ? {} : { inPartitionTable: false }),
          offset: placed.start,
          size: placed.size,
          ...(imageOf(partition) ? { image: imageOf(partition) } : {}),
          ...(entry && gpt ? { partitionTypeUuid: gptTypeOf(partition).toLowerCase(), partitionUuid: partitionGuidOf(document, partition).toLowerCase() } : {}),
          ...(entry && !gpt ? { partitionType: mbrTypeOf(partition), ...(partition.mbr?.bootable ? { bootable: true } : {}) } : {}),
        };
      }),
  };
  const boot = (document.device.hardwarePartitions ?? [])
    .filter((hw) => hw.name === 'boot0' || hw.name === 'boot1')
    .map((hw): GenimageImage => ({
      name: `${fileStem(document)}-${hw.name}.img`,
      size: hw.size,
      hdimage: { partitionTableType: 'none' },
      partitions: placement.partitions
        .filter((placed) => placed.space === hw.name && placed.size > 0)
        .map((placed) => ({ name: placed.partition.name, offset: placed.start, size: placed.size, inPartitionTable: false, ...(imageOf(placed.partition) ? { image: imageOf(placed.partition) } : {}) })),
    }))
    .filter((image) => image.partitions.length > 0);
  return { images: [user, ...boot] };
}

export function exportGenimage(document: LayoutDocument): { text: string } {
  return { text: emitGenimage(documentToGenimage(document)) };
}
