import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openFresh } from './fixtures';
import { offsetOf, tableRow } from './map';

/** The reference outputs of gen_esp32part.py for ESP-IDF's partitions_two_ota.csv. */
const CASE = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/conformance/esp32/cases/idf-two-ota');

test('the two-OTA layout exports CSV and binary identical to gen_esp32part.py', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  const panel = page.getByRole('region', { name: 'Import and export' });

  const [csv] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export ESP-IDF partition table (CSV)' }).click()]);
  expect(csv.suggestedFilename()).toBe('ESP32-Factory-app-two-OTA-definitions.csv');
  expect(await readFile((await csv.path())!, 'utf8')).toBe(await readFile(resolve(CASE, 'expected.csv'), 'utf8'));

  const [bin] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export ESP-IDF partition table (binary)' }).click()]);
  expect(new Uint8Array(await readFile((await bin.path())!))).toEqual(new Uint8Array(await readFile(resolve(CASE, 'expected.bin'))));

  await panel.getByRole('button', { name: 'Show ESP-IDF partition table (CSV)' }).click();
  await expect(panel.getByLabel('ESP-IDF partition table (CSV) preview')).toHaveText((await readFile(resolve(CASE, 'expected.csv'), 'utf8')).trimEnd());
});

test('importing a binary table replaces the layout with its partitions', async ({ page }) => {
  await openFresh(page);
  await page.getByRole('region', { name: 'Import and export' }).getByLabel('Import file').setInputFiles(resolve(CASE, 'expected.bin'));
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('Imported expected.bin as ESP-IDF partition table (binary)');
  for (const [name, offset] of [['nvs', 0x9000], ['otadata', 0xd000], ['phy_init', 0xf000], ['factory', 0x10000], ['ota_0', 0x110000], ['ota_1', 0x210000]] as const) {
    await expect(tableRow(page, name)).toBeVisible();
    expect(await offsetOf(page, name)).toBe(offset);
  }
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(tableRow(page, 'KERNEL')).toBeVisible();
});

test('a CSV file dropped on the page is imported; a broken one names its line and changes nothing', async ({ page }) => {
  await openFresh(page);
  const drop = async (name: string, text: string) => {
    const transfer = await page.evaluateHandle(
      ([fileName, content]) => {
        const data = new DataTransfer();
        data.items.add(new File([content], fileName, { type: 'text/csv' }));
        return data;
      },
      [name, text] as const,
    );
    await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  };
  await drop('partitions.csv', await readFile(resolve(CASE, 'input.csv'), 'utf8'));
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('Imported partitions.csv');
  await expect(tableRow(page, 'ota_1')).toBeVisible();
  expect(await offsetOf(page, 'ota_1')).toBe(0x210000);

  await drop('broken.csv', 'nvs, data, nvs, , 0x4000\nfactory, app, factory, , 1Q\n');
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('broken.csv was not imported: line 2');
  expect(await offsetOf(page, 'ota_1')).toBe(0x210000);
});
