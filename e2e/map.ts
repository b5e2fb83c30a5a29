/** Helpers for driving the flash map and reading the partition table like a person would. */
import { expect, type Locator, type Page } from '@playwright/test';

export function mapSegment(page: Page, name: string): Locator {
  return page.getByRole('region', { name: 'Flash map' }).getByRole('button', { name: new RegExp(`^${name},`) });
}

export function tableRow(page: Page, name: string): Locator {
  return page.getByRole('table', { name: 'Partitions' }).locator('tbody tr').filter({ has: page.locator('.partition-name').getByText(name, { exact: true }) });
}

/** Waits until the table has drawn the latest change: it follows the map, and is busy meanwhile. */
export async function tableDrawn(page: Page): Promise<void> {
  await expect(page.getByRole('table', { name: 'Partitions' })).not.toHaveAttribute('aria-busy', 'true');
}

/** A hex number in the partition's row, once the table has drawn the latest change. */
async function tableNumber(page: Page, name: string, column: 'offset' | 'size'): Promise<number> {
  await tableDrawn(page);
  const text = await tableRow(page, name).locator(`[data-column=${column}]`).innerText();
  return Number.parseInt(text.trim().split(/\s/)[0], 16);
}

/** The partition's resolved offset as the table shows it. */
export function offsetOf(page: Page, name: string): Promise<number> {
  return tableNumber(page, name, 'offset');
}

export function sizeOf(page: Page, name: string): Promise<number> {
  return tableNumber(page, name, 'size');
}

/** Presses the mouse on `from`, moves in small steps by dx pixels, releases. */
export async function dragBy(page: Page, from: { x: number; y: number }, dx: number, options: { alt?: boolean } = {}): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  if (options.alt) await page.keyboard.down('Alt');
  const steps = 12;
  for (let i = 1; i <= steps; i++) await page.mouse.move(from.x + (dx * i) / steps, from.y);
  await page.mouse.up();
  if (options.alt) await page.keyboard.up('Alt');
}

export function announcement(page: Page): Locator {
  return page.getByRole('status', { name: 'Map announcements' });
}

export async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  return { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 };
}

/** Bytes per pixel of the bar of the area with this name. */
export async function bytesPerPixel(page: Page, areaName: string, areaBytes: number): Promise<number> {
  const box = await page.locator(`[data-area="${areaName}"] .area-bar`).boundingBox();
  return areaBytes / box!.width;
}
