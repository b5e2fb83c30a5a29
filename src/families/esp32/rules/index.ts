/** The ESP-IDF partition table rules, registered in the esp32 family (see families/esp32.ts). */
import { belowTableRule } from './below-table';
import { entryLimitRule } from './entry-limit';
import { nvsSizeRule, readonlyRule } from './flags';
import { uint32Rule } from './limits';
import { keywordNameRule, nameLengthRule, truncatedCollisionRule } from './names';
import { fixedEntryRule, optionsRule } from './options';
import { otaLayoutRule } from './ota';
import { otadataRule, teeOtadataRule } from './otadata';
import { unknownSubtypeRule } from './subtypes';
import { tableOrderRule } from './table-order';
import type { Rule } from '../../../layout/family';

export const ESP32_RULES: Rule[] = [
  optionsRule,
  entryLimitRule,
  belowTableRule,
  tableOrderRule,
  uint32Rule,
  fixedEntryRule,
  nameLengthRule,
  truncatedCollisionRule,
  keywordNameRule,
  readonlyRule,
  nvsSizeRule,
  otadataRule,
  teeOtadataRule,
  unknownSubtypeRule,
  otaLayoutRule,
];
