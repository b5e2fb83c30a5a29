/** The GUID Partition Table codec: protective MBR, headers and entry arrays ↔ GptTable. */
export { describeAttributes, parseAttributesHex } from './attributes';
export { emitGpt } from './emit';
export { parseGpt } from './parse';
export { defaultUsableRange, GPT_MAX_ENTRIES, type GptTable } from './records';
export { GPT_PARTITION_TYPES, GPT_TYPE_EFI_SYSTEM, GPT_TYPE_LINUX_DATA, GPT_TYPE_UBOOT_ENV, gptTypeByGuid } from './types';
