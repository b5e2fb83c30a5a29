/** Each eMMC rule on a layout that breaks it (and its fix), and on one that keeps it. */
import { describe, expect, it } from 'vitest';
import { validate } from '../..';
import type { LayoutDocument, Partition } from '../../../model/document';
import { applyFix } from '../../../model/edit';
import { GiB, KiB, MiB, TiB } from '../../../model/units';
import { check } from '../../../test-support/documents';
import { bootFirmwareRule } from './boot-firmware';
import { bootPartitionSizeRule } from './boot-partition-size';
import { gptNameRule } from './gpt-names';
import { mbrLimitsRule } from './mbr-limits';
import { rawOverTableRule } from './raw-over-table';
import { uniqueGuidRule } from './unique-guids';
import { usableAreaRule } from './usable-area';

function disk(table: 'gpt' | 'mbr', partitions: Array<Partial<Partition> & { name: string }>, device: Partial<LayoutDocument['device']> = {}): LayoutDocument {
  return {
    format: 'flashmap',
    version: 1,
    name: 'rule fixture',
    device: { family: 'emmc', size: 1 * GiB, geometry: { sectorSize: 512 }, hardwarePartitions: [{ name: 'boot0', size: 4 * MiB }, { name: 'boot1', size: 4 * MiB }], ...device },
    areas: [
      { id: 'boot0', name: 'boot0', space: 'boot0', start: 0, size: 'rest', table: 'none' },
      { id: 'boot1', name: 'boot1', space: 'boot1', start: 0, size: 'rest', table: 'none' },
      { id: 'user', name: 'User area', space: 'main', start: 0, size: 'rest', table },
    ],
    partitions: partitions.map((p) => ({ id: p.name, area: 'user', offset: 'auto', size: 16 * MiB, kind: 'filesystem', ...p })),
  };
}

const codes = (document: LayoutDocument) => validate(document).problems.map((p) => p.code);

