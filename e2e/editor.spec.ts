import { test, expect, openFresh } from './fixtures';
import { announcement, bytesPerPixel, center, dragBy, mapSegment, offsetOf, sizeOf, tableDrawn, tableRow } from './map';

const PARTITIONS_AREA = 0x400000 - 0x9000;

test.beforeEach(async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await expect(mapSegment(page, 'ota_1')).toBeVisible();
});

test('dragging a partition with the mouse moves it, snapped to its 64 KiB alignment', async ({ page }) => {
  const perPx = await bytesPerPixel(page, 'Partitions', PARTITIONS_AREA);
  await dragBy(page, await center(mapSegment(page, 'ota_1')), 100);
  const offset = await offsetOf(page, 'ota_1');
  expect(offset % 0x10000).toBe(0);
  expect(Math.abs(offset - (0x210000 + 100 * perPx))).toBeLessThanOrEqual(0x10000);
  expect(offset).toBeGreaterThan(0x210000);
  await expect(announcement(page)).toHaveText(`ota_1 moved to 0x${offset.toString(16).toUpperCase()}`);
});

test('holding Alt while dragging turns snapping off', async ({ page }) => {
  await dragBy(page, await center(mapSegment(page, 'ota_1')), 37, { alt: true });
  const offset = await offsetOf(page, 'ota_1');
  expect(offset).not.toBe(0x210000);
  expect(offset % 0x10000).not.toBe(0);
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('not a multiple of 0x10000');
});

test('dragging the end edge resizes the partition in 4 KiB steps', async ({ page }) => {
  const segment = mapSegment(page, 'ota_1');
  const box = (await segment.boundingBox())!;
  await dragBy(page, { x: box.x + box.width - 1, y: box.y + box.height / 2 }, 60);
  const size = await sizeOf(page, 'ota_1');
  expect(size).toBeGreaterThan(0x100000);
  expect(size % 0x1000).toBe(0);
  expect(await offsetOf(page, 'ota_1')).toBe(0x210000);
});

test('a palette item dragged into free space becomes a new partition there', async ({ page }) => {
  const bar = (await page.locator('[data-area="Partitions"] .area-bar').boundingBox())!;
  const item = page.getByRole('button', { name: 'Add SPIFFS' });
  const itemCenter = await center(item);
  const target = { x: bar.x + bar.width * 0.9, y: bar.y + bar.height / 2 };
  await page.mouse.move(itemCenter.x, itemCenter.y);
  await page.mouse.down();
  for (let i = 1; i <= 15; i++) await page.mouse.move(itemCenter.x + ((target.x - itemCenter.x) * i) / 15, itemCenter.y + ((target.y - itemCenter.y) * i) / 15);
  await page.mouse.up();
  await expect(tableRow(page, 'spiffs')).toBeVisible();
  const offset = await offsetOf(page, 'spiffs');
  expect(offset).toBeGreaterThanOrEqual(0x310000);
  expect(offset % 0x1000).toBe(0);
  expect(offset + (await sizeOf(page, 'spiffs'))).toBeLessThanOrEqual(0x400000);
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('passes every rule');
});

test('the keyboard moves the focused partition; an overlap is fixed with the Fix button', async ({ page }) => {
  await mapSegment(page, 'ota_1').focus();
  await page.keyboard.press('ArrowRight');
  expect(await offsetOf(page, 'ota_1')).toBe(0x220000);
  await expect(announcement(page)).toHaveText('ota_1 moved to 0x220000');
  await page.keyboard.press('Shift+ArrowLeft');
  expect(await offsetOf(page, 'ota_1')).toBe(0x120000);
  await expect(mapSegment(page, 'ota_1')).toBeFocused();

  const problems = page.getByRole('list', { name: 'Problems' });
  const overlap = problems.getByRole('listitem').filter({ hasText: 'overlaps' });
  await expect(overlap).toHaveCount(1);
  await expect(mapSegment(page, 'ota_1')).toHaveAccessibleName(/error: "ota_1".*overlaps/);
  await overlap.getByRole('button', { name: /^Fix: Move "ota_1" to 0x210000, after "ota_0"/ }).click();
  await expect(overlap).toHaveCount(0);
  expect(await offsetOf(page, 'ota_1')).toBe(0x210000);
  await expect(problems).toContainText('passes every rule');
});

