/** SigmaStar MXP_SF.bin (SPI-NOR partition table) and mxpgenerator's arguments. */
export { emitMxp } from './emit';
export { MxpListError } from './errors';
export { mxpFromLists, mxpLists, type MxpLists } from './generator';
export { formatMxpList, parseMxpList } from './lists';
export { mxpListing } from './listing';
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
  mxpRecord,
  type MxpRecord,
} from './records';
