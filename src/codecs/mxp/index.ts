/** SigmaStar MXP_SF.bin (SPI-NOR partition table) and mxpgenerator's arguments. */
export { emitMxp } from './emit';
export { MxpListError, type MxpListName } from './errors';
export { mxpFromLists, mxpLists, type MxpGeneratorOptions, type MxpLists } from './generator';
export type { MxpGeneration } from './generation';
export { formatMxpList, parseMxpList, type MxpListEntry } from './lists';
export { mxpListing, type MxpListingOptions } from './listing';
export { parseMxp, type MxpTable } from './parse';
export {
  MXP_MAX_RECORDS,
  MXP_NAME_MAX,
  MXP_PROBE_OFFSETS,
  MXP_STATUS_ACTIVE,
  MXP_STATUS_EMPTY,
  MXP_STATUS_INACTIVE,
  MXP_STATUS_READY,
  MXP_STATUS_UPGRADING,
  MXP_TABLE_BYTES,
  MXP_TYPE_MTD,
  MXP_TYPE_NORMAL,
  MXP_TYPE_NORMAL_MTD,
  MXP_TYPE_TAG,
  mxpRecord,
  type MxpRecord,
} from './records';
