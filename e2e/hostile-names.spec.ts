/**
 * Imported files are hostile: partition names that are markup stay text everywhere the page shows
 * them (map, table, heading, previews, the picture) and in the files it writes. No dialog opens,
 * no script runs, no element is injected.
 */
import type { Page } from '@playwright/test';
import { test, expect, openFresh } from './fixtures';
import { findPreset } from '../src/presets';
import { serializeDocument } from '../src/model/document';
import { tableRow } from './map';
import { download, dropFile, exportPanel, pasteText, status } from './export-helpers';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '"><script>alert(2)</script>';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Fails the test if the page opened a dialog or holds an element a name could have injected. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

async function expectNothingInjected(page: Page, dialogs: string[]): Promise<void> {
  expect(dialogs).toEqual([]);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('b')).toHaveCount(0);
  expect(await page.locator('script').evaluateAll((scripts) => scripts.filter((s) => !(s as HTMLScriptElement).src).length)).toBe(0);
}

test('a layout whose names are markup: text in the map, the table, the previews, the picture and the exports', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await openFresh(page);
  const preset = findPreset('sd-allwinner')!.build();
  const hostile = { ...preset, name: `${SCRIPT} card`, partitions: preset.partitions.map((p, i) => (i === 1 ? { ...p, name: IMG } : i === 2 ? { ...p, name: SCRIPT } : p)) };
  await dropFile(page, 'hostile.flashmap.json', new TextEncoder().encode(serializeDocument(hostile)));
  await expect(status(page)).toContainText('Imported hostile.flashmap.json');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${SCRIPT} card`);
  const map = page.getByRole('region', { name: 'Flash map' });
  for (const name of [IMG, SCRIPT]) {
    await expect(map.getByRole('button', { name: new RegExp(`^${escapeRegExp(name)},`) })).toBeVisible();
    await expect(tableRow(page, name)).toBeVisible();
  }

  const panel = exportPanel(page);
  await expect(page.getByRole('list', { name: 'Problems' })).not.toContainText('error');
  for (const title of ['Layout as a text table (like fdisk -l)', 'genimage configuration (Buildroot, PTXdist)']) {
    await panel.getByRole('button', { name: `Show ${title}` }).click();
    const preview = panel.getByLabel(`${title} preview`);
    await expect(preview).toContainText(IMG);
  }
  await expect(panel.getByLabel('Layout as a text table (like fdisk -l) preview')).toContainText(SCRIPT);

  await panel.getByRole('button', { name: 'Show Picture of the layout' }).click();
  const picture = panel.getByRole('img', { name: 'Picture of the layout (SVG) preview' });
  await expect(picture).toBeVisible();
  expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(760);
  const svg = new TextDecoder().decode((await download(page, panel.getByRole('button', { name: 'Export Picture of the layout (SVG)' }))).bytes);
  expect(svg).toContain('>&lt;img src=x onerror=alert(1)&gt;</text>');
  expect(svg).toContain('>&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;</text>');
  expect(svg).not.toMatch(/<img|<script/);
  const listing = new TextDecoder().decode((await download(page, panel.getByRole('button', { name: 'Export Layout as a text table (like fdisk -l)' }))).bytes);
  expect(listing).toContain(IMG);
  expect(listing).toContain(SCRIPT);
  await download(page, panel.getByRole('button', { name: 'Export PNG of the layout picture' }));
  await expectNothingInjected(page, dialogs);
});

test('a pasted ESP-IDF CSV with markup names: text on the page and in the CSV exported back', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await openFresh(page);
  // ESP-IDF names hold at most 16 characters: markup that fits.
  const csv = 'nvs, data, nvs, 0x9000, 0x6000\n<img src=x>, data, phy, 0xf000, 0x1000\n"><b>x</b>, app, factory, 0x10000, 1M\n';
  await pasteText(page, csv);
  await expect(status(page)).toContainText('Imported the pasted text as ESP-IDF partition table (CSV)');
  await expect(tableRow(page, '<img src=x>')).toBeVisible();
  await expect(tableRow(page, '"><b>x</b>')).toBeVisible();
  const panel = exportPanel(page);
  await panel.getByRole('button', { name: 'Show ESP-IDF partition table (CSV)' }).click();
  await expect(panel.getByLabel('ESP-IDF partition table (CSV) preview')).toContainText('<img src=x>,data,phy,0xf000,4K,\n"><b>x</b>,app,factory,0x10000,1M,');
  const exported = new TextDecoder().decode((await download(page, panel.getByRole('button', { name: 'Export ESP-IDF partition table (CSV)' }))).bytes);
  expect(exported).toContain('"><b>x</b>,app,factory,0x10000,1M,\n');
  await expectNothingInjected(page, dialogs);
});
