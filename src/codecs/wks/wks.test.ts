/**
 * The .wks codec. wic is not packaged in Debian, so: the parser's word splitting and option
 * reading are checked against Debian's Python (shlex.split, and argparse with the options
 * ksparser.py declares), layouts against values worked by hand from disk-formats.md §(d) (each
 * step written out beside the numbers) and against sfdisk, which must accept the same
 * partitions on a disk of the computed size.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { debianTool, runTool } from '../../test-support/debian';
import { FormatError } from '../errors';
import { GiB, KiB, MiB } from '../../model/units';
import { emitWks, layoutWks, parseWks, resolveWks, type WksPartition, type WksRecord } from './index';
import { shlexSplit } from './shlex';
import { offsetBytes, sizeBytes, wholeNumber } from './numbers';

const dir = mkdtempSync(join(tmpdir(), 'wks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Records without source positions. */
function strip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'line' || key === 'column' ? undefined : v)));
}

function parts(text: string): WksPartition[] {
  return parseWks(text).filter((record): record is WksPartition => record.kind === 'part');
}

function located(text: string, message: RegExp, line: number, column?: number): void {
  try {
    parseWks(text);
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toMatch(message);
    expect((error as FormatError).line).toBe(line);
    if (column !== undefined) expect((error as FormatError).column).toBe(column);
    return;
  }
  throw new Error(`expected a FormatError for ${text}`);
}