describe('emmc-raw-over-table', () => {
  const imx = (entriesOffset?: number) =>
    disk('gpt', [{ name: 'u-boot', offset: 1 * KiB, size: 600 * KiB, raw: true, kind: 'bootloader' }, { name: 'rootfs', offset: 8 * MiB }], { emmc: { soc: 'imx6', bootFrom: 'user', ...(entriesOffset ? { gpt: { entriesOffset } } : {}) } });

  it('fail: the i.MX 1 KiB offset covers the GPT entry array; the fix moves the array after the bootloader', () => {
    const [problem] = check(rawOverTableRule, imx());
    expect(problem.message).toBe('"u-boot" (0x400–0x96400) covers the GPT entry array (0x400–0x4400); the entry array can move');
    expect(problem.fixes[0]?.label).toBe('Move the GPT entry array to 0x97000, after the bootloader');
    const fixed = applyFix(imx(), problem.fixes[0]);
    expect(fixed.device.emmc?.gpt?.entriesOffset).toBe(0x97000);
    expect(check(rawOverTableRule, fixed)).toEqual([]);
    expect(validate(fixed).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('fail: a bootloader over the MBR has no fix (its offset is the ROM\'s)', () => {
    const document = disk('mbr', [{ name: 'spl', offset: 0, size: 32 * KiB, raw: true, kind: 'bootloader' }, { name: 'boot', offset: 1 * MiB }]);
    const [problem] = check(rawOverTableRule, document);
    expect(problem.message).toMatch(/"spl" \(0x0–0x8000\) covers the MBR/);
    expect(problem.fixes).toEqual([]);
  });

  it('pass: the Allwinner 8 KiB offset behind an MBR, and an i.MX bootloader with the array moved', () => {
    expect(check(rawOverTableRule, disk('mbr', [{ name: 'spl', offset: 8 * KiB, size: 1016 * KiB, raw: true, kind: 'bootloader' }, { name: 'boot', offset: 1 * MiB }]))).toEqual([]);
    expect(check(rawOverTableRule, imx(1 * MiB))).toEqual([]);
  });

  it('says it once: the generic overlap rule is not also told about the covered array', () => {
    expect(codes(imx()).filter((code) => code === 'overlap')).toEqual([]);
  });
});

describe('emmc-usable-area', () => {
  it('fail: a GPT partition before sfdisk\'s first usable sector; the fix declares first-lba there', () => {
    const document = disk('gpt', [{ name: 'early', offset: 64 * KiB, size: 64 * KiB }]);
    const [problem] = check(usableAreaRule, document);
    expect(problem.message).toBe('"early" (0x10000–0x20000) starts before the first usable byte 0x100000');
    const fixed = applyFix(document, problem.fixes[0]);
    expect(fixed.device.emmc?.gpt?.usableStart).toBe(64 * KiB);
    expect(check(usableAreaRule, fixed)).toEqual([]);
  });

  it('pass: partitions from 1 MiB to the last usable sector', () => {
    expect(check(usableAreaRule, disk('gpt', [{ name: 'all', offset: 1 * MiB, size: 1 * GiB - 2 * MiB }]))).toEqual([]);
  });
});

describe('emmc-boot-firmware', () => {
  const boot0 = (extra: Partial<Partition>) => disk('gpt', [{ name: 'fw', area: 'boot0', offset: 1 * KiB, size: 1023 * KiB, raw: true, kind: 'firmware', ...extra }], { emmc: { soc: 'imx6', bootFrom: 'boot0' } });

  it('fail: a firmware image larger than its boot partition (error)', () => {
    const [problem] = check(bootFirmwareRule, boot0({ imageSize: 5 * MiB }));
    expect(problem.severity).toBe('error');
    expect(problem.message).toBe('"fw" is 0x500000 (5 MiB), but boot0 has 0x3FFC00 (4 MiB) from 0x400');
  });

  it('fail: the firmware away from the SoC\'s offset; the fix moves it there', () => {
    const document = boot0({ offset: 0 });
    const [problem] = check(bootFirmwareRule, document);
    expect(problem.message).toBe('"fw" starts at 0x0, but the NXP i.MX 6 / i.MX 7 ROM reads it at 0x400');
    expect(check(bootFirmwareRule, applyFix(document, problem.fixes[0]))).toEqual([]);
  });

  it('fail: the ROM reads a boot partition that holds no firmware', () => {
    const document = { ...boot0({}), device: { ...boot0({}).device, emmc: { bootFrom: 'boot1' as const } } };
    expect(check(bootFirmwareRule, document).map((p) => p.message)).toEqual(['the boot ROM reads boot1, but boot1 holds no boot firmware (a raw bootloader or firmware partition)']);
  });

  it('pass: the firmware at the ROM offset, inside boot0', () => {
    expect(check(bootFirmwareRule, boot0({}))).toEqual([]);
  });
});

describe('emmc-boot-size', () => {
  it('fail: a boot partition that is not BOOT_SIZE_MULT × 128 KiB', () => {
    const document = disk('gpt', [], { hardwarePartitions: [{ name: 'boot0', size: 4 * MiB + 512 }] });
    expect(check(bootPartitionSizeRule, document).map((p) => p.message)).toEqual(['boot0 is 0x400200 (4 MiB), not BOOT_SIZE_MULT × 128 KiB with BOOT_SIZE_MULT from 1 to 255']);
  });

  it('pass: 4 MiB (BOOT_SIZE_MULT 32)', () => {
    expect(check(bootPartitionSizeRule, disk('gpt', []))).toEqual([]);
  });
});

describe('emmc-mbr-limits', () => {
  const five = disk('mbr', ['a', 'b', 'c', 'd', 'e'].map((name, i) => ({ name, offset: (1 + i * 17) * MiB })));

  it('fail: five primary partitions; the fix makes the 4th and 5th logical', () => {
    const [problem] = check(mbrLimitsRule, five);
    expect(problem.message).toBe('5 primary partitions do not fit the MBR\'s four entries: "d", "e" can become logical');
    const fixed = applyFix(five, problem.fixes[0]);
    expect(fixed.partitions.map((p) => p.mbr?.logical ?? false)).toEqual([false, false, false, true, true]);
    expect(check(mbrLimitsRule, fixed)).toEqual([]);
  });

  it('fail: a disk over 2 TiB', () => {
    const document = disk('mbr', [{ name: 'a', offset: 1 * MiB }], { size: 3 * TiB });
    expect(check(mbrLimitsRule, document).map((p) => p.message)).toEqual(['the user area has 6442450944 sectors; an MBR\'s 32-bit LBAs reach 4294967296 (2 TiB): use GPT']);
  });

  it('fail: a logical partition with no room for its EBR', () => {
    const document = disk('mbr', [{ name: 'a', offset: 1 * MiB, size: 1 * MiB }, { name: 'b', offset: 2 * MiB, size: 1 * MiB, mbr: { type: 0x83, logical: true, ebrOffset: 2 * MiB } }]);
    expect(check(mbrLimitsRule, document).map((p) => p.message)).toEqual(['the EBR of "b" at 0x200000 has no room before the partition: leave a free sector (sfdisk leaves one grain) before it']);
  });

  it('pass: three primaries and two logical partitions a grain apart', () => {
    const document = disk('mbr', [
      { name: 'a', offset: 1 * MiB },
      { name: 'b', offset: 18 * MiB },
      { name: 'c', offset: 35 * MiB },
      { name: 'd', offset: 53 * MiB, mbr: { type: 0x83, logical: true } },
      { name: 'e', offset: 70 * MiB, mbr: { type: 0x83, logical: true } },
    ]);
    expect(check(mbrLimitsRule, document)).toEqual([]);
  });
});

describe('emmc-gpt-name', () => {
  it('fail: a 37-unit name; the fix cuts it to 36', () => {
    const document = disk('gpt', [{ name: 'x'.repeat(37), offset: 1 * MiB }]);
    const [problem] = check(gptNameRule, document);
    expect(problem.message).toBe(`"${'x'.repeat(37)}" is 37 UTF-16 code units; a GPT entry holds 36`);
    expect(applyFix(document, problem.fixes[0]).partitions[0].name).toBe('x'.repeat(36));
  });

  it('pass: 36 units, surrogate pairs counted as two', () => {
    expect(check(gptNameRule, disk('gpt', [{ name: '😀'.repeat(18), offset: 1 * MiB }]))).toEqual([]);
  });
});

describe('emmc-unique-guid', () => {
  const guid = '11111111-2222-3333-4444-555555555555';

  it('fail: two partitions with one GUID; the fix gives the second its own', () => {
    const document = disk('gpt', [
      { name: 'a', offset: 1 * MiB, gpt: { type: '0FC63DAF-8483-4772-8E79-3D69D8477DE4', uuid: guid } },
      { name: 'b', offset: 18 * MiB, gpt: { type: '0FC63DAF-8483-4772-8E79-3D69D8477DE4', uuid: guid } },
    ]);
    const [problem] = check(uniqueGuidRule, document);
    expect(problem.message).toBe(`"b" has the GUID ${guid}, already that of "a"`);
    expect(check(uniqueGuidRule, applyFix(document, problem.fixes[0]))).toEqual([]);
  });

  it('fail: a partition with the disk GUID', () => {
    const document = disk('gpt', [{ name: 'a', offset: 1 * MiB, gpt: { type: '0FC63DAF-8483-4772-8E79-3D69D8477DE4', uuid: guid } }], { emmc: { gpt: { diskGuid: guid } } });
    expect(check(uniqueGuidRule, document).map((p) => p.message)).toEqual([`"a" has the GUID ${guid}, already the disk GUID`]);
  });

  it('pass: GUIDs derived for partitions that have none are distinct', () => {
    expect(check(uniqueGuidRule, disk('gpt', [{ name: 'a', offset: 1 * MiB }, { name: 'b', offset: 18 * MiB }]))).toEqual([]);
  });
});
