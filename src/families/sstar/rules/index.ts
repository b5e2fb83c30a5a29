/** The SigmaStar rules, registered in the SPI-NOR and SPI-NAND families. */
import type { Rule } from '../../../layout/family';
import { bootAreaRule } from './boot-area';
import { cisAtZeroRule, iplAtZeroRule } from './boot-start';
import { cisCopiesRule, replicasFitRule } from './copies';
import { jffs2EraseBlockRule } from './jffs2';
import { mxpContiguousRule, mxpNamesRule, mxpRecordLimitRule } from './mxp-lists';
import { mxptProbedRule } from './mxpt';
import { pniListsRule, pniNamesRule, pniRecordLimitRule } from './pni-lists';
import { envConfigRule, mtdblockRule } from './references';
import { scriptsRule } from './scripts';
import { ubiCapacityRule, ubiVolumeImageRule, ubiVolumesRule } from './ubi';

export const SSTAR_NOR_RULES: Rule[] = [iplAtZeroRule, mxptProbedRule, mxpContiguousRule, mxpRecordLimitRule, mxpNamesRule, jffs2EraseBlockRule, bootAreaRule, envConfigRule, mtdblockRule, scriptsRule];

export const SSTAR_NAND_RULES: Rule[] = [
  cisAtZeroRule,
  cisCopiesRule,
  replicasFitRule,
  pniRecordLimitRule,
  pniNamesRule,
  pniListsRule,
  ubiCapacityRule,
  ubiVolumesRule,
  ubiVolumeImageRule,
  bootAreaRule,
  envConfigRule,
  mtdblockRule,
  scriptsRule,
];
