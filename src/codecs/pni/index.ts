/** SigmaStar PARTINFO.pni (SPI-NAND partition info), pnigenerator's arguments, and what U-Boot makes of a PNI. */
export { parsePniArgs, PNI_DEFAULT_BLOCK_SIZE, type PniArgs } from './args';
export { CIS_MAX_COPIES, cisCopyOffsets, cisPniPage } from './cis';
export { emitPni } from './emit';
export { parsePniList, type PniListEntry } from './entries';
export { PniArgumentError } from './errors';
export { pniFromArgs, type PniLayout } from './generator';
export { pniListing } from './listing';
export { pniToMtdparts } from './mtdparts';
export { parsePni, parsePniSet, type ParsedPni } from './parse';
export { PNI_BYTES, PNI_DEFAULT_HEADER, PNI_HEADER_BYTES, PNI_MAX_RECORDS, PNI_RECORD_BYTES, type Pni, type PniHeader, type PniRecord } from './records';
export { PNI_HIDDEN, PNI_TYPE_UNKNOWN, pniTypeCode, pniTypeName } from './types';
