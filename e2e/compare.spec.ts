/**
 * The compare panel: a layout opened by dropping Arduino's min_spiffs table on the page, then
 * Arduino's default table dropped on the compare panel as the layout the devices have; the bars,
 * the verdicts (worked out from the two CSVs) and the migration commands copied.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openFresh, test } from './fixtures';
import { mapSegment, offsetOf } from './map';

const CASES = resolve(import.meta.dirname, '../../shared/conformance/esp32/cases');

async function drop(page: Page, selector: string, fileName: string, text: string): Promise<void> {
  const transfer = await page.evaluateHandle(([name, content]) => {
    const data = new DataTransfer();
    data.items.add(new File([content], name, { type: 'text/csv' }));
    return data;
  }, [fileName, text] as const);
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer: transfer });
}

test('compare the current layout with a dropped CSV: bars, verdicts, copied commands', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await openFresh(page);
  await drop(page, 'main', 'min_spiffs.csv', await readFile(resolve(CASES, 'arduino-min-spiffs/input.csv'), 'utf8'));
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('Imported min_spiffs.csv');

  const panel = page.getByRole('region', { name: 'Compare layouts' });
  await panel.getByRole('button', { name: 'Compare' }).click();
  await drop(page, '.compare-panel', 'default.csv', await readFile(resolve(CASES, 'arduino-default/input.csv'), 'utf8'));
  await expect(panel.getByText('Old: default.csv')).toBeVisible();
  // The layout on the page is still min_spiffs: the panel's drop is the other layout, not an import.
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('Comparing with default.csv');
  expect(await offsetOf(page, 'app1')).toBe(0x1f0000);

  // Both bars, app1 joined across them; spiffs absent from neither.
  const oldBar = panel.getByRole('img', { name: 'Old layout of main' });
  const newBar = panel.getByRole('img', { name: 'New layout of main' });
  await expect(oldBar.locator('[data-name="eeprom"]')).toHaveClass(/change-removed/);
  await expect(newBar.locator('[data-name="app1"]')).toHaveClass(/change-moved-and-resized/);
  await expect(newBar.locator('[data-name="nvs"]')).toHaveClass(/change-unchanged/);
  await expect(panel.locator('.compare-joins line')).toHaveCount(5);
  await expect(newBar.locator('.compare-rewrite')).toHaveCount(2);

  const row = (name: string) => panel.getByRole('row', { name: new RegExp(`^${name}\\b`) });
  await expect(row('app1')).toContainText('survives only if copied: 0x140000 bytes from 0x150000 to 0x1F0000');
  await expect(row('spiffs')).toContainText('lost: shrunk');
  await expect(row('eeprom')).toContainText('lost: removed');
  await expect(row('app0')).toContainText('survives (grows)');
  const device = panel.getByRole('region', { name: 'Device verdict' });
  await expect(device.getByRole('heading')).toHaveText('Device: OTA update');
  await expect(device).toContainText('devices running from app1 need a serial reflash');

  await panel.getByRole('button', { name: 'Copy commands' }).click();
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('Copied the migration commands');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('esptool.py --chip esp32 read_flash 0x150000 0x140000 app1.old.bin');
  expect(copied).toMatch(/# 6\. UNSAFE: Write the new partition table[^\n]*\nesptool\.py --chip esp32 write_flash 0x8000 partition-table\.bin/);

  // Swapped: the current layout is the old one.
  await panel.getByRole('button', { name: 'Swap old and new' }).click();
  await expect(panel.getByText('Old: the current layout')).toBeVisible();
  await expect(row('eeprom')).toContainText('new');
});

test('compare with the layout as it was when the page was opened', async ({ page }) => {
  await openFresh(page, '/');
  const panel = page.getByRole('region', { name: 'Compare layouts' });
  await panel.getByRole('button', { name: 'Compare' }).click();
  await panel.getByRole('button', { name: 'Since opened' }).click();
  const device = panel.getByRole('region', { name: 'Device verdict' });
  await expect(device).toContainText('Nothing changes.');
  // Shrink the last SYS partition of the SPI-NOR preset by one erase block.
  await mapSegment(page, 'customer').focus();
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(device.getByRole('heading')).toHaveText('Device: [[x.es scripts');
  await expect(panel.getByRole('row', { name: /^customer\b/ })).toContainText('lost: shrunk');
  await expect(panel.getByRole('region', { name: 'Migration' })).toContainText('estar scripts/[[customer');
  // A layout of another family cannot be compared: the panel says why.
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('esp32-ota');
  await expect(panel.getByRole('alert')).toContainText('different families');
});
