/**
 * SPI-NAND boot copies: `<image>_s.bin` holds COPIES replicas of the image, one per DATASIZE slot,
 * and `nand write.e` writes the whole file into each copy's partition (its slot and spare blocks,
 * as U-Boot sizes it), skipping bad blocks; so the replicas must fit the copy's blocks. CIS:
 * writecis writes copy k into block 2k (1 to 5 copies), all inside the CIS partition.
 */
import { CIS_MAX_COPIES } from '../../../codecs/pni';
import type { Rule } from '../../../layout/family';
import { formatHex } from '../../../model/units';
import { quoted } from '../../../rules/describe';
import { nandGeometry } from '../geometry';
import { cisCopiesOf } from '../options';
import { problemOf } from './problem';

export const replicasFitRule: Rule = {
  code: 'sstar-replicas-fit',
  description: "A boot image's _s.bin (COPIES replicas of DATASIZE) fits each copy's slot and spare blocks, which nand write.e fills",
  check(context) {
    const { blockBytes } = nandGeometry(context.document.device);
    return context.placement.partitions.flatMap((placed) => {
      const { partition } = placed;
      const replicas = partition.sstar?.replicas;
      const copy = placed.copies[0];
      if (!partition.copies || replicas === undefined || !copy) return [];
      const slot = copy.slotEnd - copy.start;
      const room = copy.spareEnd - copy.start;
      if (replicas * slot <= room) return [];
      const spare = Math.ceil((replicas * slot - slot) / blockBytes);
      return [
        problemOf(
          replicasFitRule,
          'error',
          [partition.id],
          `${partition.sstar?.image ?? partition.name}_s.bin holds ${replicas} replicas of ${formatHex(slot)} (${formatHex(replicas * slot)}), more than each copy's ${formatHex(room)}: nand write.e into ${copy.name} runs into the next partition`,
          { label: `Keep ${spare} spare blocks after each copy`, edits: [{ target: 'partition', id: partition.id, set: { copies: { ...partition.copies, spareBlocks: spare } } }] },
        ),
      ];
    });
  },
};

export const cisCopiesRule: Rule = {
  code: 'sstar-cis-copies',
  description: `writecis writes 1 to ${CIS_MAX_COPIES} CIS copies, copy k in block 2k, all inside the CIS partition`,
  check(context) {
    const cis = context.placement.partitions.find((p) => p.partition.name === 'CIS');
    if (!cis) return [];
    const { blockBytes } = nandGeometry(context.document.device);
    const copies = cisCopiesOf(context.document);
    const blocks = Math.floor(cis.size / blockBytes);
    const fits = Math.min(CIS_MAX_COPIES, Math.floor((blocks + 1) / 2));
    const set = (count: number) => ({ target: 'device' as const, set: { sstar: { ...context.document.device.sstar, cisCopies: count } } });
    if (copies > CIS_MAX_COPIES) {
      return [problemOf(cisCopiesRule, 'error', [cis.partition.id], `CIS_COPIES is ${copies}; writecis refuses more than ${CIS_MAX_COPIES} ("number of copies must be 1~5")`, fits >= 1 ? { label: `Write ${fits} CIS copies`, edits: [set(fits)] } : undefined)];
    }
    if (2 * (copies - 1) + 1 <= blocks) return [];
    return [
      problemOf(
        cisCopiesRule,
        'error',
        [cis.partition.id],
        `${copies} CIS copies need blocks 0 to ${2 * (copies - 1)}, but ${quoted('CIS')} has ${blocks} block${blocks === 1 ? '' : 's'}: writecis would erase block ${2 * Math.floor((blocks + 1) / 2)} of the next partition`,
        fits >= 1 ? { label: `Write ${fits} CIS cop${fits === 1 ? 'y' : 'ies'}`, edits: [set(fits)] } : undefined,
      ),
    ];
  },
};
