/** eMMC boot partitions are BOOT_SIZE_MULT × 128 KiB (EXT_CSD[226], at most 255 × 128 KiB). */
import type { Rule } from '../../../layout/family';
import { amount } from '../../../rules/describe';
import { KiB } from '../../../model/units';

const description = 'eMMC boot partitions are a multiple of 128 KiB, at most 255 × 128 KiB';
const UNIT = 128 * KiB;

export const bootPartitionSizeRule: Rule = {
  code: 'emmc-boot-size',
  description,
  check(context) {
    return (context.document.device.hardwarePartitions ?? [])
      .filter((hw) => (hw.name === 'boot0' || hw.name === 'boot1') && (hw.size % UNIT !== 0 || hw.size > 255 * UNIT))
      .map((hw) => ({ code: 'emmc-boot-size', severity: 'error' as const, rule: description, fixes: [], partitionIds: [], message: `${hw.name} is ${amount(hw.size)}, not BOOT_SIZE_MULT × 128 KiB with BOOT_SIZE_MULT from 1 to 255` }));
  },
};
