/**
 * Issue 9: the partition table's name, offset and size cells edit in place, with the form's units
 * and messages; the row stays one Tab stop and arrow keys reach its cells.
 */
import { test, expect, openFresh } from './fixtures';
import { mapSegment, tableRow } from './map';
import type { Page } from '@playwright/test';

async function twoOta(page: Page) {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
}

const table = (page: Page) => page.getByRole('table', { name: 'Partitions' });
const form = (page: Page) => page.getByRole('region', { name: 'Partition' });

test('a size typed into its table cell with the keyboard resizes the partition on the map and in the form; Ctrl+Z puts it back', async ({ page }) => {
  await twoOta(page);
  const row = tableRow(page, 'ota_1');
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(form(page).getByLabel('Name', { exact: true })).toHaveValue('ota_1');
  // The row is the Tab stop; arrows walk its cells: name, offset, size.
  await page.keyboard.press('ArrowRight');
  await expect(row.locator('[data-column=name]')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const sizeCell = row.locator('[data-column=size]');
  await expect(sizeCell).toBeFocused();
  await page.keyboard.press('Enter');
  const input = table(page).getByRole('textbox', { name: 'Size of ota_1' });
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('0x100000');
  await page.keyboard.type('512K');
  await page.keyboard.press('Enter');

  await expect(input).toHaveCount(0);
  await expect(sizeCell).toBeFocused();
  await expect(sizeCell).toContainText('0x80000');
  await expect(mapSegment(page, 'ota_1')).toHaveAccessibleName(/^ota_1, 0x210000–0x290000, 512 KiB/);
  await expect(mapSegment(page, 'ota_1')).toBeInViewport();
  await expect(form(page).getByLabel('Size', { exact: true })).toHaveValue('0x80000');

  await page.keyboard.press('Control+z');
  await expect(sizeCell).toContainText('0x100000');
  await expect(mapSegment(page, 'ota_1')).toHaveAccessibleName(/^ota_1, 0x210000–0x310000, 1 MiB/);
  await expect(form(page).getByLabel('Size', { exact: true })).toHaveValue('0x100000');
});

test("a bad value in a cell shows the form's message beside it and changes nothing", async ({ page }) => {
  await twoOta(page);
  const row = tableRow(page, 'ota_1');
  const segment = mapSegment(page, 'ota_1');
  const before = await segment.getAttribute('aria-label');
  await row.click();
  await row.locator('[data-column=size]').focus();
  await page.keyboard.press('F2');
  const size = table(page).getByRole('textbox', { name: 'Size of ota_1' });
  await page.keyboard.type('12 parsecs');
  await page.keyboard.press('Enter');
  const message = row.getByText('unknown unit "parsecs" in "12 parsecs" (use K, M, G or T)');
  await expect(message).toBeInViewport();
  await expect(size).toHaveAttribute('aria-invalid', 'true');
  await expect(size).toHaveAccessibleDescription('unknown unit "parsecs" in "12 parsecs" (use K, M, G or T)');
  // Still open on its message; nothing reached the map or the form.
  await expect(size).toBeFocused();
  await expect(segment).toHaveAttribute('aria-label', before!);
  await expect(form(page).getByLabel('Size', { exact: true })).toHaveValue('0x100000');
  await page.keyboard.press('Escape');
  await expect(row.locator('[data-column=size]')).toContainText('0x100000');

  // An offset past the 4 MB flash puts the partition nowhere: refused at the cell.
  await page.keyboard.press('ArrowLeft');
  await expect(row.locator('[data-column=offset]')).toBeFocused();
  await page.keyboard.press('Enter');
  const offset = table(page).getByRole('textbox', { name: 'Offset of ota_1' });
  await offset.fill('0x500000');
  await offset.press('Enter');
  await expect(row.getByText('must be below 0x400000, the end of Flash')).toBeInViewport();
  await expect(offset).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('group', { name: 'Outside Partitions' })).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('passes every rule');
  await expect(segment).toHaveAttribute('aria-label', before!);
  // A click elsewhere with the bad value in the cell leaves the layout as it was.
  await page.getByRole('region', { name: 'Flash map' }).click({ position: { x: 5, y: 5 } });
  await expect(offset).toHaveCount(0);
  await expect(row.locator('[data-column=offset]')).toHaveText('0x210000 auto');
});

test('Escape puts the cell back as it was', async ({ page }) => {
  await twoOta(page);
  const row = tableRow(page, 'ota_0');
  await row.locator('[data-column=name]').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('scratch');
  await expect(table(page).getByRole('textbox', { name: 'Name of ota_0' })).toHaveValue('scratch');
  await page.keyboard.press('Escape');
  await expect(table(page).getByRole('textbox')).toHaveCount(0);
  await expect(row.locator('[data-column=name]')).toBeFocused();
  await expect(mapSegment(page, 'ota_0')).toBeVisible();
  await expect(mapSegment(page, 'scratch')).toHaveCount(0);
});

test('double-click a name cell to rename; the family rules check the new name as they do the form', async ({ page }) => {
  await twoOta(page);
  await tableRow(page, 'ota_1').locator('[data-column=name]').dblclick();
  const name = table(page).getByRole('textbox', { name: 'Name of ota_1' });
  await expect(name).toBeFocused();
  await name.fill('ota_b');
  await name.press('Enter');
  await expect(tableRow(page, 'ota_b')).toBeVisible();
  await expect(mapSegment(page, 'ota_b')).toBeInViewport();
  await expect(form(page).getByLabel('Name', { exact: true })).toHaveValue('ota_b');

  // ESP-IDF keeps 16 bytes of a name: the same problem the form's name would raise.
  await tableRow(page, 'ota_b').locator('[data-column=name]').dblclick();
  await table(page).getByRole('textbox', { name: 'Name of ota_b' }).fill('second_ota_application');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('"second_ota_application" is 22 bytes long; the table stores only its first 16 bytes');
  // An empty name is refused as the form refuses it.
  await tableRow(page, 'second_ota_application').locator('[data-column=name]').dblclick();
  await table(page).getByRole('textbox', { name: 'Name of second_ota_application' }).fill('');
  await page.keyboard.press('Enter');
  // (The row shows the input, not the name, while it is typed in.)
  await expect(table(page).getByText('must not be empty')).toBeInViewport();
  await expect(form(page).getByLabel('Name', { exact: true })).toHaveValue('second_ota_application');
});

test('Tab records the cell and opens the next editable one, on to the next row; arrows go up and down a column', async ({ page }) => {
  await twoOta(page);
  const factory = tableRow(page, 'factory');
  await factory.locator('[data-column=name]').dblclick();
  await page.keyboard.type('app');
  await page.keyboard.press('Tab');
  const offset = table(page).getByRole('textbox', { name: 'Offset of app' });
  await expect(offset).toBeFocused();
  await expect(mapSegment(page, 'app')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(table(page).getByRole('textbox', { name: 'Size of app' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(offset).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(table(page).getByRole('textbox', { name: 'Name of ota_0' })).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await expect(tableRow(page, 'app').locator('[data-column=size]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(tableRow(page, 'ota_1').locator('[data-column=size]')).toBeFocused();
  // Tab from a cell leaves the row: one Tab stop per row still.
  await tableRow(page, 'ota_0').locator('[data-column=offset]').focus();
  await page.keyboard.press('Tab');
  await expect(tableRow(page, 'ota_1')).toBeFocused();
});
