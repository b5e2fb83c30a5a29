/** The GUID Partition Table codec: protective MBR, headers and entry arrays ↔ GptTable. */
export {
  attributeBits,
  ATTRIBUTE_NAMES,
  attributeNames,
  attributesFromNames,
  describeAttributes,
  formatAttributesHex,
  hasBit,
  parseAttributesHex,
  withBit,
} from './attributes';
export { emitGpt, protectiveMbr, type GptEmitOptions } from './emit';
export { guidAt, guidToBytes, isGuid, normalizeGuid, putGuid, randomGuid, ZERO_GUID, type RandomBytes } from '../guid';
export { parseGpt, type GptParseOptions, type GptParseResult, type SectorReader } from './parse';
export {
  arraySectors,
  defaultUsableRange,
  GPT_DEFAULT_ENTRIES,
  GPT_MAX_ENTRIES,
  GPT_NAME_UNITS,
  type GptHeader,
  type GptPartition,
  type GptPiece,
  type GptTable,
  type GptWarning,
} from './records';
export { GPT_PARTITION_TYPES, GPT_TYPE_EFI_SYSTEM, GPT_TYPE_LINUX_DATA, GPT_TYPE_UBOOT_ENV, gptTypeByGuid, type GptPartitionType } from './types';
