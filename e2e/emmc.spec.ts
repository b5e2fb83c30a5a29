/**
 * An eMMC layout driven as a person would: the boot firmware moves from boot0 to the user area
 * (the rules change: the i.MX offset lands in the GPT entry array, and the fix moves the array),
 * the table switches from GPT to MBR, and the sfdisk script and the .wks exported from the page
 * are checked: sfdisk applies the script, and wic's placement of the .wks is the layout's.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, openFresh } from './fixtures';
import { findPreset } from '../src/presets';
import { normalizeDocument, type LayoutDocument } from '../src/index';
import { moveBootFirmware } from '../src/families/emmc/boot-firmware';
import { tableChoice } from '../src/families/emmc/boot-firmware';
import { place } from '../src/layout/place';
import { emmcFamily } from '../src/families/emmc/family';
import { layoutWks, parseWks } from '../src/codecs/wks';

test.beforeEach(async ({ page }) => {
  await openFresh(page);
});

/** What the page should end with, worked out by the engine from the preset (not read from the page). */
function expectedLayout(): LayoutDocument {
  const moved = moveBootFirmware(normalizeDocument(findPreset('emmc-boot')!.build()), 'user');
  const fixed = normalizeDocument({ ...moved, device: { ...moved.device, emmc: { ...moved.device.emmc, gpt: { ...moved.device.emmc?.gpt, entriesOffset: 0x100000 } } } });
  return normalizeDocument(tableChoice.apply(fixed, 'mbr'));
}

test('eMMC: boot firmware to the user area, GPT to MBR, sfdisk script and .wks exported', async ({ page }) => {
  const problems = page.getByRole('list', { name: 'Problems' });
  const settings = page.getByRole('region', { name: 'Device settings' });
  await page.getByLabel('Preset').selectOption('emmc-boot');
  await expect(problems).toContainText('passes every rule');
  await expect(settings.getByLabel('Boot firmware')).toHaveValue('boot0');
  await expect(settings.getByLabel('Boot firmware')).toHaveAccessibleDescription('the ROM reads it at 0x400 of boot0');

  // The firmware moves to the i.MX's 1 KiB in the user area: on top of the GPT entry array.
  await settings.getByLabel('Boot firmware').selectOption('user');
  await expect(settings.getByLabel('Boot firmware')).toHaveAccessibleDescription('the ROM reads it at 0x400 of the user area');
  const collision = problems.getByRole('listitem').filter({ hasText: 'covers the GPT entry array' });
  await expect(collision).toHaveCount(1);
  await expect(collision).toContainText('"firmware_a" (0x400–0x100000)');
  await collision.getByRole('button', { name: /^Fix: / }).click();
  await expect(problems).toContainText('passes every rule');

  // GPT → MBR: the rules have nothing against four primaries behind an MBR.
  await settings.getByLabel('User area table').selectOption('mbr');
  await expect(problems).toContainText('passes every rule');

  const expected = expectedLayout();
  const placement = place(expected, emmcFamily);
  const entries = placement.partitions.filter((p) => p.space === 'main' && !p.partition.raw);
  const panel = page.getByRole('region', { name: 'Import and export' });
  const dir = mkdtempSync(join(tmpdir(), 'flashmap-e2e-emmc-'));
  try {
    const [sfdiskFile] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export sfdisk script (sfdisk --dump form)' }).click()]);
    const script = readFileSync((await sfdiskFile.path())!, 'utf8');
    expect(script).toMatch(/^label: dos$/m);
    // sfdisk applies it to an empty image of the device's size and reports the layout's partitions.
    const image = join(dir, 'disk.img');
    const fd = openSync(image, 'w');
    ftruncateSync(fd, expected.device.size);
    closeSync(fd);
    const applied = spawnSync('/usr/sbin/sfdisk', ['--no-reread', '--no-tell-kernel', image], { input: script.replace(/^\/dev\/mmcblk0p\d+ : /gm, '').replace(/^device: .*\n/m, ''), encoding: 'utf8' });
    expect(applied.status, applied.stderr).toBe(0);
    const json = JSON.parse(spawnSync('/usr/sbin/sfdisk', ['--json', image], { encoding: 'utf8' }).stdout).partitiontable;
    expect(json.partitions.map((p: { start: number; size: number }) => [p.start * 512, p.size * 512])).toEqual(entries.map((p) => [p.start, p.size]));

    const [wksFile] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export Yocto wic kickstart (.wks)' }).click()]);
    const wks = readFileSync((await wksFile.path())!, 'utf8');
    expect(wks).toMatch(/^bootloader --ptable msdos /m);
    expect(wks).toMatch(/^part firmware_a --source rawcopy --sourceparams file=u-boot\.imx --ondisk mmcblk0 --no-table --offset 1K --fixed-size 1023K$/m);
    // wic's placement of the .wks (layoutWks follows PartitionedImage.layout_partitions) is the layout's.
    const wicLayout = layoutWks(parseWks(wks));
    expect(wicLayout.complete).toBe(true);
    expect(wicLayout.partitions.filter((p) => !p.noTable).map((p) => [p.start! * 512, p.sectors! * 512])).toEqual(entries.map((p) => [p.start, p.size]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
