/** Issue 9: small partitions are readable, patterns are explained, every area says how full it is. */
import { test, expect, openFresh } from './fixtures';
import { savedLayout } from './export-helpers';
import { mapSegment, tableRow } from './map';

test('a name too long for its segment is shown whole beside the bar, and every segment has a tooltip', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('sstar-nand');
  const map = page.getByRole('region', { name: 'Flash map' });
  // IPL's first copy is one 128 KiB block of a 4.75 MiB area: too narrow for "IPL0".
  const callout = map.locator('.callout', { hasText: /^IPL0$/ });
  await expect(callout).toBeInViewport();
  const segmentBox = (await mapSegment(page, 'IPL').boundingBox())!;
  const calloutBox = (await callout.boundingBox())!;
  expect(calloutBox.y).toBeGreaterThanOrEqual(segmentBox.y + segmentBox.height);
  expect(Math.abs(calloutBox.x - segmentBox.x)).toBeLessThan(2);
  // No callout writes over another.
  const boxes = await map.locator('.callout-text').evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      expect(apart, `callouts ${i} and ${j} overlap`).toBe(true);
    }
  }
  // A name shown inside a segment is shown whole: none is cut to "UBO…".
  const cut = await map.locator('.segment-name').evaluateAll((names) => names.filter((n) => n.scrollWidth > n.clientWidth).map((n) => n.textContent));
  expect(cut).toEqual([]);
  // The tooltip: name, start–end, size, kind.
  await expect(mapSegment(page, 'KERNEL')).toHaveAttribute('title', 'KERNEL\n0x540000–0xA40000, 5 MiB, kernel');
  await mapSegment(page, 'KERNEL').hover();
  await expect(mapSegment(page, 'IPL')).toHaveAttribute('title', /^IPL\n0x140000–0x160000, 128 KiB, bootloader\n2 copies, the last ending at 0x200000$/);
});

test('a legend explains the patterns, spare blocks look unlike the reserved region, areas show used and free', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('sstar-nand');
  const legend = page.getByRole('list', { name: 'Map legend' });
  for (const entry of ['Partition', 'Backup copy', 'Spare blocks', 'Reserved region', 'Free space']) await expect(legend.getByText(entry)).toBeInViewport();
  const backgroundOf = (selector: string) => legend.locator(selector).evaluate((e) => getComputedStyle(e).backgroundImage);
  expect(await backgroundOf('.legend-swatch.spare')).not.toBe(await backgroundOf('.legend-swatch.reserved'));

  // SYS (0x4C0000–0x8000000) is filled up to its end by UBI's rest.
  await expect(page.locator('.area', { hasText: 'SYS' }).locator('.area-usage')).toHaveText('used 123.25 MiB (100%) · free 0 B (0%)');
  await page.getByLabel('Preset').selectOption('esp32-ota');
  // Partitions from 0x9000 to 4 MiB (0x3F7000 bytes); ota_1 ends at 0x310000, leaving 0xF0000 = 960 KiB.
  await expect(page.locator('.area', { hasText: 'Partitions' }).locator('.area-usage')).toHaveText(/free 960 KiB \(24%\)$/);
});

test('clicking a backup copy or its spare blocks selects its partition', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('sstar-nand');
  const form = page.getByRole('region', { name: 'Partition' });
  await page.locator('.segment.copy[title^="UBOOT1"]').click();
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('UBOOT');
  await page.locator('.segment.spare[title^="IPL_CUST0"]').click();
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('IPL_CUST');
});

test('dragging a backup copy moves its partition, every copy with it, as one undoable step', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('sstar-nand');
  const form = page.getByRole('region', { name: 'Partition' });
  const before = (await savedLayout(page)).document;
  const copyLocator = page.locator('.segment.copy[title^="UBOOT1"]');
  const copy = (await copyLocator.boundingBox())!;
  const first = (await mapSegment(page, 'UBOOT').boundingBox())!;
  await page.mouse.move(copy.x + copy.width / 2, copy.y + copy.height / 2);
  await page.mouse.down();
  await page.mouse.move(copy.x + copy.width / 2 + 60, copy.y + copy.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('UBOOT');
  await expect(mapSegment(page, 'UBOOT')).toHaveAttribute('aria-pressed', 'true');
  // The grabbed copy and the first one moved right (snapped to the blocks).
  expect((await copyLocator.boundingBox())!.x).toBeGreaterThan(copy.x + 5);
  expect((await mapSegment(page, 'UBOOT').boundingBox())!.x).toBeGreaterThan(first.x + 5);
  const after = (await savedLayout(page)).document;
  const offsetOf = (document: typeof before) => document.partitions.find((p) => p.name === 'UBOOT')!.offset;
  expect(offsetOf(after)).toEqual(expect.any(Number));
  expect(offsetOf(after)).not.toEqual(offsetOf(before));
  await page.getByRole('button', { name: 'Undo' }).click();
  expect((await savedLayout(page)).document).toEqual(before);
});

