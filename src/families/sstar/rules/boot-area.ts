/**
 * The BOOT area the SDK's configs all use (IPL, IPL_CUST, MXPT, UBOOT, UBOOT_ENV on SPI-NOR;
 * CIS, IPL, IPL_CUST, UBOOT, ENV on SPI-NAND): the boot ROM, IPL and U-Boot find their parts by
 * these names and in this order. Changing it is allowed, but said.
 */
import type { Rule } from '../../../layout/family';
import { NAND_BOOT_NAMES, NOR_BOOT_NAMES } from '../names';
import { problemOf } from './problem';

export const bootAreaRule: Rule = {
  code: 'sstar-boot-area',
  description: 'The BOOT area keeps the SDK’s partitions in the SDK’s order; the boot ROM, IPL and U-Boot look for them there',
  check(context) {
    const nand = context.document.device.family === 'sstar-nand';
    const expected = nand ? NAND_BOOT_NAMES : NOR_BOOT_NAMES;
    const boot = context.document.partitions.filter((p) => p.area === 'boot');
    const names = boot.map((p) => p.name);
    if (names.join(',') === expected.join(',')) return [];
    const extra = boot.filter((p) => !expected.includes(p.name));
    const missing = expected.filter((name) => !names.includes(name));
    const parts = [
      ...(missing.length > 0 ? [`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`] : []),
      ...(extra.length > 0 ? [`${extra.map((p) => p.name).join(', ')} ${extra.length === 1 ? 'is' : 'are'} not one of them`] : []),
      ...(missing.length === 0 && extra.length === 0 ? ['the order differs'] : []),
    ];
    return [problemOf(bootAreaRule, 'warning', extra.map((p) => p.id), `the BOOT area differs from the SDK's ${expected.join(', ')}: ${parts.join('; ')}`)];
  },
};