test('Alt+arrow resizes and Delete removes the focused partition', async ({ page }) => {
  await mapSegment(page, 'ota_1').focus();
  await page.keyboard.press('Alt+ArrowRight');
  expect(await sizeOf(page, 'ota_1')).toBe(0x101000);
  await page.keyboard.press('Delete');
  await expect(tableRow(page, 'ota_1')).toHaveCount(0);
  await expect(announcement(page)).toHaveText('ota_1 removed');
});

test('undo and redo walk back and forth through edits, with buttons and shortcuts', async ({ page }) => {
  await mapSegment(page, 'factory').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await offsetOf(page, 'factory')).toBe(0x30000);
  expect(await offsetOf(page, 'ota_0')).toBe(0x130000);
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await offsetOf(page, 'factory')).toBe(0x20000);
  await page.keyboard.press('Control+z');
  expect(await offsetOf(page, 'factory')).toBe(0x10000);
  await page.getByRole('button', { name: 'Redo' }).click();
  expect(await offsetOf(page, 'factory')).toBe(0x20000);
  await page.keyboard.press('Control+Shift+z');
  expect(await offsetOf(page, 'factory')).toBe(0x30000);
  await expect(page.getByRole('button', { name: 'Redo' })).toBeDisabled();
});

test('a reload brings back the edited layout unchanged', async ({ page }) => {
  await dragBy(page, await center(mapSegment(page, 'ota_1')), 80);
  const moved = await offsetOf(page, 'ota_1');
  expect(moved).not.toBe(0x210000);
  await page.reload();
  await expect(mapSegment(page, 'ota_1')).toBeVisible();
  expect(await offsetOf(page, 'ota_1')).toBe(moved);
});

test('rows dragged in the table reorder the partitions and automatic offsets follow', async ({ page }) => {
  const grip = tableRow(page, 'ota_1').getByRole('button', { name: /^Reorder ota_1/ });
  const target = tableRow(page, 'ota_0');
  const from = await center(grip);
  const to = await center(target);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(from.x, from.y + ((to.y - from.y) * i) / 10);
  await page.mouse.up();
  await tableDrawn(page);
  const names = await page.getByRole('table', { name: 'Partitions' }).locator('.partition-name').allInnerTexts();
  expect(names.map((n) => n.trim())).toEqual(['nvs', 'otadata', 'phy_init', 'factory', 'ota_1', 'ota_0']);
  expect(await offsetOf(page, 'ota_1')).toBe(0x110000);
  expect(await offsetOf(page, 'ota_0')).toBe(0x210000);
});

test('zoom buttons widen the map and Fit brings it back', async ({ page }) => {
  const width = async () => (await mapSegment(page, 'factory').boundingBox())!.width;
  const before = await width();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page.locator('.zoom-level')).toHaveText('2.3×');
  await expect.poll(width).toBeGreaterThan(before * 2);
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect.poll(width).toBeCloseTo(before, 0);
});

test('clicking a problem selects its partition and focuses it on the map', async ({ page }) => {
  await mapSegment(page, 'ota_1').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await page.getByRole('button', { name: 'Undo' }).focus();
  const problem = page.getByRole('list', { name: 'Problems' }).getByRole('listitem').filter({ hasText: 'overlaps' });
  await problem.getByRole('button', { name: /overlaps/ }).click();
  await expect(mapSegment(page, 'ota_1')).toBeFocused();
  await expect(mapSegment(page, 'ota_1')).toHaveAttribute('aria-pressed', 'true');
  await expect(tableRow(page, 'ota_1')).toHaveAttribute('aria-selected', 'true');
});

test('small partitions next to each other are each visible and clickable without zooming', async ({ page }) => {
  for (const name of ['nvs', 'otadata', 'phy_init']) {
    const segment = mapSegment(page, name);
    const box = (await segment.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(5.5);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(segment).toHaveAttribute('aria-pressed', 'true');
    await expect(tableRow(page, name)).toHaveAttribute('aria-selected', 'true');
  }
});

test('pressing a palette item adds it to free space where the family allows partitions', async ({ page }) => {
  // The 4 KiB before the ESP32 bootloader is free but not for partitions: the new one goes after ota_1.
  await page.getByRole('button', { name: 'Add PHY init data' }).click();
  await expect(tableRow(page, 'phy_init_2')).toBeVisible();
  expect(await offsetOf(page, 'phy_init_2')).toBe(0x310000);
  await expect(announcement(page)).toHaveText('PHY init data added');
});