test('Escape during a drag puts the partition back and records nothing', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('sstar-nand');
  const before = (await savedLayout(page)).saved;
  const segment = mapSegment(page, 'KERNEL');
  const box = (await segment.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2, { steps: 6 });
  await expect.poll(async () => (await segment.boundingBox())!.x).toBeGreaterThan(box.x + 20);
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await segment.boundingBox())!.x).toBeCloseTo(box.x, 0);
  await page.mouse.up();
  expect((await savedLayout(page)).saved).toEqual(before);
});

test('overlapping partitions are both visible, one lane each; one past the flash is drawn in the overflow zone', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await mapSegment(page, 'ota_1').click();
  const form = page.getByRole('region', { name: 'Partition' });
  await form.getByRole('checkbox', { name: 'auto offset' }).uncheck();
  await form.getByLabel('Offset', { exact: true }).fill('0x180000');
  await form.getByLabel('Offset', { exact: true }).press('Enter');
  const [upper, lower] = [(await mapSegment(page, 'ota_0').boundingBox())!, (await mapSegment(page, 'ota_1').boundingBox())!];
  // ota_1 now starts inside ota_0: they share the bar's height instead of one covering the other.
  expect(lower.x).toBeLessThan(upper.x + upper.width);
  expect(lower.y).toBeGreaterThanOrEqual(upper.y + upper.height - 1);
  await expect(mapSegment(page, 'ota_0').getByText('ota_0')).toBeInViewport();
  await expect(mapSegment(page, 'ota_1').getByText('ota_1')).toBeInViewport();

  await form.getByLabel('Offset', { exact: true }).fill('0x500000');
  await form.getByLabel('Offset', { exact: true }).press('Enter');
  const zone = page.getByRole('group', { name: 'Outside Partitions' });
  await expect(zone).toBeInViewport();
  await expect(zone.getByRole('button', { name: 'ota_1 0x500000–0x600000' })).toBeInViewport();
  // Drawn to scale from the flash's end (0x400000) to ota_1's (0x600000): ota_1 is the right half.
  const strip = (await zone.locator('.overflow-strip').boundingBox())!;
  const drawn = (await zone.locator('.overflow-part').boundingBox())!;
  expect(Math.abs(drawn.x - (strip.x + strip.width / 2))).toBeLessThan(3);
  expect(Math.abs(drawn.x + drawn.width - (strip.x + strip.width))).toBeLessThan(3);
  await expect(zone.locator('.overflow-scale')).toHaveText(['0x400000', '0x600000']);
  await page.getByRole('region', { name: 'Device' }).click();
  await zone.getByRole('button', { name: /^ota_1 / }).click();
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('ota_1');
  // The fixes: move it back into the first free space that holds 1 MiB (right after ota_0, which
  // ends at 0x210000), or grow the flash to 8 MB; it starts past the end, so nothing to shrink.
  const problem = page.getByRole('list', { name: 'Problems' }).getByRole('listitem').filter({ hasText: 'past the end' });
  await expect(problem.getByRole('button', { name: 'Fix: Move "ota_1" to 0x210000, into free space' })).toBeInViewport();
  await expect(problem.getByRole('button', { name: /^Fix: Shrink/ })).toHaveCount(0);
  await expect(problem.getByRole('button', { name: 'Fix: Grow the device to 8 MiB' })).toBeVisible();
});

test("the table's span end covers the last copy and its spare blocks", async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('sstar-nand');
  // UBOOT: 2 copies of 0x40000 from 0x2C0000, each followed by 4 spare blocks of 0x20000.
  const row = tableRow(page, 'UBOOT');
  await expect(row.locator('[data-column=end]')).toHaveText('0x300000');
  await expect(row.locator('[data-column=span]')).toHaveText(String('0x' + (0x2c0000 + 2 * (0x40000 + 4 * 0x20000)).toString(16).toUpperCase()));
});

test("a preset's heading reads as its title in the picker, and an area named after its space says it once", async ({ page }) => {
  await openFresh(page);
  const picker = page.getByLabel('Preset');
  for (const id of ['emmc-boot', 'sd-allwinner', 'sstar-nand']) {
    const title = (await picker.locator(`option[value="${id}"]`).innerText()).trim();
    await picker.selectOption(id);
    const heading = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
    expect(title.startsWith(heading), `${id}: "${heading}" vs "${title}"`).toBe(true);
  }
  await picker.selectOption('emmc-boot');
  const boot0 = page.locator('.area[data-area="boot0"] .area-label');
  await expect(boot0).toBeInViewport();
  // Before: "boot0" then "boot0 · 0x0–0x400000", the space's name repeating the area's.
  expect(await boot0.innerText()).toMatch(/^boot0\s+0x0–0x400000 · 4 MiB/);
});
