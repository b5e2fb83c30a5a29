/** The partition form, driven as a person would: select, type, read the map and the table. */
import { test, expect, openFresh } from './fixtures';
import { mapSegment, tableRow } from './map';
import { findPreset } from '../src/presets';
import { familyOf, formatHex, updatePartition, type LayoutDocument } from '../src/index';
import { place } from '../src/layout/place';

const MiB = 1024 * 1024;

/** Where the engine places `name` in `document` (computed here, not read from the page). */
function placed(document: LayoutDocument, name: string) {
  const result = place(document, familyOf(document)).partitions.find((p) => p.partition.name === name);
  if (!result) throw new Error(`no partition ${name}`);
  return result;
}

function preset(id: string): LayoutDocument {
  return findPreset(id)!.build();
}

function partitionForm(page: import('@playwright/test').Page) {
  return page.getByRole('region', { name: 'Partition' });
}

test.beforeEach(async ({ page }) => {
  await openFresh(page);
});

test('selecting a partition on the map shows it in the form', async ({ page }) => {
  const document = preset('sstar-nor');
  const kernel = placed(document, 'KERNEL');
  await mapSegment(page, 'KERNEL').click();
  const form = partitionForm(page);
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('KERNEL');
  await expect(form.getByLabel('Offset', { exact: true })).toHaveValue(formatHex(kernel.start));
  await expect(form.getByLabel('Offset', { exact: true })).toHaveAttribute('readonly');
  await expect(form.getByRole('checkbox', { name: 'auto offset' })).toBeChecked();
  await expect(form.getByLabel('Size', { exact: true })).toHaveValue(formatHex(kernel.size));
  await expect(form.getByLabel('Size', { exact: true })).toHaveAccessibleDescription(/2 MiB/);
  await expect(form.getByLabel('Kind')).toHaveValue('kernel');

  // The table selects too, and the form follows.
  await tableRow(page, 'rootfs').click();
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('rootfs');
  await expect(form.getByLabel('Filesystem')).toHaveValue('squashfs');
});

test('a new size typed as 2M shows live, is recorded on Enter, and moves the next partitions', async ({ page }) => {
  const document = preset('sstar-nor');
  const edited = updatePartition(document, 'rootfs', { size: 2 * MiB });
  const rootfs = placed(edited, 'rootfs');
  const miservice = placed(edited, 'miservice');
  await mapSegment(page, 'rootfs').click();
  const size = partitionForm(page).getByLabel('Size', { exact: true });
  await size.fill('2M');
  // Live before it is recorded: the map shows it, Undo has nothing yet.
  await expect(mapSegment(page, 'rootfs')).toHaveAccessibleName(new RegExp(`^rootfs, ${formatHex(rootfs.start)}–${formatHex(rootfs.end)},`));
  await expect(size).toHaveAccessibleDescription(/0x200000 · 2 MiB/);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await size.press('Enter');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
  await expect(tableRow(page, 'rootfs').locator('[data-column=end]')).toHaveText(formatHex(rootfs.end));
  await expect(tableRow(page, 'miservice').locator('[data-column=offset]')).toContainText(formatHex(miservice.start));
  await expect(mapSegment(page, 'miservice')).toHaveAccessibleName(new RegExp(`^miservice, ${formatHex(miservice.start)}–`));
});

test('garbage in a field is refused at the field and the layout stays as it was', async ({ page }) => {
  const rootfs = placed(preset('sstar-nor'), 'rootfs');
  await mapSegment(page, 'rootfs').click();
  const size = partitionForm(page).getByLabel('Size', { exact: true });
  await size.fill('lots');
  await expect(size).toHaveAttribute('aria-invalid', 'true');
  await expect(size).toHaveAccessibleDescription(/"lots" is not a byte count/);
  await size.press('Tab');
  await expect(size).toHaveAccessibleDescription(/"lots" is not a byte count/);
  await expect(tableRow(page, 'rootfs').locator('[data-column=end]')).toHaveText(formatHex(rootfs.end));
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  // Escape puts the recorded value back.
  await size.fill('lots more');
  await size.press('Escape');
  await expect(size).toHaveValue(formatHex(rootfs.size));
  await expect(size).not.toHaveAttribute('aria-invalid', 'true');
});

test('a form edit is one undo step: buttons and Ctrl+Z / Ctrl+Shift+Z', async ({ page }) => {
  const before = placed(preset('sstar-nor'), 'miservice');
  const after = placed(updatePartition(preset('sstar-nor'), 'miservice', { size: 0x280000 }), 'miservice');
  const end = tableRow(page, 'miservice').locator('[data-column=end]');
  await mapSegment(page, 'miservice').click();
  const size = partitionForm(page).getByLabel('Size', { exact: true });
  await size.fill('0x28');
  await size.fill('0x2800');
  await size.fill('0x280000');
  await size.press('Enter');
  await expect(end).toHaveText(formatHex(after.end));

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(end).toHaveText(formatHex(before.end));
  await expect(size).toHaveValue(formatHex(before.size));
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(end).toHaveText(formatHex(after.end));
  await expect(size).toHaveValue(formatHex(after.size));

  // The shortcuts work once the focus has left the field.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+z');
  await expect(end).toHaveText(formatHex(before.end));
  await page.keyboard.press('Control+Shift+z');
  await expect(end).toHaveText(formatHex(after.end));
});

