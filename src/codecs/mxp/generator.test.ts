/**
 * mxpgenerator's list grammar and record computation. Expected offsets are worked out by hand from
 * the rules of spec §1 (running sum, BOOT record, env_merge) for real SDK lists.
 */
import { describe, expect, it } from 'vitest';
import { mxpFromLists, mxpListing, mxpLists, mxpRecord, MxpListError, parseMxpList } from './index';

function listError(run: () => unknown): MxpListError {
  try {
    run();
  } catch (error) {
    if (error instanceof MxpListError) return error;
    throw error;
  }
  throw new Error('expected an MxpListError');
}

describe('the list grammar', () => {
  it('reads 0x<hex>(<NAME>) entries with their columns, leading zeros and any hex case', () => {
    expect(parseMxpList('0x10000(IPL),0x00F0000(appconfigs),0xabc(x)', 'SYS')).toEqual([
      { size: 0x10000, name: 'IPL', column: 1 },
      { size: 0xf0000, name: 'appconfigs', column: 14 },
      { size: 0xabc, name: 'x', column: 36 },
    ]);
  });

  it.each([
    ['', 1, /expected an entry 0x<hex size>\(<NAME>\), found nothing/],
    ['0x1000(A),', 11, /found nothing/],
    ['0x1000(A),,0x1(B)', 11, /found nothing/],
    ['1000(A)', 1, /expected "0x" and a hex size, found "1000\(A\)"/],
    ['0X1000(A)', 1, /expected "0x"/],
    ['0x(A)', 3, /expected hex digits after "0x"/],
    ['0x100000000(A)', 3, /does not fit mxpgenerator's 32-bit sizes/],
    ['0x1000@0x0(A)', 7, /no @offset/],
    ['-(UBI)', 1, /no "-" \(rest of the flash\) entries/],
    ['0x1000 (A)', 7, /expected "\(" after the size, found " \(A\)"/],
    ['0x1000', 7, /expected "\(" after the size, found the end of the entry/],
    ['0x1000(A', 9, /expected "\)" after the name "A"/],
    ['0x1000()', 8, /expected a name/],
    ['0x1000(A B)', 9, /printable ASCII without spaces/],
    ['0x1000((A)', 8, /printable ASCII without spaces, commas or parentheses/],
    ['0x1000(SIXTEEN_CHARS_AB)', 8, /is 16 characters; .* at most 15/],
    ['0x1000(A)2', 10, /unexpected "2" after "\)"/],
  ])('refuses %j at column %i', (text, column, message) => {
    const error = listError(() => parseMxpList(text, 'BOOT'));
    expect(error.column).toBe(column);
    expect(error.list).toBe('BOOT');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(new RegExp(`\\(BOOT list, column ${column}\\)$`));
  });

  it('refuses an entry longer than the tool\'s 50-byte buffer', () => {
    const entry = `0x${'0'.repeat(41)}1000(A)`;
    expect(listError(() => parseMxpList(`0x1(B),${entry}`, 'SYS'))).toMatchObject({ column: 8, message: expect.stringMatching(/is 50 characters; mxpgenerator copies each entry into a 50-byte buffer, so at most 49/) });
    expect(parseMxpList(`0x${'0'.repeat(40)}1000(A)`, 'SYS')).toEqual([{ size: 0x1000, name: 'A', column: 1 }]);
  });

  it('cuts quoted values in messages, so a 10 MB entry gives a short message', () => {
    const error = listError(() => parseMxpList(`0x1(${'A'.repeat(10_000_000)}`, 'SYS'));
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toMatch(/"0x1\(A{36}…"/);
  });
});

describe('records from the two lists', () => {
  // industio/PurPle-Pi-R1 project/image/configs/i2m/nor.squashfs.p2.partition.config, make-expanded by hand.
  const bootList = '0x10000(IPL),0x10000(IPL_CUST),0x10000(MXPT),0x2F000(UBOOT),0x1000(UBOOT_ENV)';
  const sysList = '0x200000(KERNEL),0x10000(KEY_CUST),0x20000(LOGO),0x200000(rootfs),0x00380000(miservice),0x00700000(customer),0x00F0000(appconfigs)';

  it('runs offsets from 0, adds the BOOT record over the BOOT list, and types BOOT entries NORMAL and SYS entries NORMAL|MTD', () => {
    expect(mxpFromLists(bootList, sysList)).toEqual([
      mxpRecord('IPL', 0x0, 0x10000, 1),
      mxpRecord('IPL_CUST', 0x10000, 0x10000, 1),
      mxpRecord('MXPT', 0x20000, 0x10000, 1),
      mxpRecord('UBOOT', 0x30000, 0x2f000, 1),
      mxpRecord('UBOOT_ENV', 0x5f000, 0x1000, 1),
      mxpRecord('BOOT', 0, 0x60000, 3),
      mxpRecord('KERNEL', 0x60000, 0x200000, 3),
      mxpRecord('KEY_CUST', 0x260000, 0x10000, 3),
      mxpRecord('LOGO', 0x270000, 0x20000, 3),
      mxpRecord('rootfs', 0x290000, 0x200000, 3),
      mxpRecord('miservice', 0x490000, 0x380000, 3),
      mxpRecord('customer', 0x810000, 0x700000, 3),
      mxpRecord('appconfigs', 0xf10000, 0xf0000, 3),
    ]);
  });

  it('with env_merge, grows the record before UBOOT_ENV and clears the MTD bit of a SYS UBOOT_ENV', () => {
    const merged = mxpFromLists('0x10000(IPL),0x20000(UBOOT)', '0x1000(UBOOT_ENV),0x100000(KERNEL)', { envMerge: true });
    expect(merged).toEqual([
      mxpRecord('IPL', 0, 0x10000, 1),
      mxpRecord('UBOOT', 0x10000, 0x20000, 1),
      mxpRecord('BOOT', 0, 0x31000, 3),
      mxpRecord('UBOOT_ENV', 0x30000, 0x1000, 1),
      mxpRecord('KERNEL', 0x31000, 0x100000, 3),
    ]);
    expect(mxpLists(merged)).toEqual({ bootList: '0x10000(IPL),0x20000(UBOOT)', sysList: '0x1000(UBOOT_ENV),0x100000(KERNEL)', envMerge: true });
  });

  it('merges every UBOOT_ENV, each into the record before it, and undoes that', () => {
    const merged = mxpFromLists('0x1000(A),0x2000(UBOOT_ENV),0x3000(UBOOT_ENV)', '0x4000(K)', { envMerge: true });
    expect(merged.map((r) => r.size)).toEqual([0x3000, 0x5000, 0x3000, 0x6000, 0x4000]);
    expect(mxpLists(merged).bootList).toBe('0x1000(A),0x2000(UBOOT_ENV),0x3000(UBOOT_ENV)');
  });

  it('does not merge a UBOOT_ENV in the first record', () => {
    expect(mxpFromLists('0x1000(UBOOT_ENV)', '0x1000(K)', { envMerge: true })).toEqual(mxpFromLists('0x1000(UBOOT_ENV)', '0x1000(K)'));
  });

  it('stops at 30 records with the column of the entry past them', () => {
    // Every entry is 13 characters (`0x1000(B0001)`), so entry k starts at column 14k + 1.
    const entries = (n: number, name: string) => Array.from({ length: n }, (_, i) => `0x1000(${name}${String(i).padStart(4, '0')})`).join(',');
    expect(mxpFromLists(entries(10, 'B'), entries(19, 'S'))).toHaveLength(30);
    const over = listError(() => mxpFromLists(entries(10, 'B'), entries(20, 'S')));
    expect(over).toMatchObject({ list: 'SYS', column: 19 * 14 + 1 });
    expect(over.message).toMatch(/record 31 of the table: it holds 30 records \(here 10 BOOT entries, the BOOT record and 20 SYS entries\)/);
    expect(listError(() => mxpFromLists(entries(30, 'B'), '0x1(S)'))).toMatchObject({ list: 'BOOT', column: 29 * 14 + 1 });
    // 10,000 entries stop at the 31st: the work does not grow with the rest.
    expect(listError(() => mxpFromLists(entries(10_000, 'P'), '0x1(S)'))).toMatchObject({ list: 'BOOT', column: 30 * 14 + 1 });
  });

  it('refuses offsets past the tool\'s 32 bits', () => {
    const error = listError(() => mxpFromLists('0x80000000(A)', '0x80000000(B)'));
    expect(error).toMatchObject({ list: 'SYS', column: 1 });
    expect(error.message).toMatch(/B would end at 0x100000000, past mxpgenerator's 32-bit offsets/);
    expect(mxpFromLists('0x80000000(A)', '0x7FFFFFFF(B)').at(-1)).toEqual(mxpRecord('B', 0x80000000, 0x7fffffff, 3));
  });
});

describe('lists from records', () => {
  it('explains records mxpgenerator cannot write', () => {
    const records = mxpFromLists('0x1000(A)', '0x1000(B)');
    expect(() => mxpLists(records.filter((r) => r.name !== 'BOOT'))).toThrow(/there is no BOOT record/);
    expect(() => mxpLists([records[1], records[0], records[2]])).toThrow(/BOOT record comes first/);
    expect(() => mxpLists(records.slice(0, 2))).toThrow(/BOOT record comes last/);
    expect(() => mxpLists([records[0], records[1], { ...records[2], start: 0x3000 }])).toThrow(/record 2 \("B"\) has start 0x3000 \(expected 0x1000\)/);
    expect(() => mxpLists([records[0], records[1], { ...records[2], name: 'A B' }])).toThrow(/record 2 cannot be a list entry/);
    expect(() => mxpLists([records[0], records[1], { ...records[2], crc32: 0 }])).toThrow(/crc32 0x0 \(expected mxpgenerator's default\)/);
  });

  it('derives the listing\'s BOOT: and SYS: lines when they are not given', () => {
    const records = mxpFromLists('0x1F000(A)', '0x1000(B)');
    expect(mxpListing(records).split('\n').slice(1, 3)).toEqual(['BOOT: 0x1F000(A)', 'SYS: 0x1000(B)']);
  });
});

describe('the listing', () => {
  it('prints a size of 0xFFFFFFFF as the tool does: end 0xFFFFFFFF and minus the start in KB', () => {
    // mxpgenerator.c: printf(" 0x%08X-0x%08X", start, 0xFFFFFFFF); printf(" size:-%dKB", start/1024).
    const text = mxpListing([mxpRecord('REST', 0x50000, 0xffffffff, 3)], { bootList: 'b', sysList: 's', sourceLine: 200 });
    expect(text).toBe(
      [':[200]', 'BOOT: b', 'SYS: s', 'MXP count max 30', 'NOR FLASH HAS USED 0x4ffffKB', '        REST: 0x00050000-0xFFFFFFFF size:-320KB', 'Available MXP record count:1', ''].join('\n'),
    );
  });

  it('prints names longer than 12 characters unpadded and 64-bit values cut to 32 bits, as the casts do', () => {
    const text = mxpListing([mxpRecord('FIFTEEN_CHARS_A', 2 ** 32 + 0x1000, 0x2000, 3)], { bootList: 'b', sysList: 's' });
    expect(text.split('\n')[5]).toBe('FIFTEEN_CHARS_A: 0x00001000-0x00003000 size:8KB');
  });
});
