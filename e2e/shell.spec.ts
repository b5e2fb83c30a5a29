import { readFile } from 'node:fs/promises';
import { test, expect, openFresh } from './fixtures';
import { PRESETS } from '../src/presets';
import { familyOf } from '../src/families';
import { tableRow } from './map';
import { place } from '../src/layout/place';

test('the page loads with the default preset on the map, in the table and without problems', async ({ page }) => {
  await openFresh(page);
  const map = page.getByRole('region', { name: 'Flash map' });
  for (const name of ['IPL', 'IPL_CUST', 'MXPT', 'UBOOT', 'UBOOT_ENV', 'KERNEL', 'rootfs', 'miservice', 'customer']) {
    await expect(map.getByRole('button', { name: new RegExp(`^${name},`) })).toBeVisible();
    await expect(tableRow(page, name)).toBeVisible();
  }
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('passes every rule');
});

test('the page carries a strict Content-Security-Policy', async ({ page }) => {
  await openFresh(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("script-src 'self'");
  // WebAssembly (hash-wasm's SHA-256) may be compiled; JavaScript may never be evaluated.
  expect(policy).not.toContain("'unsafe-eval'");
  expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(policy).not.toMatch(/style-src[^;]*unsafe-inline/);
});

test('the page and its engine worker are served with the policy as a header, and may not be framed', async ({ page }) => {
  const worker = page.waitForResponse((response) => /\/assets\/entry-[^/]*\.js$/.test(new URL(response.url()).pathname));
  const document = await page.goto('/');
  const headers = document!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  // The worker starts with the first engine call: the export panel's previews, or a save.
  await page.getByRole('button', { name: 'Save' }).click();
  const workerHeaders = (await worker).headers();
  expect(workerHeaders['content-security-policy']).toContain("script-src 'self'");
  expect(workerHeaders['content-security-policy']).toContain("connect-src 'self'");
});

for (const preset of PRESETS) {
  test(`preset ${preset.id}: every partition appears on the map and in the table at its offset`, async ({ page }) => {
    await openFresh(page);
    await page.getByLabel('Preset').selectOption(preset.id);
    const document = preset.build();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(document.name);
    const placement = place(document, familyOf(document));
    const map = page.getByRole('region', { name: 'Flash map' });
    const rows = page.getByRole('table', { name: 'Partitions' }).locator('tbody tr');
    await expect(rows).toHaveCount(placement.partitions.length);
    for (const [index, placed] of placement.partitions.entries()) {
      const hex = '0x' + placed.start.toString(16).toUpperCase();
      const name = placed.partition.name;
      await expect(map.getByRole('button', { name: new RegExp(`^${name}, ${hex}–`) })).toBeVisible();
      await expect(rows.nth(index).locator('th')).toContainText(name);
      await expect(rows.nth(index).locator('[data-column=offset]')).toContainText(hex);
    }
  });
}

test('a reload keeps the chosen preset', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ESP32: Factory app, two OTA definitions');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ESP32: Factory app, two OTA definitions');
  await expect(page.getByRole('region', { name: 'Flash map' }).getByRole('button', { name: /^ota_1, 0x210000–/ })).toBeVisible();
});

test('Save downloads the layout document made in the engine worker, and Open reads it back', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('qemu-nor');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.flashmap\.json$/);
  const saved = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(saved).toEqual(PRESETS.find((p) => p.id === 'qemu-nor')!.build());

  await page.getByLabel('Preset').selectOption('sstar-nor');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SigmaStar SPI-NOR 16 MiB');
  await page.getByLabel('Open layout file').setInputFiles((await download.path())!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(saved.name);
  await expect(page.getByRole('region', { name: 'Flash map' }).getByRole('button', { name: /^recovery, 0x0–0xA2F000/ })).toBeVisible();
});
