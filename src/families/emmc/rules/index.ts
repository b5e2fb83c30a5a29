/** The eMMC/SD rules, registered in the emmc family. */
import type { Rule } from '../../../layout/family';
import { bootFirmwareRule } from './boot-firmware';
import { bootPartitionSizeRule } from './boot-partition-size';
import { gptNameRule } from './gpt-names';
import { mbrLimitsRule } from './mbr-limits';
import { rawOverTableRule } from './raw-over-table';
import { uniqueGuidRule } from './unique-guids';
import { usableAreaRule } from './usable-area';

export const EMMC_RULES: Rule[] = [rawOverTableRule, usableAreaRule, bootFirmwareRule, bootPartitionSizeRule, mbrLimitsRule, gptNameRule, uniqueGuidRule];
