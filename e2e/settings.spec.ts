/** Device settings and New, driven as a person would; every change re-validates live. */
import { test, expect, openFresh } from './fixtures';
import { mapSegment, tableRow } from './map';
import { findPreset } from '../src/presets';
import { familyOf, formatHex, type LayoutDocument } from '../src/index';
import { place } from '../src/layout/place';

function settings(page: import('@playwright/test').Page) {
  return page.getByRole('region', { name: 'Device settings' });
}

function problems(page: import('@playwright/test').Page) {
  return page.getByRole('list', { name: 'Problems' });
}

/** The document as the family normalises it, placed by the engine (computed here, not read from the page). */
function placedIn(document: LayoutDocument) {
  const family = familyOf(document);
  const normalized = family.normalize ? family.normalize(document) : document;
  return place(normalized, family);
}

test.beforeEach(async ({ page }) => {
  await openFresh(page);
});

test('a smaller flash size shows an outside-device problem at once, and Undo takes it back', async ({ page }) => {
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await expect(problems(page)).toContainText('passes every rule');
  await settings(page).getByLabel('Flash size').selectOption({ label: '2 MB' });
  await expect(problems(page)).toContainText('outside-device');
  await expect(problems(page)).toContainText('"ota_1"');
  await expect(page.getByText('ESP32 (ESP-IDF partition table) · 2 MiB (0x200000)')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(problems(page)).toContainText('passes every rule');
  await expect(settings(page).getByLabel('Flash size')).toHaveValue('0x400000');
});

test('changing the ESP32 chip moves the bootloader region on the map', async ({ page }) => {
  await page.getByLabel('Preset').selectOption('esp32-ota');
  const bootloader = page.locator('[data-area="Bootloader and table"] .segment.reserved', { hasText: 'bootloader' });
  await expect(bootloader).toHaveAttribute('title', /^bootloader: 0x1000–0x8000/);
  const before = (await bootloader.boundingBox())!;
  const chip = settings(page).getByLabel('Chip');
  await chip.selectOption('esp32s3');
  await expect(bootloader).toHaveAttribute('title', /^bootloader: 0x0–0x8000/);
  await expect(chip).toHaveAccessibleDescription('Bootloader at 0x0');
  const after = (await bootloader.boundingBox())!;
  expect(after.x).toBeLessThan(before.x);
  expect(after.width).toBeGreaterThan(before.width);

  await chip.selectOption('esp32p4');
  await expect(bootloader).toHaveAttribute('title', /^bootloader: 0x2000–0x8000/);
  await expect(chip).toHaveAccessibleDescription('Bootloader at 0x2000');
});

test('moving the partition table moves the boot area and the automatic offsets after it', async ({ page }) => {
  await page.getByLabel('Preset').selectOption('esp32-ota');
  const document = findPreset('esp32-ota')!.build();
  document.device.esp32 = { ...document.device.esp32!, tableOffset: 0x10000 };
  const expected = placedIn(document);
  const tableOffset = settings(page).getByLabel('Partition table offset');
  await tableOffset.fill('64K');
  await tableOffset.press('Enter');
  for (const name of ['nvs', 'otadata', 'factory', 'ota_1']) {
    const start = expected.partitions.find((p) => p.partition.name === name)!.start;
    await expect(tableRow(page, name).locator('[data-column=offset]')).toContainText(formatHex(start));
  }
  await expect(page.locator('[data-area="Bootloader and table"] .segment.reserved', { hasText: 'partition table' })).toHaveAttribute('title', /^partition table: 0x10000–0x11000/);

  await tableOffset.fill('0x10800');
  await expect(tableOffset).toHaveAccessibleDescription(/use a multiple of 0x1000/);
  await tableOffset.press('Enter');
  await expect(tableRow(page, 'nvs').locator('[data-column=offset]')).toContainText(formatHex(expected.partitions[0].start));
});

test('a larger NAND erase block shows the misaligned partitions live', async ({ page }) => {
  await page.getByLabel('Preset').selectOption('sstar-nand');
  await expect(problems(page)).toContainText('passes every rule');
  // SPI-NAND geometry is set as pnigenerator takes it: the block is pages per block × page size.
  const pages = settings(page).getByLabel('Pages per block');
  await expect(pages).toHaveValue('64');
  await pages.fill('512');
  await expect(problems(page)).toContainText('0x100000');
  await pages.press('Enter');
  await expect(page.getByText(/erase block 1 MiB/)).toBeVisible();
  await pages.fill('0');
  await expect(pages).toHaveAccessibleDescription(/between 1 and 65535/);
  await pages.press('Escape');
  await expect(pages).toHaveValue('512');
});

test('the layout name and the device size are edited in place, with a reason for a bad size', async ({ page }) => {
  const name = settings(page).getByLabel('Layout name');
  await name.fill('Camera board');
  await name.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Camera board');
  const size = settings(page).getByLabel('Device size');
  await size.fill('8M');
  await expect(size).toHaveAccessibleDescription(/0x800000 · 8 MiB/);
  await size.press('Tab');
  await expect(problems(page)).toContainText('outside-device');
  await size.fill('8 furlongs');
  await expect(size).toHaveAttribute('aria-invalid', 'true');
  await expect(size).toHaveAccessibleDescription(/unknown unit "furlongs"/);
});

test('New starts an empty layout of the chosen family', async ({ page }) => {
  await page.getByLabel('New layout').selectOption('esp32');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Untitled ESP32 (ESP-IDF partition table)');
  await expect(page.getByRole('table', { name: 'Partitions' }).locator('tbody tr')).toHaveCount(0);
  await expect(settings(page).getByLabel('Chip')).toHaveValue('esp32');
  await expect(settings(page).getByLabel('Flash size')).toHaveValue('0x400000');
  await expect(page.locator('[data-area="Bootloader and table"] .segment.reserved', { hasText: 'partition table' })).toHaveAttribute('title', /^partition table: 0x8000–0x9000/);
  await expect(page.getByRole('region', { name: 'Flash map' }).getByRole('button', { name: /^free space, 0x9000–0x400000,/ })).toBeVisible();

  await page.getByLabel('New layout').selectOption('emmc');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Untitled eMMC / SD card');
  await expect(settings(page).getByLabel('Sector size')).toHaveValue('512');
  await expect(settings(page).getByLabel('boot0 size')).toHaveValue('0x400000');
  await expect(settings(page).getByLabel('Chip')).toHaveCount(0);

  // New is a step like any other: Undo goes back to the layout before it.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Untitled ESP32 (ESP-IDF partition table)');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(mapSegment(page, 'KERNEL')).toBeVisible();
});
