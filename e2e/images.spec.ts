/**
 * Images, as a person builds them: files dropped on partitions of the map (a real DataTransfer
 * drop), the Images panel's build with its progress, the downloaded bytes checked against the
 * layout; attachments surviving a reload (IndexedDB); a layout opened without its files naming
 * them; a 1 GiB image streamed to a chosen file, cancelled and built again, while the page never
 * blocks for 50 ms.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, openFresh } from './fixtures';
import { mapSegment } from './map';
import { findPreset } from '../src/presets';
import { serializeDocument } from '../src/model/document';

/** Deterministic bytes, made here and handed to the page as the dropped file. */
function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

async function dropFile(page: Page, partition: string, fileName: string, length: number, seed: number): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([name, base64]) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name));
      return data;
    },
    [fileName, Buffer.from(pattern(length, seed)).toString('base64')] as const,
  );
  const segment = mapSegment(page, partition);
  await segment.dispatchEvent('dragover', { dataTransfer: transfer });
  await segment.dispatchEvent('drop', { dataTransfer: transfer });
}

const images = (page: Page) => page.getByRole('region', { name: 'Images' });

// In order, in one worker: the long-task watch of the large build should not share the two cores with this file's other builds.
test.describe.configure({ mode: 'default' });

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

test('a 1 GiB NAND image streams to a chosen file with progress and Cancel; no long task blocks the page', async ({ page }) => {
  // Building and streaming 1 GiB twice (once cancelled) on a shared two-core machine.
  test.setTimeout(240_000);
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('sstar-nand-256');
  // The chip, as the user changes it: a 1 GiB part (a NAND's size is its block count: 8192 blocks of 128 KiB).
  const blocks = page.getByRole('region', { name: 'Device settings' }).getByLabel('Block count');
  await blocks.fill('8192');
  await blocks.press('Enter');
  await dropFile(page, 'KERNEL', 'uImage', 3_000_000, 4);
  const imageButton = images(page).getByRole('button', { name: 'SigmaStar-SPI-NAND-256-MiB.img', exact: true });
  // The attachment is recorded (its partition image is listed) and the image is 1 GiB before the build is watched.
  await expect(images(page).getByRole('button', { name: 'KERNEL.part.bin' })).toBeEnabled();
  await expect(images(page).getByRole('listitem').filter({ has: page.getByRole('button', { name: 'SigmaStar-SPI-NAND-256-MiB.img', exact: true }) })).toContainText('1 GiB');
  // The save picker, as the user would answer it: a file that counts what is written, and a watch for long tasks.
  await page.evaluate(() => {
    const state = { bytes: 0, closed: 0, aborted: 0, longTasks: [] as number[] };
    (window as unknown as { saved: typeof state }).saved = state;
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => state.longTasks.push(entry.duration))).observe({ type: 'longtask', buffered: false });
    (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async () => {
      state.bytes = 0;
      return {
        createWritable: async () => ({
          write: async (chunk: Uint8Array) => void (state.bytes += chunk.length),
          close: async () => void (state.closed += 1),
          abort: async () => void (state.aborted += 1),
        }),
      };
    };
  });
  type Saved = { bytes: number; closed: number; aborted: number; longTasks: number[] };
  const saved = () => page.evaluate(() => (window as unknown as { saved: Saved }).saved);
  const progress = images(page).getByRole('status', { name: 'Build progress' });

  // Started, watched as it goes (percent and MiB/s), then cancelled: the file is abandoned, not closed.
  await imageButton.click();
  await expect(progress).toContainText(/[1-9]\d?% SigmaStar-SPI-NAND-256-MiB\.img \d+\.\d MiB\/s/, { timeout: 60_000 });
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(images(page).getByRole('status').last()).toHaveText('SigmaStar-SPI-NAND-256-MiB.img: cancelled');
  await expect(progress).toHaveCount(0);
  const cancelled = await saved();
  expect(cancelled.aborted).toBe(1);
  expect(cancelled.closed).toBe(0);
  expect(cancelled.bytes).toBeLessThan(1024 * 1024 * 1024);

  // Built again to the end.
  await imageButton.click();
  await expect(progress).toBeVisible();
  await expect(images(page).getByRole('status').last()).toContainText(/SigmaStar-SPI-NAND-256-MiB\.img: 1 GiB saved, sha256 [0-9a-f]{64}/, { timeout: 180_000 });
  const done = await saved();
  expect(done.bytes).toBe(1024 * 1024 * 1024);
  expect(done.closed).toBe(1);
  expect(done.longTasks.filter((ms) => ms > 50)).toEqual([]);
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
