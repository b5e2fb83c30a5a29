/** Share links and the autosave, as a person uses them: copy a link, open it elsewhere, reload. */
import { test, expect, openFresh } from './fixtures';
import { mapSegment, tableDrawn, tableRow } from './map';
import { findPreset } from '../src/presets';
import { familyOf, formatHex, updatePartition, type LayoutDocument } from '../src/index';
import type { Page } from '@playwright/test';
import { place } from '../src/layout/place';

function placement(document: LayoutDocument) {
  return place(document, familyOf(document)).partitions;
}

/** Names and offsets in the table, in table order. */
async function tableContents(page: Page): Promise<Array<[string, string]>> {
  await tableDrawn(page);
  const rows = page.getByRole('table', { name: 'Partitions' }).locator('tbody tr');
  const names = await rows.locator('.partition-name').allInnerTexts();
  const offsets = await rows.locator('[data-column=offset]').allInnerTexts();
  return names.map((name, index) => [name, offsets[index].split(/\s/)[0]]);
}

async function editSize(page: Page, name: string, size: string) {
  await tableRow(page, name).click();
  const field = page.getByRole('region', { name: 'Partition' }).getByLabel('Size', { exact: true });
  await field.fill(size);
  await field.press('Enter');
}

test('a share link carries the layout to another page, and is copied to the clipboard', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await editSize(page, 'factory', '0x180000');
  const expected = placement(updatePartition(findPreset('esp32-ota')!.build(), 'factory', { size: 0x180000 })).map((p): [string, string] => [p.partition.name, formatHex(p.start)]);
  await expect.poll(() => tableContents(page)).toEqual(expected);

  await page.getByRole('button', { name: 'Share link' }).click();
  const field = page.getByRole('textbox', { name: 'Link to this layout' });
  const link = await field.inputValue();
  expect(link.startsWith(`${baseURL}/#layout=`)).toBe(true);
  expect(link).toMatch(/#layout=[A-Za-z0-9_-]+$/);
  await expect(field).toHaveAccessibleDescription(new RegExp(`^${link.length} characters\\. Copied to the clipboard\\.`));
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // This page moves on (and autosaves another layout); the link still opens the shared one.
  await page.getByLabel('Preset').selectOption('qemu-nor');
  await expect(mapSegment(page, 'recovery')).toBeVisible();
  const other = await context.newPage();
  const errors: string[] = [];
  other.on('pageerror', (error) => errors.push(error.message));
  await other.goto(link);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('ESP32: Factory app, two OTA definitions');
  await expect.poll(() => tableContents(other)).toEqual(expected);
  // The fragment is dropped once read, so a reload shows later edits, not the link again.
  expect(new URL(other.url()).hash).toBe('');
  expect(errors).toEqual([]);
});

test('the link in the field follows the layout while it is open', async ({ page }) => {
  await openFresh(page);
  await page.getByRole('button', { name: 'Share link' }).click();
  const field = page.getByRole('textbox', { name: 'Link to this layout' });
  const first = await field.inputValue();
  await page.getByLabel('Preset').selectOption('qemu-nor');
  await expect(field).not.toHaveValue(first);
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(field).toHaveCount(0);
});

test('a damaged link says why, and the page goes on with the autosaved layout', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-single');
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Link to this layout' }).inputValue();

  // Cut short, as a chat tool might: opened in a fresh page load.
  await page.goto('about:blank');
  await page.goto(link.slice(0, link.length - 40));
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('This share link could not be opened');
  await expect(notice).toContainText('You are looking at your last layout instead.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ESP32: Single factory app, no OTA');
  expect(new URL(page.url()).hash).toBe('');

  // The page still works.
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await page.getByLabel('Preset').selectOption('sd-allwinner');
  await expect(mapSegment(page, 'rootfs_b')).toBeVisible();

  // Characters that cannot be in a link, pasted into the address bar of the open page.
  await page.goto('/#layout=not*a*layout');
  await expect(page.getByRole('alert')).toContainText('"*" at position 4');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SD card for an Allwinner board (MBR, A/B rootfs)');
});

test('a link opened over your own work can be undone back to it', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('qemu-nor');
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Link to this layout' }).inputValue();
  await page.getByLabel('Preset').selectOption('sstar-nand');
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('QEMU SPI-NOR 16 MiB with a recovery FIT image');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SigmaStar SPI-NAND 128 MiB');
});

test('a reload after an edit keeps the edit (autosave)', async ({ page }) => {
  await openFresh(page);
  await editSize(page, 'rootfs', '3M');
  const expected = placement(updatePartition(findPreset('sstar-nor')!.build(), 'rootfs', { size: 3 * 1024 * 1024 })).map((p): [string, string] => [p.partition.name, formatHex(p.start)]);
  await expect.poll(() => tableContents(page)).toEqual(expected);
  await page.reload();
  await expect.poll(() => tableContents(page)).toEqual(expected);
  await expect(tableRow(page, 'rootfs').locator('[data-column=size]')).toContainText('3 MiB');
});
