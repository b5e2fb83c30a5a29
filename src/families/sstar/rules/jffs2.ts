/** The SDK builds jffs2 images with `mkfs.jffs2 --pad=<PATSIZE> --eraseblock=0x10000`: the partition is whole 64 KiB erase blocks. */
import type { Rule } from '../../../layout/family';
import { alignUp, formatHex, isAligned } from '../../../model/units';
import { quoted } from '../../../rules/describe';
import { problemOf } from './problem';

const JFFS2_ERASE_BLOCK = 0x10000;

export const jffs2EraseBlockRule: Rule = {
  code: 'sstar-jffs2-erase-block',
  description: 'A jffs2 partition starts on and is a multiple of the 64 KiB erase block mkfs.jffs2 is given (--eraseblock=0x10000)',
  check(context) {
    return context.placement.partitions.flatMap((placed) => {
      if (placed.partition.fs !== 'jffs2') return [];
      const sizeOk = isAligned(placed.size, JFFS2_ERASE_BLOCK);
      if (sizeOk && isAligned(placed.start, JFFS2_ERASE_BLOCK)) return [];
      const name = quoted(placed.partition.name);
      const target = alignUp(placed.size, JFFS2_ERASE_BLOCK);
      return [
        problemOf(
          jffs2EraseBlockRule,
          'error',
          [placed.partition.id],
          sizeOk ? `${name} starts at ${formatHex(placed.start)}, not on a 64 KiB erase block: jffs2 would erase its neighbour` : `${name} is ${formatHex(placed.size)}, not whole 64 KiB erase blocks: mkfs.jffs2 --pad makes an image jffs2 cannot mount`,
          !sizeOk && typeof placed.partition.size === 'number' ? { label: `Grow ${name} to ${formatHex(target)}`, edits: [{ target: 'partition', id: placed.partition.id, set: { size: target } }] } : undefined,
        ),
      ];
    });
  },
};
