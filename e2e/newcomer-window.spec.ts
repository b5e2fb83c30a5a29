/** Issue 9: windows of every size and the keyboard. */
import { test, expect, openFresh } from './fixtures';
import { mapSegment, offsetOf, sizeOf, tableRow } from './map';

for (const preset of ['esp32-ota', 'sstar-nand']) {
  test(`no horizontal scroll at 800 px wide (${preset})`, async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openFresh(page);
    await page.getByLabel('Preset').selectOption(preset);
    // The person narrows the window.
    await page.setViewportSize({ width: 800, height: 700 });
    await expect(page.getByRole('region', { name: 'Flash map' })).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
  });
}

test('on a narrow window, picking a partition in the table scrolls its form into view', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 700 });
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  const form = page.getByRole('region', { name: 'Partition' });
  await expect(form).not.toBeInViewport();
  await tableRow(page, 'ota_0').click();
  await expect(form.getByLabel('Name', { exact: true })).toBeInViewport();
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('ota_0');
});

test('after Delete, focus moves to the neighbouring segment', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await mapSegment(page, 'ota_0').focus();
  await page.keyboard.press('Delete');
  await expect(mapSegment(page, 'ota_0')).toHaveCount(0);
  await expect(mapSegment(page, 'ota_1')).toBeFocused();
  // The last one of its area hands focus back to the one before it.
  await page.keyboard.press('Delete');
  await expect(mapSegment(page, 'factory')).toBeFocused();
});

test('a Fix button says what it does, and the label seen is part of the name heard', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await mapSegment(page, 'ota_1').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  const fixes = page.getByRole('list', { name: 'Problems' }).getByRole('button', { name: /^Fix: / });
  await expect(fixes.first()).toBeInViewport();
  for (const fix of await fixes.all()) {
    const seen = (await fix.innerText()).trim();
    expect(await fix.evaluate((e) => e.getAttribute('aria-label'))).toBeNull();
    expect(seen).toMatch(/^Fix: (Move|Shrink) "/);
  }
});

test('one Tab stop per table row; arrows walk the rows, Alt+arrows reorder', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await tableRow(page, 'nvs').focus();
  // Tab goes to the next row, not to the reorder handle inside this one.
  await page.keyboard.press('Tab');
  await expect(tableRow(page, 'otadata')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(tableRow(page, 'nvs')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(tableRow(page, 'otadata')).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByRole('table', { name: 'Partitions' }).locator('tbody tr').first()).toContainText('otadata');
});

test("the form shows GParted's linked fields: free space before and after, each typed in moves or resizes", async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await mapSegment(page, 'ota_1').click();
  const form = page.getByRole('region', { name: 'Partition' });
  const before = form.getByLabel('Free space before');
  const after = form.getByLabel('Free space after');
  // ota_1 follows ota_0 directly (0x210000) and the 4 MiB flash ends 0xF0000 after it.
  await expect(before).toHaveValue('0x0');
  await expect(after).toHaveValue('0xF0000');
  await after.fill('1M');
  await after.press('Enter');
  expect(await sizeOf(page, 'ota_1')).toBe(0x400000 - 0x100000 - 0x210000);
  await expect(form.getByLabel('Free space after')).toHaveValue('0x100000');
  await form.getByLabel('Free space before').fill('0x10000');
  await form.getByLabel('Free space before').press('Enter');
  expect(await offsetOf(page, 'ota_1')).toBe(0x220000);
  await expect(form.getByLabel('Free space after')).toHaveValue('0xF0000');
  // More than there is: refused at the field, nothing changes.
  await form.getByLabel('Free space before').fill('4M');
  await form.getByLabel('Free space before').press('Enter');
  await expect(form.getByText(/^at most 0x100000/)).toBeInViewport();
  expect(await offsetOf(page, 'ota_1')).toBe(0x220000);
});
