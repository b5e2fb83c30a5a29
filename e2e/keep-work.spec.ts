/** Nothing a link, a reload or a broken stored value does costs the user their layout. */
import { readFileSync } from 'node:fs';
import { test, expect, openFresh } from './fixtures';
import { tableRow } from './map';

test('a share link opened over your layout, then a reload: the layout is still one Undo away', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('qemu-nor');
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Link to this layout' }).inputValue();
  await page.getByRole('button', { name: 'Close' }).click();

  // My own work: the NAND preset with an edit.
  await page.getByLabel('Preset').selectOption('sstar-nand');
  await tableRow(page, 'KERNEL').click();
  const name = page.getByRole('region', { name: 'Partition' }).getByLabel('Name', { exact: true });
  await name.fill('KERNEL_MINE');
  await name.press('Enter');
  await expect(tableRow(page, 'KERNEL_MINE')).toBeVisible();

  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('QEMU SPI-NOR 16 MiB with a recovery FIT image');
  await expect(page.getByRole('status').filter({ hasText: 'from a share link' })).toContainText('Your previous layout is one Undo away');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('QEMU SPI-NOR 16 MiB with a recovery FIT image');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SigmaStar SPI-NAND 128 MiB');
  await expect(tableRow(page, 'KERNEL_MINE')).toBeVisible();
});

test('a corrupted stored layout: a notice offers the download, and nothing overwrites it', async ({ page }) => {
  const broken = '{"format":"flashmap","version":1,"name":"my board", "device": {"family": "nor", "size": 16777216, "geometry": {}}, "areas": [ truncated';
  await page.goto('/');
  await page.evaluate((text) => localStorage.setItem('flashmap.autosave.v1', text), broken);
  await page.reload();

  const notice = page.getByRole('alert');
  await expect(notice).toContainText('could not be read');
  // The page works on a new layout, and the stored copy is kept aside, untouched.
  await expect(page.getByRole('region', { name: 'Flash map' })).toBeVisible();
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('flashmap.autosave.v1'))).toContain('two OTA');
  const aside = await page.evaluate(() => JSON.parse(localStorage.getItem('flashmap.unreadable.v1') ?? '[]') as Array<{ text: string }>);
  expect(aside.map((entry) => entry.text)).toEqual([broken]);

  const download = page.waitForEvent('download');
  await notice.getByRole('button', { name: 'Download the stored copy' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('unreadable-autosave.flashmap.json');
  expect(readFileSync((await file.path())!, 'utf8')).toBe(broken);

  // Another reload: still kept aside once, and the new layout restored.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ESP32: Factory app, two OTA definitions');
  const again = await page.evaluate(() => JSON.parse(localStorage.getItem('flashmap.unreadable.v1') ?? '[]') as Array<{ text: string }>);
  expect(again.map((entry) => entry.text)).toEqual([broken]);
});

test('a name being typed survives a reload before it is confirmed', async ({ page }) => {
  await openFresh(page);
  await tableRow(page, 'rootfs').click();
  const name = page.getByRole('region', { name: 'Partition' }).getByLabel('Name', { exact: true });
  await name.fill('rootfs_typed');
  await expect(tableRow(page, 'rootfs_typed')).toBeVisible();
  // At once: leaving the page writes what is pending.
  await page.reload();
  await expect(tableRow(page, 'rootfs_typed')).toBeVisible();
});
