/**
 * Images, as a person builds them: files dropped on partitions of the map (a real DataTransfer
 * drop), the Images panel's build with its progress, the downloaded bytes checked against the
 * layout; attachments surviving a reload (IndexedDB); a layout opened without its files naming
 * them. The 1 GiB streaming build is in image-stream.spec.ts.
 */
import { readFile } from 'node:fs/promises';
import { test, expect, openFresh } from './fixtures';
import { dropFile, images, pattern } from './attach';
import { mapSegment } from './map';
import { findPreset } from '../src/presets';
import { serializeDocument } from '../src/model/document';

test('files dropped on partitions are built into the NOR image; the download holds them at their offsets', async ({ page }) => {
  await openFresh(page);
  await dropFile(page, 'IPL', 'IPL.bin', 0x9000, 1);
  await dropFile(page, 'KERNEL', 'uImage.xz', 1_500_000, 2);
  await mapSegment(page, 'KERNEL').click();
  await expect(page.getByTestId('attachment-slot')).toContainText('uImage.xz: 1.43 MiB of 2 MiB');
  const panel = images(page);
  const button = panel.getByRole('button', { name: 'SigmaStar-SPI-NOR-16-MiB.img', exact: true });
  await expect(button).toBeEnabled();
  // Every progress the panel shows, as it shows it.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenProgress: string[] }).seenProgress = seen;
    new MutationObserver(() => {
      const percent = document.querySelector('[data-testid="build-percent"]')?.textContent;
      if (percent && seen.at(-1) !== percent) seen.push(percent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('SigmaStar-SPI-NOR-16-MiB.img');
  const bytes = new Uint8Array(await readFile((await download.path())!));
  const expected = new Uint8Array(16 * 1024 * 1024).fill(0xff);
  expected.set(pattern(0x9000, 1), 0);
  expected.set(pattern(1_500_000, 2), 0x50000);
  // MXP_SF.bin in MXPT (0x20000): checked by its magic, and everything else compared whole.
  expect(new TextDecoder().decode(bytes.subarray(0x20000, 0x20004))).toBe('MXPT');
  expected.set(bytes.subarray(0x20000, 0x21000), 0x20000);
  expect(bytes.length).toBe(expected.length);
  expect(Buffer.compare(Buffer.from(bytes), Buffer.from(expected))).toBe(0);
  await expect(panel.getByRole('status').last()).toContainText(/SigmaStar-SPI-NOR-16-MiB\.img: 16 MiB saved, sha256 [0-9a-f]{64}/);
  const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
  expect(seen.length).toBeGreaterThan(0);

  // The boot image is the BOOT area of the same bytes.
  const [boot] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'boot.bin' }).click()]);
  const bootBytes = new Uint8Array(await readFile((await boot.path())!));
  expect(Buffer.compare(Buffer.from(bootBytes), Buffer.from(expected.subarray(0, 0x50000)))).toBe(0);

  // After a reload the files are still there (IndexedDB): nothing is missing, the same image comes out.
  await page.reload();
  await expect(images(page).getByRole('button', { name: 'SigmaStar-SPI-NOR-16-MiB.img', exact: true })).toBeEnabled();
  await expect(images(page).getByRole('alert')).toHaveCount(0);
  const [again] = await Promise.all([page.waitForEvent('download'), images(page).getByRole('button', { name: 'SigmaStar-SPI-NOR-16-MiB.img', exact: true }).click()]);
  expect(Buffer.compare(new Uint8Array(await readFile((await again.path())!)), Buffer.from(expected))).toBe(0);
});

test('a file larger than its partition is refused with the rule; a layout opened without its files lists them', async ({ page }) => {
  await openFresh(page);
  await dropFile(page, 'IPL', 'too-big.bin', 0x10001, 3);
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('too-big.bin for "IPL" is');
  await expect(images(page)).toContainText('too-big.bin (65537 bytes) is larger than "IPL" (65536 bytes): a file is never cut to fit');
  await expect(images(page).getByRole('button', { name: 'SigmaStar-SPI-NOR-16-MiB.img', exact: true })).toHaveCount(0);

  // A layout whose attachment this browser has never seen.
  const preset = findPreset('sstar-nor')!.build();
  const document = {
    ...preset,
    name: 'with a missing file',
    partitions: preset.partitions.map((p) => (p.name === 'IPL' ? { ...p, attachment: { fileName: 'IPL-secret.bin', size: 1234, sha256: 'cd'.repeat(32) } } : p)),
  };
  const transfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'missing.flashmap.json', { type: 'application/json' }));
    return data;
  }, serializeDocument(document));
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await expect(images(page).getByRole('alert')).toContainText('IPL-secret.bin (1.21 KiB)');
  await expect(images(page).getByRole('button', { name: /\.img$/ }).first()).toBeDisabled();
});

test('a NAND layout offers its image with spare bytes after each page', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('sstar-nand');
  await images(page).getByLabel('NAND image with spare bytes (0xFF) after each page').check();
  const oob = images(page).getByRole('button', { name: 'SigmaStar-SPI-NAND-128-MiB.oob.img' });
  await expect(oob).toBeEnabled();
  // 65,536 pages of 2048 + 64 bytes.
  await expect(images(page).getByRole('listitem').filter({ has: page.getByRole('button', { name: 'SigmaStar-SPI-NAND-128-MiB.oob.img' }) })).toContainText('132 MiB');
});

test('a file picked in a UBI volume\'s form: one too large for its LEBs is refused by the rule, one that fits is kept across a reload', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('sstar-nand');
  await page.getByRole('region', { name: 'Flash map' }).getByRole('button', { name: /^volume customer,/ }).click();
  const picker = page.getByLabel('Attach an image file to volume customer');
  await expect(picker).toBeInViewport();
  // customer: 0x500000 bytes in LEBs of 126976: 42 LEBs, 5332992 bytes.
  await picker.setInputFiles({ name: 'customer.ubifs', mimeType: 'application/octet-stream', buffer: Buffer.from(pattern(42 * 126976 + 1, 5)) });
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('"customer.ubifs" for volume "customer" of "UBI" is 5.09 MiB, larger than its 42 LEBs (5.09 MiB)');
  await expect(images(page).getByRole('button', { name: 'SigmaStar-SPI-NAND-128-MiB.img', exact: true })).toHaveCount(0);

  await picker.setInputFiles({ name: 'customer.ubifs', mimeType: 'application/octet-stream', buffer: Buffer.from(pattern(4096, 6)) });
  const slot = page.getByTestId('attachment-slot');
  await expect(slot).toContainText('customer.ubifs: 4 KiB of 5.09 MiB');
  await expect(page.getByRole('list', { name: 'Problems' })).not.toContainText('customer.ubifs');
  await expect(images(page).getByRole('button', { name: 'SigmaStar-SPI-NAND-128-MiB.img', exact: true })).toBeEnabled();

  await page.reload();
  await page.getByRole('region', { name: 'Flash map' }).getByRole('button', { name: /^volume customer,/ }).click();
  await expect(slot).toContainText('customer.ubifs: 4 KiB of 5.09 MiB');
  await expect(slot).not.toContainText('not in this browser');
});