describe('parseWks', () => {
  it('reads the examples of disk-formats.md §(d)', () => {
    const records = parseWks(`bootloader --ptable gpt --timeout 5 --append "console=ttyS0 rootwait" --diskid 5f3b6e0a-1111-4222-8333-444455556666
part /boot --source bootimg_partition --ondisk mmcblk0 --fstype=vfat --label boot --active --align 4 --size 16
part u-boot --source rawcopy --sourceparams="file=u-boot.imx" --ondisk mmcblk0 --no-table --align 1
part / --source rootfs --ondisk mmcblk0 --fstype=ext4 --label root --align 4096
part --source rawcopy --sourceparams="file=env.bin" --offset 4M --fixed-size 1M --part-name uboot-env --part-type 3DE21764-95BD-54BD-A5C3-4ABE786F38A8
`);
    expect(strip(records)).toEqual([
      { kind: 'bootloader', ptable: 'gpt', timeout: 5, append: 'console=ttyS0 rootwait', diskid: '5f3b6e0a-1111-4222-8333-444455556666' },
      { kind: 'part', mountpoint: '/boot', source: 'bootimg_partition', ondisk: 'mmcblk0', fstype: 'vfat', label: 'boot', active: true, align: 4, size: 16 * MiB },
      { kind: 'part', mountpoint: 'u-boot', source: 'rawcopy', sourceparams: 'file=u-boot.imx', ondisk: 'mmcblk0', noTable: true, align: 1 },
      { kind: 'part', mountpoint: '/', source: 'rootfs', ondisk: 'mmcblk0', fstype: 'ext4', label: 'root', align: 4096 },
      { kind: 'part', source: 'rawcopy', sourceparams: 'file=env.bin', offset: 4 * MiB, fixedSize: MiB, partName: 'uboot-env', partType: '3DE21764-95BD-54BD-A5C3-4ABE786F38A8' },
    ]);
  });

  it("reads units as wic's sizetype does", () => {
    const one = (options: string) => parts(`part x ${options}`)[0];
    expect(one('--size 16').size).toBe(16 * MiB); // a bare --size is MiB
    expect(one('--size 16M').size).toBe(16 * MiB);
    expect(one('--size 16k').size).toBe(16 * KiB);
    expect(one('--size 16K').size).toBe(16 * KiB);
    expect(one('--size 2G').size).toBe(2 * GiB);
    expect(one('--fixed-size=1_0M').fixedSize).toBe(10 * MiB); // Python's int() takes _
    expect(one('--offset 4M').offset).toBe(4 * MiB);
    expect(one('--offset 8s').offset).toBe(8 * 512);
    expect(one('--offset 8S').offset).toBe(8 * 512);
    expect(one('--offset 64').offset).toBe(64 * KiB); // a bare --offset is KiB
    expect(one('--offset 64k').offset).toBe(64 * KiB);
    expect(one('--align 4').align).toBe(4); // KiB, kept as written
    expect(one('--extra-space 10M').extraSpace).toBe(10 * MiB);
    expect(one('--extra-filesystem-space 5').extraSpace).toBe(5 * MiB);
    expect(one('--overhead-factor 1.3').overheadFactor).toBe(1.3);
    for (const bad of ['16m', '1.5M', '-1', 'abc', '16MB', 'M']) expect(() => one(`--size ${bad}`)).toThrow(FormatError);
    for (const bad of ['8x', '1.5', '-8s']) expect(() => one(`--offset ${bad}`)).toThrow(FormatError);
  });

  it("reads argparse's forms: --opt=value, unique prefixes, aliases, repeats, flags, --", () => {
    expect(strip(parts('part / --fixed 4M --lab=root --ondrive sdb --label=again --exclude-path a b --include-path c --include-path d e'))[0]).toEqual({
      kind: 'part',
      mountpoint: '/',
      fixedSize: 4 * MiB,
      label: 'again',
      ondisk: 'sdb',
      excludePath: ['a', 'b'],
      includePath: [['c'], ['d', 'e']],
    });
    expect(strip(parts('part --size 1M -- -odd')[0])).toEqual({ kind: 'part', size: MiB, mountpoint: '-odd' });
    expect(strip(parts("part '' --label ''")[0])).toEqual({ kind: 'part', mountpoint: '', label: '' });
    expect(parts('partition /data --size 1')[0]).toMatchObject({ command: 'partition', mountpoint: '/data' });
  });

  it('keeps comments and skips blank lines; # only starts a comment at the start of a line', () => {
    const records = parseWks('  # a comment  \n\n\t\npart / --size 1\n');
    expect(strip(records)).toEqual([{ kind: 'comment', text: '# a comment' }, { kind: 'part', mountpoint: '/', size: MiB }]);
    located('part / --size 1 # trailing', /^unrecognized arguments: # trailing at line 1, column 17$/, 1, 17);
  });

  it('reports errors with line and column, in wic\'s words where it has them', () => {
    located('part / --size 16m', /^argument --size: Invalid size: "16m"/, 1, 15);
    located('part / --sise 16', /^unrecognized arguments: --sise 16/, 1, 8);
    located('part / --extra 1M', /^ambiguous option: "--extra" could match --extra-space, --extra-filesystem-space, --extra-partition-space/, 1, 8);
    located('\n\npart / --label', /^argument --label: expected one argument at line 3, column 8$/, 3, 8);
    located('part / --size 1 --fixed-size 2', /^argument --fixed-size: not allowed with argument --size/, 1, 17);
    located('part / --label "root', /^No closing quotation at line 1, column 16$/, 1, 16);
    located('part / --label root\\', /^No escaped character/, 1, 20);
    located('part / --fstype xfs', /^argument --fstype: invalid choice: "xfs" \(choose from 'ext2', 'ext3', 'ext4', 'btrfs', 'squashfs', 'vfat', 'msdos', 'erofs', 'swap', 'none'\)/, 1, 17);
    located('part / --fstype squashfs --label root', /^SquashFS does not support LABEL/, 1, 26);
    located('part / --fstype vfat --fsuuid 123456789', /fsuuid "123456789" exceeds the length limit for vfat filesystem/, 1, 22);
    located('part / --use-label', /^Must set the label with --label/, 1, 8);
    located('part / --fixed-size 1M --extra-space 2M', /^arguments --overhead-factor and --extra-filesystem-space not allowed with argument --fixed-size/, 1, 24);
    located('part / --active=yes', /^argument --active: ignored explicit argument "yes"/, 1, 8);
    located('part / --system-id 0x100', /^argument --system-id: Invalid system type: "0x100". must be hex between 0x1 and 0xFF/, 1, 20);
    located('bootloader --ptable gpt\nbootloader --ptable msdos', /^more than one bootloader specified \(the first is at line 1\)/, 2, 1);
    located('bootloader --ptable dos', /^argument --ptable: invalid choice: "dos"/, 1, 21);
    located('bootloader --ptable msdos --diskid 0x1234567890', /only 32bit integers are allowed for --diskid/, 1, 27);
    located('bootloader --ptable gpt --diskid nope', /^with --ptable gpt only valid uuids are allowed for --diskid/, 1, 25);
    located('include', /^the following arguments are required: path/, 1, 1);
    located('  disk /dev/sda', /^invalid choice: "disk" \(choose from 'part', 'bootloader', 'include'\) at line 1, column 3$/, 1, 3);
    located('part / ${ROOT_OPTIONS}', /^"\$\{ROOT_OPTIONS\}" stands where an option is expected/, 1, 8);
    located('part / --help', /wic would print its help/, 1, 8);
  });
});

describe('bitbake variables', () => {
  const imx = `# meta-freescale style (imx-boot-container)
part u-boot --source rawcopy --sourceparams="file=\${IMAGE_BOOTLOADER}" --ondisk mmcblk --no-table --align \${IMX_BOOT_SEEK}
part /boot --source bootimg-partition --ondisk mmcblk --fstype=vfat --label boot --active --align 8192 --size 64
part / --source rootfs --ondisk mmcblk --fstype=ext4 --label root --align 8192
bootloader --ptable msdos
`;

  it('keeps them symbolic and says which ones change the layout', () => {
    const records = parseWks(imx);
    expect(records[1]).toMatchObject({ align: { template: '${IMX_BOOT_SEEK}', variables: ['IMX_BOOT_SEEK'] }, sourceparams: { template: 'file=${IMAGE_BOOTLOADER}', variables: ['IMAGE_BOOTLOADER'] } });
    expect(resolveWks(records).unresolved).toEqual([
      { variable: 'IMAGE_BOOTLOADER', option: '--sourceparams', affects: 'file', line: 2 },
      { variable: 'IMX_BOOT_SEEK', option: '--align', affects: 'placement', line: 2 },
    ]);
    const layout = layoutWks(records);
    expect(layout.complete).toBe(false);
    expect(layout.notes).toContain('u-boot: --align needs ${IMX_BOOT_SEEK} (resolveWks)');
  });

  it('substitutes values, converts them as the option would, and lays the result out', () => {
    const { records, unresolved } = resolveWks(parseWks(imx), { IMX_BOOT_SEEK: '33', IMAGE_BOOTLOADER: 'imx-boot' });
    expect(unresolved).toEqual([]);
    expect(records[1]).toMatchObject({ align: 33, sourceparams: 'file=imx-boot' });
    const layout = layoutWks(records);
    // u-boot: sector 1 after the MBR, aligned to 33 KiB = 66 sectors: 66. Its size is the file's.
    expect(layout.partitions[0]).toMatchObject({ name: 'u-boot', num: 0, start: 66, startExact: true, size: 'unknown' });
    expect(layout.partitions[1]).toMatchObject({ name: '/boot', num: 1, size: 'minimum', sectors: 131072 });
    expect(layout.partitions[1].start).toBeUndefined();
    expect(layout.notes).toEqual([
      'u-boot: its size comes from the content of --source rawcopy; give --fixed-size to know it',
      '/boot: --source bootimg-partition can make it larger than --size (content, overhead factor, extra space)',
      '/: its size comes from the content of --source rootfs; give --fixed-size to know it',
    ]);
  });

  it('reports a resolved value the option refuses, at the template', () => {
    expect(() => resolveWks(parseWks(imx), { IMX_BOOT_SEEK: '33K' })).toThrow(/^argument --align: invalid int value: "33K" \(from "\$\{IMX_BOOT_SEEK\}"\) at line 2, column 107$/);
    expect(() => resolveWks(parseWks('part / --fstype ${FS} --label root'), { FS: 'squashfs' })).toThrow(/SquashFS does not support LABEL/);
  });

  it('expands variables in the line before splitting, when asked (wic\'s expand_line)', () => {
    expect(strip(parseWks('part / ${ROOT_OPTIONS} --label ${LABEL}', { variables: { ROOT_OPTIONS: '--fstype ext4 --size 1G' } }))).toEqual([
      { kind: 'part', mountpoint: '/', fstype: 'ext4', size: GiB, label: { template: '${LABEL}', variables: ['LABEL'] } },
    ]);
  });
});

describe('layoutWks follows PartitionedImage.layout_partitions', () => {
  it('msdos: a raw area first, then aligned partitions of fixed size', () => {
    const layout = layoutWks(
      parseWks(`bootloader --ptable msdos
part --source empty --no-table --size 1M
part /boot --fstype vfat --label boot --active --align 1024 --fixed-size 32M
part / --fstype ext4 --label root --align 1024 --fixed-size 100M
`),
    );
    // empty: 1 sector of MBR, no --align: 1..2048. /boot: 2049 aligned to 2048 sectors: 4096,
    // 65536 sectors. /: 69632 is aligned; 204800 sectors. Disk: 274432 sectors.
    expect(layout.partitions.map((p) => [p.num, p.start, p.sectors, p.size])).toEqual([
      [0, 1, 2048, 'exact'],
      [1, 4096, 65536, 'exact'],
      [2, 69632, 204800, 'exact'],
    ]);
    expect([layout.complete, layout.diskSectors, layout.notes]).toEqual([true, 274432, []]);
  });

  it('msdos with six partitions: logical from the 4th, 2 sectors of EBR before each', () => {
    const six = (options: string) => Array.from({ length: 6 }, (_, i) => `part p${i + 1} --fixed-size 1M ${options}`).join('\n');
    // Without --align: p1 1, p2 2049, p3 4097; p4 is logical: 6145 + 2 = 6147; p5 8195 + 2 = 8197;
    // p6 10245 + 2 = 10247. The extended partition starts 2 sectors before p4 (6145) and holds
    // 3 × (2048 + 2) = 6150 sectors.
    const plain = layoutWks(parseWks(six('')));
    expect(plain.partitions.map((p) => [p.num, p.start, p.logical])).toEqual([
      [1, 1, false],
      [2, 2049, false],
      [3, 4097, false],
      [5, 6147, true],
      [6, 8197, true],
      [7, 10247, true],
    ]);
    expect(plain.extended).toEqual({ num: 4, start: 6145, sectors: 6150 });
    expect(plain.diskSectors).toBe(12295);
    // --align 1024 (2048 sectors): p1 2048, p2 4096, p3 6144; p4: 8192 + 2 = 8194, aligned 10240;
    // p5: 12288 + 2 → 14336; p6: 16384 + 2 → 18432. Extended from 10238: the first logical's
    // 2048 + 2, then (2046 of alignment + 2048 + 2) twice: 10242 sectors.
    const aligned = layoutWks(parseWks(six('--align 1024')));
    expect(aligned.partitions.map((p) => p.start)).toEqual([2048, 4096, 6144, 10240, 14336, 18432]);
    expect(aligned.extended).toEqual({ num: 4, start: 10238, sectors: 10242 });
    expect(aligned.diskSectors).toBe(20480);
  });

  it('gpt: 34 sectors before the first partition and after the last, --offset in sectors and bytes', () => {
    const text = `bootloader --ptable gpt --timeout 3
part u-boot --source rawcopy --sourceparams="file=u-boot.img" --no-table --offset 32K --fixed-size 992K
part uboot-env --source rawcopy --sourceparams="file=env.bin" --offset 2048s --fixed-size 64K --part-name uboot-env --part-type 3DE21764-95BD-54BD-A5C3-4ABE786F38A8
part /boot --fstype vfat --label boot --align 1024 --fixed-size 32M
part / --fstype ext4 --label root --align 1024 --fixed-size 256M
`;
    const layout = layoutWks(parseWks(text));
    // u-boot: after 34 sectors, --offset 32K = sector 64, 1984 sectors. env: --offset 2048s,
    // 128 sectors, to 2176. /boot: aligned to 2048 sectors: 4096, 65536. /: 69632, 524288.
    // Disk: 593920 + 34 = 593954 sectors.
    expect(layout.partitions.map((p) => [p.name, p.num, p.start, p.sectors])).toEqual([
      ['u-boot', 0, 64, 1984],
      ['uboot-env', 1, 2048, 128],
      ['/boot', 2, 4096, 65536],
      ['/', 3, 69632, 524288],
    ]);
    expect([layout.complete, layout.diskSectors]).toEqual([true, 593954]);

    // sfdisk accepts the table partitions on a disk of that size, where we put them.
    const image = join(dir, 'gpt.img');
    writeFileSync(image, '');
    runTool('/usr/bin/truncate', ['-s', String(layout.diskSectors! * 512), image]);
    const table = layout.partitions.filter((p) => !p.noTable);
    const script = `label: gpt\nfirst-lba: 34\n${table.map((p) => `start=${p.start}, size=${p.sectors}`).join('\n')}\n`;
    const sfdisk = debianTool('sfdisk', 'fdisk');
    runTool(sfdisk, ['--no-reread', '--no-tell-kernel', image], script);
    const json = JSON.parse(runTool(sfdisk, ['-J', image]).stdout).partitiontable;
    expect(json.partitions.map((p: { start: number; size: number }) => [p.start, p.size])).toEqual(table.map((p) => [p.start, p.sectors]));
    expect(json.lastlba).toBe(layout.diskSectors! - 34);
    const verify = spawnSync(sfdisk, ['--verify', image], { encoding: 'utf8' });
    expect(verify.stdout).toMatch(/No errors detected/);
  });

  it('refuses an --offset behind the next free sector, in wic\'s words', () => {
    // /boot ends at 2048 + 16384 = 18432; 4M is sector 8192.
    expect(() => layoutWks(parseWks('bootloader --ptable gpt\npart /boot --fixed-size 8M --align 1024\npart data --offset 4M --fixed-size 1M'))).toThrow(
      /^Could not place sda2 at offset 4194304: next free sector is 18432 \(delta: -10240\) \(line 3\)$/,
    );
    expect(() => layoutWks(parseWks('bootloader --ptable gpt\npart spl --ondisk mmcblk0 --no-table --offset 8s --fixed-size 32K'))).toThrow(/^Could not place mmcblk01 at offset 4096: next free sector is 34 \(delta: -26\)/);
    expect(() => layoutWks(parseWks('part / --size 1M --part-name x'))).toThrow(/setting custom partition name is not implemented for msdos partitions/);
    expect(() => layoutWks(parseWks('part / --fstype ext4'))).toThrow(/^The \/ partition has a size of zero\. Please specify a non-zero --size\/--fixed-size/);
  });

  it('a raspberrypi-style layout: exact up to the first content-sized partition, lower bounds after', () => {
    const layout = layoutWks(
      parseWks(`part /boot --source bootimg-partition --ondisk mmcblk0 --fstype=vfat --label boot --active --align 4096 --size 20
part / --source rootfs --ondisk mmcblk0 --fstype=ext4 --label root --align 4096
part /data --ondisk mmcblk0 --fstype=ext4 --label data --align 4096 --offset 1G --fixed-size 512M
`),
    );
    // /boot: sector 1 aligned to 8192; at least 40960 sectors. /: from 49152 at least, size from
    // the root filesystem. /data: --offset 1G = sector 2097152, 1048576 sectors.
    expect(layout.partitions.map((p) => [p.start, p.startExact, p.sectors, p.size])).toEqual([
      [8192, true, 40960, 'minimum'],
      [49152, false, undefined, 'unknown'],
      [2097152, true, 1048576, 'exact'],
    ]);
    expect(layout.complete).toBe(false);
    expect(layout.notes).toContain('/data: placed at its --offset, but wic refuses the image if the partitions before it grow past sector 2097152');
    expect(layout.diskSectors).toBe(3145728);
  });

  it('sunxi-style: the SPL at 8 KiB before a 1 MiB-aligned table', () => {
    const layout = layoutWks(
      parseWks(`part u-boot --source rawcopy --sourceparams="file=u-boot-sunxi-with-spl.bin" --ondisk mmcblk0 --no-table --align 8 --fixed-size 1000K
part /boot --source bootimg-partition --ondisk mmcblk0 --fstype=vfat --label boot --active --align 1024 --fixed-size 16M
part / --source rootfs --ondisk mmcblk0 --fstype=ext4 --label root --align 1024 --fixed-size 512M
`),
    );
    // u-boot: 1 aligned to 16 sectors: 16, 2000 sectors to 2016. /boot: 2048. /: 2048 + 32768.
    expect(layout.partitions.map((p) => [p.num, p.start, p.sectors])).toEqual([
      [0, 16, 2000],
      [1, 2048, 32768],
      [2, 34816, 1048576],
    ]);
    expect(layout.complete).toBe(true);
  });
});

describe('round trips', () => {
  const word = fc.string({ unit: 'binary', maxLength: 12 }).filter((t) => !/[\r\n]/.test(t) && !t.startsWith('-'));
  const text = fc.oneof(word, fc.stringMatching(/^[a-z]{0,4}\$\{[A-Z_]{1,8}\}[a-z]{0,4}$/).map((t) => ({ template: t, variables: [...new Set([...t.matchAll(/\$\{([^{}@\n\t :]+)\}/g)].map((m) => m[1]))] })));
  const kib = fc.integer({ min: 0, max: 2 ** 30 }).map((n) => n * KiB);
  const sectors = fc.integer({ min: 0, max: 2 ** 40 }).map((n) => n * 512);
  const flag = fc.constant(true);
  const partArb = fc.record(
    {
      kind: fc.constant('part' as const),
      command: fc.constant('partition' as const),
      mountpoint: text,
      source: text,
      sourceparams: text,
      fstype: fc.constantFrom('ext4' as const, 'vfat' as const, 'swap' as const, 'none' as const),
      label: text,
      partName: text,
      partType: text,
      uuid: text,
      fsuuid: fc.stringMatching(/^[0-9A-F]{8}$/),
      systemId: fc.constantFrom('0x83', 'c', '0xEF'),
      ondisk: text,
      type: fc.constantFrom('primary' as const, 'logical' as const),
      active: flag,
      hidden: flag,
      mbr: flag,
      noTable: flag,
      noFstabUpdate: flag,
      useUuid: flag,
      align: fc.integer({ min: 0, max: 2 ** 20 }),
      offset: sectors,
      size: kib,
      extraPartitionSpace: kib,
      mkfsExtraopts: text,
      fspassno: fc.constantFrom('0', '1', '2'),
      rootfsDir: text,
      changeDirectory: text,
      excludePath: fc.array(word.filter((w) => w !== ''), { minLength: 1, maxLength: 3 }),
      includePath: fc.array(fc.array(word.filter((w) => w !== ''), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['kind'] },
  );
  const bootloaderArb = fc.record(
    { kind: fc.constant('bootloader' as const), ptable: fc.constantFrom('msdos' as const, 'gpt' as const, 'gpt-hybrid' as const), timeout: fc.integer({ min: 0, max: 3600 }), append: text, configfile: text, source: text },
    { requiredKeys: ['kind'] },
  );
  const recordsArb = fc
    .tuple(
      fc.option(bootloaderArb, { nil: undefined }),
      fc.array(fc.oneof(partArb, fc.record({ kind: fc.constant('include' as const), path: word.filter((w) => w !== '') }), fc.stringMatching(/^#[ -~]{0,20}$/).filter((t) => t.trim() === t).map((t) => ({ kind: 'comment' as const, text: t }))), { maxLength: 8 }),
    )
    .map(([bootloader, rest]) => (bootloader ? [bootloader, ...rest] : rest) as WksRecord[]);

  it('records → .wks → records, and the text is stable', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const emitted = emitWks(records);
        const parsed = strip(parseWks(emitted));
        expect(parsed).toEqual(records);
        expect(emitWks(parsed)).toBe(emitted);
      }),
      { numRuns: 400 },
    );
  });

  it('writes canonical lines for the spec examples', () => {
    const text = 'part /boot --source bootimg_partition --ondisk mmcblk0 --fstype=vfat --label boot --active --align 4 --size 16\npart u-boot --sourceparams="file=u-boot.imx" --no-table --offset 8s --fixed-size 1000k\n';
    expect(emitWks(parseWks(text))).toBe(
      'part /boot --source bootimg_partition --ondisk mmcblk0 --fstype vfat --label boot --active --align 4 --size 16M\npart u-boot --sourceparams file=u-boot.imx --no-table --offset 4K --fixed-size 1000K\n',
    );
    expect(emitWks([{ kind: 'part', label: '-odd label', mountpoint: 'my disk' }])).toBe("part 'my disk' --label='-odd label'\n");
    expect(() => emitWks([{ kind: 'part', size: 1000 }])).toThrow(/--size 1000 cannot be written/);
  });
});

/** Debian's Python 3 with its standard library (shlex, argparse, json). */
function python(script: string, input: unknown): unknown {
  debianTool('pydoc3', 'python3');
  const result = spawnSync(debianTool('python3', 'python3-minimal'), ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

const SHLEX = `
import json, shlex, sys
out = []
for line in json.load(sys.stdin):
    try:
        out.append(shlex.split(line))
    except ValueError as error:
        out.append(str(error))
print(json.dumps(out))
`;

/** argparse with the options ksparser.py declares (values kept as strings; conversions are ours). */
const ARGPARSE = `
import argparse, json, sys
class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise ValueError(message)
parser = Parser()
sub = parser.add_subparsers()
part = sub.add_parser('part')
part.add_argument('mountpoint', nargs='?')
for name in ['--active', '--use-label', '--no-table', '--hidden', '--use-uuid', '--no-fstab-update', '--mbr']:
    part.add_argument(name, action='store_true')
for name in ['--align', '--offset', '--change-directory', '--extra-partition-space', '--fspassno', '--mkfs-extraopts',
             '--label', '--overhead-factor', '--part-name', '--part-type', '--rootfs-dir', '--source', '--sourceparams',
             '--system-id', '--uuid', '--fsuuid']:
    part.add_argument(name)
part.add_argument('--fsoptions', dest='fsopts')
part.add_argument('--extra-filesystem-space', '--extra-space')
part.add_argument('--ondisk', '--ondrive', dest='disk')
part.add_argument('--exclude-path', nargs='+')
part.add_argument('--include-path', nargs='+', action='append')
part.add_argument('--fstype', choices=('ext2', 'ext3', 'ext4', 'btrfs', 'squashfs', 'vfat', 'msdos', 'erofs', 'swap', 'none'))
part.add_argument('--type', choices=('primary', 'logical'))
group = part.add_mutually_exclusive_group()
group.add_argument('--size')
group.add_argument('--fixed-size')
bootloader = sub.add_parser('bootloader')
for name in ['--append', '--configfile', '--diskid', '--timeout', '--source']:
    bootloader.add_argument(name)
bootloader.add_argument('--ptable', choices=('msdos', 'gpt', 'gpt-hybrid'))
include = sub.add_parser('include')
include.add_argument('path')
out = []
for words in json.load(sys.stdin):
    try:
        out.append({k: v for k, v in vars(parser.parse_args(words)).items() if v not in (None, False)})
    except (ValueError, SystemExit) as error:
        out.append(None)
print(json.dumps(out))
`;

describe("Python's shlex and argparse agree with our reading", () => {
  it('shlex.split on 2,000 random lines', () => {
    const alphabet = fc.constantFrom(...'ab =-$\\"\' \t#{}'.split(''));
    const lines = fc.sample(fc.string({ unit: alphabet, maxLength: 24 }), { numRuns: 2000, seed: 42 });
    const expected = python(SHLEX, lines) as Array<string[] | string>;
    lines.forEach((line, i) => {
      const want = expected[i];
      if (typeof want === 'string') expect(() => shlexSplit(line, 1), `${JSON.stringify(line)}: ${want}`).toThrow(want);
      else expect(shlexSplit(line, 1).map((w) => w.text), JSON.stringify(line)).toEqual(want);
    });
  });

  it('argparse on 6,000 random part and bootloader lines', () => {
    const tokens = ['/', '/boot', 'x', '', '-5', '--active', '--no', '--no-table', '--label', '--lab', '--label=a', '--size', '--si', '--fixed-size', '--fixed', '--siz=4M', '4M', '16', '--exclude-path', '--include-path', '--ondrive', '--ond', '--fstype', 'ext4', 'vfat', '--extra-space', '--extra', '--type', 'logical', '-x', '--unknown', 'a b'];
    const line = fc.tuple(fc.constantFrom('part', 'bootloader', 'include'), fc.array(fc.constantFrom(...tokens, '--ptable', 'gpt', '--timeout', '3'), { maxLength: 7 }));
    const samples = fc.sample(line, { numRuns: 6000, seed: 7 });
    const expected = python(ARGPARSE, samples.map(([command, words]) => [command, ...words])) as Array<Record<string, unknown> | null>;
    const keys: Record<string, string> = { disk: 'ondisk', fixed_size: 'fixedSize', extra_filesystem_space: 'extraSpace', exclude_path: 'excludePath', include_path: 'includePath', no_table: 'noTable' };
    // Most random lines are errors; enough must be read for the comparison to mean something.
    expect(expected.filter((want) => want !== null).length).toBeGreaterThan(500);
    samples.forEach(([command, words], i) => {
      const text = [command, ...words].map((w) => (w === '' || /[\s'"]/.test(w) ? `'${w}'` : w)).join(' ');
      const want = expected[i];
      let ours: WksRecord | undefined;
      try {
        ours = parseWks(text)[0];
      } catch (error) {
        if (!(error instanceof FormatError)) throw error;
      }
      if (want === null) {
        expect(ours, text).toBeUndefined();
        return;
      }
      // argparse read the words; our value conversions (checked above against wic's rules) may still refuse them.
      const converters: Record<string, (value: string) => { ok: boolean; value?: unknown }> = {
        size: sizeBytes,
        fixedSize: sizeBytes,
        extraSpace: sizeBytes,
        offset: offsetBytes,
        align: (v) => wholeNumber(v, 'align'),
        timeout: (v) => wholeNumber(v, 'timeout'),
      };
      const wanted: Record<string, unknown> = {};
      let refused = false;
      for (const [key, value] of Object.entries(want)) {
        const ourKey = keys[key] ?? key;
        const converted = converters[ourKey]?.(value as string) ?? { ok: true, value };
        if (!converted.ok) refused = true;
        wanted[ourKey] = converted.value;
      }
      if (refused) {
        expect(ours, text).toBeUndefined();
        return;
      }
      expect(ours, `${text} → ${JSON.stringify(want)}`).toBeDefined();
      const record = ours as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(wanted)) expect(record[key], `${text}: ${key}`).toEqual(value);
    });
  });
});

describe('hostile inputs give only FormatError', () => {
  const tryParse = (input: string | Uint8Array) => {
    try {
      const records = parseWks(input);
      layoutWks(resolveWks(records, { A: '1' }).records);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
    }
  };

  it('random text from the grammar and random bytes', () => {
    const alphabet = fc.constantFrom('part ', 'bootloader ', 'include ', '--size ', '--offset ', '--align ', '--fixed-size ', '--no-table ', '--ptable ', 'gpt ', '--type logical ', '${A}', '"', "'", '\\', '1', 'M', 's', '=', '#', '\n', ' ', '/');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 60 }).map((parts) => parts.join('')), tryParse), { numRuns: 1000 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1000 }), tryParse), { numRuns: 200 });
  });

  it('every truncation of a real-world style file', () => {
    const text = 'bootloader --ptable gpt --append "console=ttyS0,115200 root=PARTUUID=${ROOT_UUID}"\npart u-boot --source rawcopy --sourceparams="file=${UBOOT}" --no-table --offset 32K --fixed-size 992K\npart / --source rootfs --fstype=ext4 --label root --align 1024 --uuid ${ROOT_UUID}\n';
    for (let length = 0; length <= text.length; length++) tryParse(text.slice(0, length));
  });

  it('a 10 MB word is cut in messages, and 10,000 partitions lay out', () => {
    const error = (() => {
      try {
        parseWks(`part / --size ${'9'.repeat(10_000_000)}x`);
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(FormatError);
    expect(error!.message.length).toBeLessThan(200);
    const lines = Array.from({ length: 10_000 }, (_, i) => `part p${i} --fixed-size 1M`).join('\n');
    const layout = layoutWks(parseWks(lines));
    expect(layout.partitions).toHaveLength(10_000);
    // Primary 1–3 at 1, 2049, 4097; then logical 5, 6, … from 6147, each 2 sectors after the
    // previous end: the 9,997th logical partition is number 10,001 at 6147 + 9,996 × 2050.
    expect(layout.partitions[9_999]).toMatchObject({ num: 10_001, logical: true, start: 6147 + 9_996 * 2050 });
    expect(() => layoutWks(parseWks(`bootloader --ptable gpt\n${lines}`))).toThrow(/10000 partitions do not fit the 128 entries of a GPT/);
  });
});
