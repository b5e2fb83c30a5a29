/** The SigmaStar SPI-NAND family: its layout (./nand-base) and its rules. */
import type { Family } from '../../layout/family';
import { sstarCompare } from './compare';
import { sstarNandBase } from './nand-base';
import { SSTAR_NAND_RULES } from './rules';

export const sstarNandFamily: Family = { ...sstarNandBase, rules: SSTAR_NAND_RULES, compare: sstarCompare('nand') };
