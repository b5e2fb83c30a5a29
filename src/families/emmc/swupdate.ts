/**
 * SWUpdate's sw-description for the layout's updatable partitions: A/B pairs (names ending in
 * _a/_b) as the dual-copy collections `stable.copy1` (into _a) and `stable.copy2` (into _b), the
 * other kernels, root filesystems and firmware as plain images. Devices are the Linux names of
 * the partitions (/dev/mmcblk0p3), raw ones the whole device with their offset (boot firmware in
 * /dev/mmcblk0boot0). The artefacts' sha256 are left to the build that packs the .swu.
 */
import type { SwArtifact, SwDescription } from '../../codecs/sw-description';
import type { PlacedPartition } from '../../layout/placement';
import { place } from '../../layout/place';
import type { LayoutDocument } from '../../model/document';
import { partitionDevice } from '../../codecs/sfdisk';
import { linuxDevice } from './disk';
import { emmcFamily } from './family';
import { diskTableOf } from './table';

const UPDATABLE = new Set(['rootfs', 'kernel', 'recovery', 'firmware', 'bootloader', 'app']);
const PAIR = /^(.*?)[_-]?([ab])$/i;

export function documentToSwDescription(document: LayoutDocument): SwDescription {
  const placement = place(document, emmcFamily);
  const table = diskTableOf(document, placement);
  const disk = linuxDevice(document);
  const number = new Map<string, number>();
  if (table?.label === 'gpt') table.table.partitions.forEach((p, i) => number.set(table.entries[i].partition.id, p.number));
  else if (table) {
    const byStart = new Map(table.table.partitions.map((p) => [p.startLba * table.sectorSize, p.number]));
    for (const placed of table.entries) number.set(placed.partition.id, byStart.get(placed.start)!);
  }
  const artifact = (placed: PlacedPartition): SwArtifact => {
    const { partition } = placed;
    const filename = partition.image ?? `${partition.name}.img`;
    const entry = number.get(partition.id);
    if (entry !== undefined) return { filename, device: partitionDevice(disk, entry), type: 'raw' };
    const device = placed.space === 'main' ? disk : `${disk}${placed.space}`;
    return { filename, device, type: 'raw', ...(placed.start ? { offset: `${placed.start / 1024}K` } : {}) };
  };
  const updatable = placement.partitions.filter((placed) => placed.size > 0 && UPDATABLE.has(placed.partition.kind));
  const pairs = new Map<string, { a?: PlacedPartition; b?: PlacedPartition }>();
  for (const placed of updatable) {
    const match = PAIR.exec(placed.partition.name);
    if (!match || match[1] === '') continue;
    const pair = pairs.get(match[1].toLowerCase()) ?? {};
    pair[match[2].toLowerCase() as 'a' | 'b'] = placed;
    pairs.set(match[1].toLowerCase(), pair);
  }
  const complete = [...pairs.values()].filter((pair): pair is { a: PlacedPartition; b: PlacedPartition } => pair.a !== undefined && pair.b !== undefined);
  const paired = new Set(complete.flatMap((pair) => [pair.a, pair.b]));
  const single = updatable.filter((placed) => !paired.has(placed));
  // Both copies install the same file: the A image name, so one .swu serves both collections.
  const copy = (side: 'a' | 'b'): SwArtifact[] => complete.map((pair) => ({ ...artifact(pair[side]), filename: pair.a.partition.image ?? `${PAIR.exec(pair.a.partition.name)![1]}.img` }));
  const software: SwDescription['software'] = {
    version: '1.0.0',
    description: document.name,
    hardwareCompatibility: ['1.0'],
    ...(single.length ? { images: single.map(artifact) } : {}),
    ...(complete.length
      ? {
          sections: [
            {
              name: 'stable',
              section: {
                sections: [
                  { name: 'copy1', section: { images: copy('a') } },
                  { name: 'copy2', section: { images: copy('b') } },
                ],
              },
            },
          ],
        }
      : {}),
  };
  return { software };
}