test('the "auto" switch fixes the offset where it is, and frees it again', async ({ page }) => {
  const kernel = placed(preset('sstar-nor'), 'KERNEL');
  const offsetCell = tableRow(page, 'KERNEL').locator('[data-column=offset]');
  await expect(offsetCell).toHaveText(`${formatHex(kernel.start)} auto`);
  await mapSegment(page, 'KERNEL').click();
  const form = partitionForm(page);
  const auto = form.getByRole('checkbox', { name: 'auto offset' });
  await auto.uncheck();
  await expect(offsetCell).toHaveText(formatHex(kernel.start));
  const offset = form.getByLabel('Offset', { exact: true });
  await expect(offset).not.toHaveAttribute('readonly');
  await offset.fill('0x60000');
  await offset.press('Enter');
  await expect(offsetCell).toHaveText('0x60000');
  await auto.check();
  await expect(offsetCell).toHaveText(`${formatHex(kernel.start)} auto`);
  await expect(offset).toHaveValue(formatHex(kernel.start));
});

test('free space on the map offers the family’s partitions, placed at its start', async ({ page }) => {
  await page.getByLabel('New layout').selectOption('nor');
  await page.getByRole('region', { name: 'Flash map' }).getByRole('button', { name: /^free space, 0x0–0x1000000,/ }).click();
  const form = partitionForm(page);
  await expect(form).toContainText('0x0–0x1000000');
  await expect(form).toContainText('16 MiB');
  await form.getByLabel('Add partition here').selectOption({ label: 'Kernel / FIT (4 MiB)' });
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('kernel');
  await expect(tableRow(page, 'kernel').locator('[data-column=offset]')).toContainText('0x0');
  await expect(tableRow(page, 'kernel').locator('[data-column=end]')).toHaveText(formatHex(4 * MiB));

  await form.getByRole('button', { name: 'Delete partition' }).click();
  await expect(page.getByRole('table', { name: 'Partitions' }).locator('tbody tr')).toHaveCount(0);
  await expect(form).toContainText('Select a partition');
});

test('a partition added to free space starts on its alignment and shrinks to fit', async ({ page }) => {
  await page.getByLabel('New layout').selectOption('esp32');
  const map = page.getByRole('region', { name: 'Flash map' });
  const form = partitionForm(page);
  // An app must start on 64 KiB: the first free byte after the table sector is 0x9000.
  await map.getByRole('button', { name: /^free space, 0x9000–0x400000,/ }).click();
  await form.getByLabel('Add partition here').selectOption({ label: 'App (factory) (1 MiB)' });
  await expect(tableRow(page, 'factory').locator('[data-column=offset]')).toHaveText('0x10000');
  await expect(tableRow(page, 'factory').locator('[data-column=end]')).toHaveText('0x110000');
  // 24 KiB of NVS fits the 28 KiB before it; a 1 MiB SPIFFS in the last 4 KiB is cut to 4 KiB.
  await map.getByRole('button', { name: /^free space, 0x9000–0x10000,/ }).click();
  await form.getByLabel('Add partition here').selectOption({ label: 'NVS (24 KiB)' });
  await expect(tableRow(page, 'nvs').locator('[data-column=end]')).toHaveText('0xF000');
  // 4 KiB is a sliver on the map: pick it with the keyboard.
  await map.getByRole('button', { name: /^free space, 0xF000–0x10000,/ }).focus();
  await page.keyboard.press('Enter');
  await form.getByLabel('Add partition here').selectOption({ label: 'SPIFFS (1 MiB)' });
  await expect(tableRow(page, 'spiffs').locator('[data-column=offset]')).toHaveText('0xF000');
  await expect(tableRow(page, 'spiffs').locator('[data-column=size]')).toContainText('0x1000');
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('passes every rule');
});

test('ESP32 type and subtype accept names and numbers; the kind follows them', async ({ page }) => {
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await tableRow(page, 'nvs').click();
  const form = partitionForm(page);
  await expect(form.getByLabel('ESP32 type')).toHaveValue('data');
  await expect(form.getByLabel('ESP32 subtype')).toHaveValue('nvs');
  const subtype = form.getByLabel('ESP32 subtype');
  await subtype.fill('spiffs');
  await subtype.press('Enter');
  await expect(tableRow(page, 'nvs').locator('[data-column=kind]')).toHaveText('filesystem');
  await subtype.fill('0x40');
  await subtype.press('Enter');
  await expect(tableRow(page, 'nvs').locator('[data-column=kind]')).toHaveText('data');
  await subtype.fill('ota_0');
  await expect(subtype).toHaveAccessibleDescription(/not a subtype of data/);
  await expect(form.getByRole('checkbox', { name: 'Read-only' })).not.toBeChecked();
});

test('eMMC partitions show their MBR or GPT entry', async ({ page }) => {
  await page.getByLabel('Preset').selectOption('sd-allwinner');
  await tableRow(page, 'boot').click();
  const form = partitionForm(page);
  await expect(form.getByLabel('MBR type')).toHaveValue('0x0c');
  await expect(form.getByLabel('MBR type')).toHaveAccessibleDescription('FAT32 (LBA)');
  await expect(form.getByRole('checkbox', { name: 'Bootable' })).toBeChecked();
  await expect(form.getByLabel('GPT type GUID')).toHaveCount(0);

  await page.getByLabel('Preset').selectOption('emmc-boot');
  await tableRow(page, 'root').click();
  const guid = form.getByLabel('GPT type GUID');
  await expect(guid).toHaveValue('0FC63DAF-8483-4772-8E79-3D69D8477DE4');
  await expect(guid).toHaveAccessibleDescription('Linux filesystem');
  await guid.fill('E6D6D379-F507-44C2-A23C-238F2A3DF928');
  await guid.press('Enter');
  await expect(guid).toHaveAccessibleDescription('Linux LVM');
  await expect(form.getByLabel('MBR type')).toHaveCount(0);
});
