/**
 * The U-Boot environment image (`env_t` in include/env_internal.h): a CRC-32 of the data area,
 * a flag byte when the board keeps two copies (CONFIG_SYS_REDUNDAND_ENVIRONMENT), then
 * `name=value` strings, each ended by a NUL, the list ended by an empty string, the rest filled.
 */

/** One variable, in the order it is stored. */
export interface UbootEnvVar {
  name: string;
  value: string;
}

/** CRC field, plus the flag byte of a redundant copy. */
export const CRC_LENGTH = 4;

/** CONFIG_ENV_SIZE values boards commonly use, tried in this order when the size is not given. */
export const COMMON_ENV_SIZES: readonly number[] = [0x2000, 0x4000, 0x8000, 0x10000, 0x20000];

/** Larger than any board's CONFIG_ENV_SIZE; refusing more keeps a typo from allocating gigabytes. */
export const MAX_ENV_SIZE = 16 * 1024 * 1024;

/** mkenvimage's fill byte: erased NOR/NAND reads 0xFF. */
export const DEFAULT_FILL = 0xff;

/** The flag byte `mkenvimage -r` writes (ENV_REDUND_ACTIVE on NOR and SPI flash). */
export const ACTIVE_FLAG = 1;

export function headerLength(redundant: boolean): number {
  return CRC_LENGTH + (redundant ? 1 : 0);
}
