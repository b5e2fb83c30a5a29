import { describe, expect, it } from 'vitest';
import { badBlockReserve, ubiCapacity } from './ubi';

describe('UBI capacity', () => {
  it('gives the LEB of SigmaStar UBI_MLC_TYPE 0 (spec §4: 126976 bytes for 128 KiB blocks of 2 KiB pages)', () => {
    expect(ubiCapacity({ partitionBytes: 0x20000 * 100, chipBytes: 128 << 20, pebBytes: 0x20000, pageBytes: 2048 }).lebBytes).toBe(126976);
    // UBI_MLC_TYPE 1 and 2 of the partition.config comments: 253952 for 256K/4K, 1032192 for 1M/8K.
    expect(ubiCapacity({ partitionBytes: 0x40000, chipBytes: 0x40000, pebBytes: 0x40000, pageBytes: 4096 }).lebBytes).toBe(253952);
    expect(ubiCapacity({ partitionBytes: 0x100000, chipBytes: 0x100000, pebBytes: 0x100000, pageBytes: 8192 }).lebBytes).toBe(1032192);
  });

  it('reserves 20 PEBs per 1024 of the chip, rounded up like get_bad_peb_limit', () => {
    expect(badBlockReserve(1024)).toBe(20);
    expect(badBlockReserve(2048)).toBe(40);
    expect(badBlockReserve(1000)).toBe(20); // 19.53 rounds up
    expect(badBlockReserve(4096, 0)).toBe(0);
  });

  it('keeps 4 PEBs of its own and the bad-block reserve of the whole chip', () => {
    // 902 PEBs of a 1024-block chip: 902 - 4 - 20 LEBs.
    expect(ubiCapacity({ partitionBytes: 902 * 0x20000, chipBytes: 1024 * 0x20000, pebBytes: 0x20000, pageBytes: 2048 })).toEqual({
      lebBytes: 126976,
      pebs: 902,
      reservedPebs: 24,
      usableLebs: 878,
    });
    expect(ubiCapacity({ partitionBytes: 10 * 0x20000, chipBytes: 1024 * 0x20000, pebBytes: 0x20000, pageBytes: 2048 }).usableLebs).toBe(0);
  });
});
