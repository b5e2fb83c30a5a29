/** Driving the export panel and the page's import surfaces like a person: click, drop, paste, download. */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { parseDocumentText, type LayoutDocument } from '../src/model/document';

export function exportPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Import and export' });
}

/** Clicks the button and returns the file the page offered: its suggested name and bytes. */
export async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const bytes = new Uint8Array(await readFile((await file.path())!));
  // Chromium may drop a download that starts within ~60 ms of the previous one; a person never clicks that fast.
  await page.waitForTimeout(400);
  return { name: file.suggestedFilename(), bytes };
}

/** The layout the page holds, as Save writes it. */
export async function savedLayout(page: Page): Promise<{ document: LayoutDocument; saved: Uint8Array }> {
  const saved = await download(page, page.getByRole('button', { name: 'Save', exact: true }));
  const parsed = parseDocumentText(new TextDecoder().decode(saved.bytes));
  if (!parsed.ok) throw new Error(`the saved layout does not parse: ${JSON.stringify(parsed.errors)}`);
  return { document: parsed.document, saved: saved.bytes };
}

/** Drops a file on the page with a real DataTransfer, as a file manager would. */
export async function dropFile(page: Page, name: string, bytes: Uint8Array, target = 'main'): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(content)], fileName));
      return data;
    },
    [name, Array.from(bytes)] as const,
  );
  await page.dispatchEvent(target, 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent(target, 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent(target, 'drop', { dataTransfer: transfer });
}

/** Puts text on the clipboard and presses Ctrl+V on the page, outside any field. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.locator('h1').click();
  await page.keyboard.press('Control+V');
}

export function status(page: Page): Locator {
  return page.getByRole('status', { name: 'Status' });
}
