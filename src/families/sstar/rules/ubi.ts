/**
 * UBI volumes: together they fit what the UBI partition leaves for them (block − 2 pages per
 * LEB, less the PEBs UBI keeps: see layout/ubi.ts); they live in a UBI partition; at most one
 * takes the rest; names are unique in their partition (`ubi create` refuses a second).
 */
import type { Rule } from '../../../layout/family';
import { formatHex, formatHuman } from '../../../model/units';
import { quoted, quotedList } from '../../../rules/describe';
import { problemOf } from './problem';

export const ubiCapacityRule: Rule = {
  code: 'sstar-ubi-capacity',
  description: 'The UBI volumes fit their partition: LEBs of block − 2 pages, less the PEBs UBI keeps (4, and 20 per 1024 of the chip for bad blocks)',
  check(context) {
    return [...context.placement.volumeSpaces.values()].flatMap((space) => {
      if (space.usedUnits <= space.units) return [];
      const partition = context.document.partitions.find((p) => p.id === space.partitionId)!;
      const over = context.placement.volumes.filter((v) => v.partitionId === space.partitionId && !v.fits);
      const missing = (space.usedUnits - space.units) * space.unit;
      return [
        problemOf(
          ubiCapacityRule,
          'warning',
          [partition.id, ...over.map((v) => v.volume.id)],
          `the volumes of ${quoted(partition.name)} need ${space.usedUnits} LEBs but it has ${space.units} (${space.basis}): ${formatHex(missing)} too much, so ${quotedList(over.map((v) => v.volume.name))} ${over.length === 1 ? 'does' : 'do'} not fit`,
        ),
      ];
    });
  },
};

export const ubiVolumesRule: Rule = {
  code: 'sstar-ubi-volumes',
  description: 'Volumes live in a UBI partition, at most one takes the rest, and their names are unique there',
  check(context) {
    return context.document.partitions.flatMap((partition) => {
      const volumes = partition.volumes ?? [];
      if (volumes.length === 0) return [];
      const problems = [];
      if (partition.kind !== 'ubi') {
        problems.push(problemOf(ubiVolumesRule, 'warning', [partition.id], `${quoted(partition.name)} holds volumes but is not a UBI partition (kind ${partition.kind}): the SDK creates volumes only inside UBI`, { label: `Make ${quoted(partition.name)} a UBI partition`, edits: [{ target: 'partition', id: partition.id, set: { kind: 'ubi' } }] }));
      }
      const rest = volumes.filter((v) => v.size === 'rest');
      if (rest.length > 1) problems.push(problemOf(ubiVolumesRule, 'error', rest.map((v) => v.id), `${quotedList(rest.map((v) => v.name))} all take the rest of ${quoted(partition.name)}; only the first gets any`));
      const seen = new Map<string, string>();
      for (const volume of volumes) {
        const first = seen.get(volume.name);
        if (first !== undefined) problems.push(problemOf(ubiVolumesRule, 'error', [first, volume.id], `two volumes named ${quoted(volume.name)} in ${quoted(partition.name)}: ubi create refuses the second`));
        else seen.set(volume.name, volume.id);
      }
      return problems;
    });
  },
};

/** A volume's attached image is written into its LEBs as it is: one larger than them cannot be built. */
export const ubiVolumeImageRule: Rule = {
  code: 'sstar-ubi-volume-image',
  description: "A volume's image fits the LEBs the volume has (ubinize refuses a larger one; it is never cut)",
  check(context) {
    return context.placement.volumes.flatMap((placed) => {
      const { attachment } = placed.volume;
      if (!attachment || attachment.size <= placed.size) return [];
      const partition = context.document.partitions.find((p) => p.id === placed.partitionId);
      return [
        problemOf(
          ubiVolumeImageRule,
          'error',
          [placed.volume.id],
          `${quoted(attachment.fileName)} for volume ${quoted(placed.volume.name)} of ${quoted(partition?.name ?? '')} is ${formatHuman(attachment.size)}, larger than its ${placed.units} LEBs (${formatHuman(placed.size)})`,
        ),
      ];
    });
  },
};
