/** pnigenerator's argv and entry grammar: what is read, and every refusal with its argument and column. */
import { describe, expect, it } from 'vitest';
import { parsePniArgs, parsePniList, pniFromArgs, PniArgumentError, PNI_DEFAULT_BLOCK_SIZE } from './index';

function argumentError(run: () => unknown): PniArgumentError {
  try {
    run();
  } catch (error) {
    if (error instanceof PniArgumentError) return error;
    throw error;
  }
  throw new Error('expected a PniArgumentError');
}

describe('the argument list', () => {
  it('takes the tool\'s defaults (pnigenerator.c main: 64, 2048, 64, 1024, 8, blk_size 0x20000)', () => {
    expect(parsePniArgs([])).toEqual({ spareByteCount: 64, pageByteCount: 2048, blockPageCount: 64, blockCount: 1024, unitByteCount: 8, blockSize: 0x20000, sources: {} });
    expect(PNI_DEFAULT_BLOCK_SIZE).toBe(0x20000);
  });

  it('reads decimal and 0x/0X hex numbers, separate or attached values, and records where each value is', () => {
    const args = parsePniArgs(['-s128', '-p', '0X1000', '-b', '0x40', '-k', '2048', '-l0x40000', '-t', '0x40000(CIS)', '-y', '', '-o', 'out.pni']);
    expect(args).toMatchObject({ spareByteCount: 128, pageByteCount: 4096, blockPageCount: 64, blockCount: 2048, blockSize: 0x40000, bootList: '0x40000(CIS)', output: 'out.pni' });
    expect(args.sysList).toBeUndefined();
    expect(args.sources).toMatchObject({ '-s': { argument: 0, column: 3 }, '-p': { argument: 2, column: 1 }, '-t': { argument: 9, column: 1 }, '-l': { argument: 7, column: 3 } });
  });

  it.each([
    [['-x', '1'], 0, 1, /expected one of the options -s -p -b -k -u -l -t -y -o, found "-x"/],
    [['stray'], 0, 1, /found "stray"/],
    [['-r', 'in.pni'], 0, 1, /-r reads a PNI and is not a generator option/],
    [['-s', '64', '-s', '32'], 2, 1, /-s is given twice \(also argument 1\)/],
    [['-t'], 0, 3, /-t needs a value/],
    [['-s', '0x'], 1, 1, /expected a decimal or 0x-hex number for -s, found "0x"/],
    [['-s', ''], 1, 1, /found nothing/],
    [['-k', '-1'], 1, 1, /found "-1"/],
    [['-p', '65536'], 1, 1, /-p "65536" is out of range: 0 to 65535 \(a 16-bit field\)/],
    [['-u0x10000'], 0, 3, /-u "0x10000" is out of range/],
    [['-l', '0'], 1, 1, /-l "0" is out of range: 1 to 0xFFFFFFFF/],
    [['-l', '0x100000000'], 1, 1, /out of range/],
    [['-o', ''], 1, 1, /-o needs a file name/],
  ])('refuses %j (argument %i, column %i)', (argv, argument, column, message) => {
    const error = argumentError(() => parsePniArgs(argv));
    expect(error).toMatchObject({ argument, column });
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(new RegExp(`\\(argument ${argument + 1}, .*column ${column}\\)$`));
  });
});

describe('the entry grammar', () => {
  const source = { option: '-t', argument: 4, column: 3 } as const;

  it('reads the three entry forms with their backup counts and columns', () => {
    expect(parsePniList('0x40000(CIS),0x20000@0x140000(IPL0)2,0x20000(IPL1)12,-(UBI)', source)).toEqual([
      { name: 'CIS', size: 0x40000, backupBlockCount: 0, column: 3 },
      { name: 'IPL0', size: 0x20000, start: 0x140000, backupBlockCount: 2, column: 16 },
      { name: 'IPL1', size: 0x20000, backupBlockCount: 12, column: 40 },
      { name: 'UBI', backupBlockCount: 0, column: 56 },
    ]);
  });

  it.each([
    ['', 1, /expected an entry 0x<size>\(<NAME>\), 0x<size>@0x<offset>\(<NAME>\) or -\(<NAME>\), found nothing/],
    ['0x1(A),', 8, /found nothing/],
    ['1(A)', 1, /expected "0x" and a hex size, found "1\(A\)"/],
    ['0x(A)', 3, /expected hex digits for the size, found "\(A\)"/],
    ['0x1FFFFFFFF(A)', 3, /the size 0x1FFFFFFFF does not fit pnigenerator's 32 bits/],
    ['0x1@(A)', 5, /expected "0x" and a hex offset, found "\(A\)"/],
    ['0x1@0x(A)', 7, /expected hex digits for the offset/],
    ['0x1 (A)', 4, /expected "\(" before the name, found " \(A\)"/],
    ['0x1(A', 6, /expected "\)" after the name "A"/],
    ['0x1()', 5, /expected a name/],
    ['0x1(A@B)', 6, /without spaces, commas, parentheses or "@"/],
    ['0x1(A\tB)', 6, /printable ASCII/],
    [`0x1(${'N'.repeat(30)})`, 5, /is 30 characters; pnigenerator keeps names in 30 bytes, so at most 29/],
    ['0x1(A)x', 7, /expected a decimal backup block count or the end of the entry after "\)", found "x"/],
    ['0x1(A)-1', 7, /found "-1"/],
    ['0x1(A)65536', 7, /the backup block count 65536 does not fit the record's 16 bits/],
    ['-UBI', 2, /expected "\(" before the name, found "UBI"/],
    ['-(UBI)1', 7, /a -\(<NAME>\) entry takes no backup block count/],
    [`0x${'0'.repeat(44)}1(A)`, 1, /is 50 characters; pnigenerator copies each entry into a 50-byte buffer, so at most 49/],
  ])('refuses %j at column %i of the value', (text, column, message) => {
    const error = argumentError(() => parsePniList(text, { option: '-y' }));
    expect(error).toMatchObject({ column, option: '-y' });
    expect(error.argument).toBeUndefined();
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(new RegExp(`\\(-y value, column ${column}\\)$`));
  });

  it('gives columns in the argument for an attached value', () => {
    const error = argumentError(() => pniFromArgs(parsePniArgs(['-o', 'x', '-t0x1(A),0x2(B'])));
    expect(error).toMatchObject({ argument: 2, column: 15 });
    expect(error.message).toMatch(/\(argument 3, -t, column 15\)$/);
  });

  it('keeps messages short for a huge name', () => {
    const error = argumentError(() => parsePniList(`-(${'A'.repeat(5_000_000)})`, { option: '-t' }));
    expect(error.message.length).toBeLessThan(300);
  });
});
