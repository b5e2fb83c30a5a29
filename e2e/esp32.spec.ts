/**
 * The ESP32 acceptance path of issue 3: edit the two-OTA table in the form, see the live problem,
 * fix it with one click, export CSV and binary and check the bytes against gen_esp32part.py's own
 * outputs, then import the binary back.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openFresh } from './fixtures';
import { mapSegment, offsetOf, sizeOf, tableRow } from './map';

const CASE = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/conformance/esp32/cases/idf-two-ota');

/**
 * The reference binary with ota_1's size changed: the size field of the sixth 32-byte entry
 * (bytes 8..11, little-endian) and the MD5 row's digest of the entries, per the format spec.
 */
async function referenceBinaryWithOta1Size(size: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readFile(resolve(CASE, 'expected.bin')));
  new DataView(bytes.buffer).setUint32(5 * 32 + 8, size, true);
  const entries = 6 * 32;
  bytes.set(createHash('md5').update(bytes.subarray(0, entries)).digest(), entries + 16);
  return bytes;
}

test('edit ota_1 in the form, fix the live problems, export CSV and binary, import the binary back', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await mapSegment(page, 'ota_1').click();
  const form = page.getByRole('region', { name: 'Partition' });
  const problems = page.getByRole('list', { name: 'Problems' });

  // Grow ota_1 past the end of the 4 MB flash: a live error, before anything is recorded.
  await form.getByLabel('Size', { exact: true }).fill('3M');
  const overflow = problems.getByRole('listitem').filter({ hasText: 'past the end' });
  await expect(overflow).toHaveCount(1);
  await form.getByLabel('Size', { exact: true }).press('Enter');
  await overflow.getByRole('button', { name: /^Fix: Shrink "ota_1" to 0x1F0000/ }).click();
  await expect(overflow).toHaveCount(0);
  expect(await sizeOf(page, 'ota_1')).toBe(0x400000 - 0x210000);

  // Move it onto ota_0: an overlap, fixed by moving it back after ota_0.
  await mapSegment(page, 'ota_1').click();
  await form.getByRole('checkbox', { name: 'auto offset' }).uncheck();
  await form.getByLabel('Offset', { exact: true }).fill('0x200000');
  await form.getByLabel('Offset', { exact: true }).press('Enter');
  const overlap = problems.getByRole('listitem').filter({ hasText: 'overlaps' });
  await expect(overlap).toHaveCount(1);
  await overlap.getByRole('button', { name: /^Fix: Move "ota_1" to 0x210000/ }).click();
  await expect(problems).toContainText('passes every rule');
  expect(await offsetOf(page, 'ota_1')).toBe(0x210000);

  const panel = page.getByRole('region', { name: 'Import and export' });
  const [csv] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export ESP-IDF partition table (CSV)' }).click()]);
  const referenceCsv = await readFile(resolve(CASE, 'expected.csv'), 'utf8');
  // 0x1F0000 is not a whole number of MiB, so the normalised CSV writes it in KiB.
  expect(await readFile((await csv.path())!, 'utf8')).toBe(referenceCsv.replace('ota_1,app,ota_1,0x210000,1M,', 'ota_1,app,ota_1,0x210000,1984K,'));

  const [bin] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export ESP-IDF partition table (binary)' }).click()]);
  const binPath = (await bin.path())!;
  expect(new Uint8Array(await readFile(binPath))).toEqual(await referenceBinaryWithOta1Size(0x1f0000));

  // Back to another layout, then import the binary: the same table comes back.
  await page.getByLabel('Preset').selectOption('sstar-nor');
  await expect(tableRow(page, 'ota_1')).toHaveCount(0);
  await panel.getByLabel('Import file').setInputFiles(binPath);
  for (const [name, offset, size] of [
    ['nvs', 0x9000, 0x4000],
    ['otadata', 0xd000, 0x2000],
    ['phy_init', 0xf000, 0x1000],
    ['factory', 0x10000, 0x100000],
    ['ota_0', 0x110000, 0x100000],
    ['ota_1', 0x210000, 0x1f0000],
  ] as const) {
    await expect(tableRow(page, name)).toBeVisible();
    expect(await offsetOf(page, name)).toBe(offset);
    expect(await sizeOf(page, name)).toBe(size);
  }
});

test('the export panel offers the esptool.py flash commands for the layout', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-single');
  const panel = page.getByRole('region', { name: 'Import and export' });
  await panel.getByRole('button', { name: 'Show esptool.py flash commands' }).click();
  await expect(panel.getByLabel('esptool.py flash commands preview')).toContainText('esptool.py --chip esp32 write_flash 0x1000 bootloader.bin 0x8000 partition-table.bin 0x10000 app.bin');
  await page.getByRole('region', { name: 'Device settings' }).getByLabel('Chip').selectOption('esp32s3');
  await expect(panel.getByLabel('esptool.py flash commands preview')).toContainText('esptool.py --chip esp32s3 write_flash 0x0 bootloader.bin 0x8000 partition-table.bin 0x10000 app.bin');
});
