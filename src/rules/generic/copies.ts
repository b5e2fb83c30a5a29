import { alignUp, formatHex, isAligned } from '../../model/units';
import { amount, quoted } from '../describe';
import { type Problem, fixesOf } from '../../model/problem';
import type { Rule } from '../../layout/family';

const description = 'Each backup copy fits its slot and starts on an erase-block boundary; an image fits its partition';

export const copiesRule: Rule = {
  code: 'copies',
  description,
  check({ document, placement }) {
    const eraseBlock = document.device.geometry.eraseBlock ?? 1;
    const problems: Problem[] = [];
    for (const placed of placement.partitions) {
      const { partition, copies } = placed;
      const name = quoted(partition.name);
      const slot = copies.length > 0 ? copies[0].slotEnd - copies[0].start : placed.size;
      if (partition.copies && placed.size > slot) {
        const target = alignUp(placed.size, eraseBlock);
        problems.push({
          code: 'copy-slot-too-small',
          severity: 'error',
          rule: description,
          partitionIds: [partition.id],
          message: `${name} is ${amount(placed.size)} but each of its ${copies.length} copies has a slot of only ${amount(slot)}`,
          fixes: fixesOf({
            label: `Grow each copy slot to ${formatHex(target)}`,
            edits: [{ target: 'partition', id: partition.id, set: { copies: { ...partition.copies, slot: target } } }],
          }),
        });
      }
      const misplaced = copies.filter((copy) => !isAligned(copy.start, eraseBlock));
      if (partition.copies && misplaced.length > 0 && isAligned(placed.start, eraseBlock)) {
        const target = alignUp(slot, eraseBlock);
        problems.push({
          code: 'copy-not-at-block-start',
          severity: 'error',
          rule: description,
          partitionIds: [partition.id],
          message: `${misplaced.map((c) => `${c.name} at ${formatHex(c.start)}`).join(', ')} ${misplaced.length === 1 ? 'does' : 'do'} not start on an erase block (${formatHex(eraseBlock)}), so a bad block can take out two copies`,
          fixes: fixesOf({
            label: `Round the copy slot up to ${formatHex(target)}`,
            edits: [{ target: 'partition', id: partition.id, set: { copies: { ...partition.copies, slot: target } } }],
          }),
        });
      }
      // An attached file is the image: its size is known exactly.
      const image = partition.attachment ? { size: partition.attachment.size, what: partition.attachment.fileName } : partition.imageSize !== undefined ? { size: partition.imageSize, what: 'The image' } : undefined;
      if (image && image.size > slot) {
        problems.push({
          code: 'image-too-large',
          severity: 'error',
          rule: description,
          partitionIds: [partition.id],
          message: `${image.what} for ${name} is ${amount(image.size)}, larger than its ${partition.copies ? 'copy slot' : 'partition'} (${amount(slot)})`,
          fixes: fixesOf(partition.copies
            ? undefined
            : {
                label: `Grow ${name} to ${formatHex(alignUp(image.size, eraseBlock))}`,
                edits: [{ target: 'partition', id: partition.id, set: { size: alignUp(image.size, eraseBlock) } }],
              }),
        });
      }
    }
    return problems;
  },
};
