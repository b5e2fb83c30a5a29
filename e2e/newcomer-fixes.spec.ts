/**
 * Issue 9, as a newcomer meets it: fixes that say what they do and never make a new problem, and
 * a palette that names and sizes partitions the way ESP-IDF's own tables do.
 */
import { test, expect, openFresh } from './fixtures';
import { mapSegment, offsetOf, sizeOf, tableRow } from './map';

test('a partition grown past the flash offers every way out; growing the flash clears it', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await mapSegment(page, 'ota_1').click();
  const form = page.getByRole('region', { name: 'Partition' });
  await form.getByLabel('Size', { exact: true }).fill('3M');
  await form.getByLabel('Size', { exact: true }).press('Enter');

  const overflow = page.getByRole('list', { name: 'Problems' }).getByRole('listitem').filter({ hasText: 'past the end' });
  // ota_1 at 0x210000 + 3 MiB ends at 0x510000: no gap holds 3 MiB, so no move is offered;
  // shrinking ends it at 4 MiB, and the next ESP32 flash size is 8 MB.
  const shrink = overflow.getByRole('button', { name: 'Fix: Shrink "ota_1" to 0x1F0000 to end at the end of the device' });
  const grow = overflow.getByRole('button', { name: 'Fix: Grow the device to 8 MiB' });
  await expect(shrink).toBeInViewport();
  await expect(grow).toBeInViewport();
  await expect(overflow.getByRole('button', { name: /^Fix: Move/ })).toHaveCount(0);
  await grow.click();
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('passes every rule');
  await expect(page.getByRole('region', { name: 'Device' }).getByLabel('Flash size')).toHaveValue('0x800000');
  expect(await sizeOf(page, 'ota_1')).toBe(0x300000);
  // One undoable step.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(overflow).toHaveCount(1);
});

test('an overlap offers a move after the neighbour and a shrink of the one before, each leaving the layout valid', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await mapSegment(page, 'ota_1').click();
  const form = page.getByRole('region', { name: 'Partition' });
  await form.getByRole('checkbox', { name: 'auto offset' }).uncheck();
  await form.getByLabel('Offset', { exact: true }).fill('0x200000');
  await form.getByLabel('Offset', { exact: true }).press('Enter');
  const overlap = page.getByRole('list', { name: 'Problems' }).getByRole('listitem').filter({ hasText: 'overlaps' });
  await expect(overlap.getByRole('button', { name: 'Fix: Move "ota_1" to 0x210000, after "ota_0"' })).toBeInViewport();
  // ota_0 starts at 0x110000: cut to end at 0x200000 it keeps 0xF0000 bytes.
  await overlap.getByRole('button', { name: 'Fix: Shrink "ota_0" to 0xF0000, ending before "ota_1"' }).click();
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('passes every rule');
  expect(await sizeOf(page, 'ota_0')).toBe(0xf0000);
});

test('an overlap that no checked fix clears says so in words, and offers no button', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await mapSegment(page, 'ota_1').click();
  const form = page.getByRole('region', { name: 'Partition' });
  await form.getByRole('checkbox', { name: 'auto offset' }).uncheck();
  // ota_1 doubled and laid on ota_0: 2 MiB, and the flash's largest gap is smaller.
  await form.getByLabel('Offset', { exact: true }).fill('0x110000');
  await form.getByLabel('Offset', { exact: true }).press('Enter');
  await form.getByLabel('Size', { exact: true }).fill('2M');
  await form.getByLabel('Size', { exact: true }).press('Enter');
  const overlap = page.getByRole('list', { name: 'Problems' }).getByRole('listitem').filter({ hasText: 'overlaps' });
  await expect(overlap).toHaveCount(1);
  await expect(overlap.getByText('No fix fits: no free space of 0x200000 (2 MiB) holds "ota_1". Shrink or remove a partition, or use a larger device.')).toBeInViewport();
  await expect(overlap.getByRole('button', { name: /^Fix:/ })).toHaveCount(0);
});

test('an 8 MB OTA layout built from the palette packs like ESP-IDF: next OTA slot, one factory, factory at 0x10000', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('New layout').selectOption('esp32');
  const palette = page.getByRole('list', { name: 'Partition palette' });
  await palette.getByRole('button', { name: 'Add App (factory)' }).click();
  await palette.getByRole('button', { name: 'Add App (OTA slot)' }).click();
  await palette.getByRole('button', { name: 'Add App (OTA slot)' }).click();
  await palette.getByRole('button', { name: 'Add NVS' }).click();
  await palette.getByRole('button', { name: 'Add OTA data' }).click();
  await palette.getByRole('button', { name: 'Add PHY init data' }).click();

  // ESP-IDF's partitions_two_ota.csv: nvs 0x9000+0x4000, otadata 0xd000+0x2000, phy_init 0xf000+0x1000, factory 0x10000.
  expect(await offsetOf(page, 'nvs')).toBe(0x9000);
  expect(await sizeOf(page, 'nvs')).toBe(0x4000);
  expect(await offsetOf(page, 'otadata')).toBe(0xd000);
  expect(await offsetOf(page, 'phy_init')).toBe(0xf000);
  expect(await offsetOf(page, 'factory')).toBe(0x10000);
  expect(await offsetOf(page, 'ota_0')).toBe(0x110000);
  expect(await offsetOf(page, 'ota_1')).toBe(0x210000);
  await expect(tableRow(page, 'ota_0_2')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('passes every rule');

  await mapSegment(page, 'ota_1').click();
  await expect(page.getByRole('region', { name: 'Partition' }).getByLabel('ESP32 subtype')).toHaveValue('ota_1');

  // A second factory app is refused, and the reason is where the eye is.
  const factory = palette.getByRole('button', { name: 'Add App (factory)' });
  await expect(factory).toHaveAttribute('aria-disabled', 'true');
  await expect(factory).toHaveAttribute('title', 'The layout has its factory app already');
  // Still pressable (aria-disabled, not disabled), so the reason is also said when pressed.
  await factory.click({ force: true });
  const status = page.getByRole('status', { name: 'Status' });
  await expect(status).toHaveText('App (factory) not added: The layout has its factory app already');
  await expect(status).toBeInViewport();
  await expect(tableRow(page, 'factory_2')).toHaveCount(0);
});

test('the SPIFFS item sets the spiffs filesystem, and the form offers only what an ESP32 holds', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('New layout').selectOption('esp32');
  await page.getByRole('list', { name: 'Partition palette' }).getByRole('button', { name: 'Add SPIFFS' }).click();
  const form = page.getByRole('region', { name: 'Partition' });
  await expect(form.getByLabel('Filesystem')).toHaveValue('spiffs');
  const kinds = await form.getByLabel('Kind').locator('option').allInnerTexts();
  for (const absent of ['UBI', 'kernel', 'recovery']) expect(kinds.map((k) => k.toLowerCase())).not.toContain(absent.toLowerCase());
  expect(kinds).toContain('app');
  const filesystems = await form.getByLabel('Filesystem').locator('option').allInnerTexts();
  expect(filesystems).toEqual(['none', 'spiffs', 'littlefs', 'fat']);
});
