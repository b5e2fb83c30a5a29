/** The SigmaStar SPI-NOR family: its layout (./nor-base) and its rules. */
import type { Family } from '../../layout/family';
import { sstarCompare } from './compare';
import { sstarNorBase } from './nor-base';
import { SSTAR_NOR_RULES } from './rules';

export const sstarNorFamily: Family = { ...sstarNorBase, rules: SSTAR_NOR_RULES, compare: sstarCompare('nor') };
