/**
 * Every format the page reads, from real files where ../shared has them (the ESP-IDF, Arduino and
 * SigmaStar conformance cases and the vendor corpus, an environment made by mkenvimage) and
 * otherwise from the files the page itself wrote: dropped on the page or pasted, the layout shows,
 * and the same format exported back gives the file again (or, where the writer normalises, the
 * same layout once more). A broken file
 * changes nothing; a successful import is one Undo step; two readings and a .wks's open values
 * are asked in a dialog.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect, openFresh } from './fixtures';
import { tableRow, offsetOf } from './map';
import { download, dropFile, exportPanel, pasteText, savedLayout, status } from './export-helpers';
import { findFormat } from '../src/formats/registry';
import { exportFile, importFile } from '../src/formats/files';
import { familyOf } from '../src/families';
import { place } from '../src/layout/place';
import { serializeDocument, type LayoutDocument } from '../src/model/document';
import { findPreset } from '../src/presets';

const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared');
const shared = (path: string) => new Uint8Array(readFileSync(resolve(SHARED, path)));

/** The partition names of a layout, in placement order, as the engine reads the file. */
function namesOf(document: LayoutDocument): string[] {
  return place(document, familyOf(document)).partitions.map((p) => p.partition.name);
}

async function expectRows(page: Page, names: string[]): Promise<void> {
  await expect(page.getByRole('table', { name: 'Partitions' }).locator('tbody tr')).toHaveCount(names.length);
  for (const name of names) await expect(tableRow(page, name)).toBeVisible();
}

async function exportBack(page: Page, formatId: string): Promise<Uint8Array> {
  return (await download(page, exportPanel(page).getByRole('button', { name: `Export ${findFormat(formatId)!.title}`, exact: true }))).bytes;
}

/** Real files dropped on the page, exported back byte for byte. */
const REAL: Array<{ file: string; format: string; back?: string; refused?: boolean }> = [
  { file: 'conformance/esp32/cases/idf-two-ota/input.csv', format: 'esp32-csv', back: 'conformance/esp32/cases/idf-two-ota/expected.csv' },
  { file: 'conformance/esp32/cases/arduino-default/input.csv', format: 'esp32-csv', back: 'conformance/esp32/cases/arduino-default/expected.csv' },
  { file: 'conformance/esp32/cases/idf-singleapp/expected.bin', format: 'esp32-bin', back: 'conformance/esp32/cases/idf-singleapp/expected.bin' },
  { file: 'conformance/sstar/cases/mxp-doc-example/MXP_SF.bin', format: 'mxp', back: 'conformance/sstar/cases/mxp-doc-example/MXP_SF.bin' },
  { file: 'conformance/sstar/cases/pni-infinity6e-vendor-repro/PARTINFO.pni', format: 'pni', back: 'corpus/sstar/vendor-bin/infinity6e_PARTINFO.pni' },
  // Older generator generations: read as they are, and the rules say why they cannot be written again.
  { file: 'corpus/sstar/vendor-bin/PARTITION_v2_default.pni', format: 'pni', refused: true },
  { file: 'corpus/sstar/vendor-bin/infinity6_MXP_SF.bin', format: 'mxp', refused: true },
  { file: 'corpus/sstar/configs/xuxiaojiao-ssd202_i2m_spinand.ubifs.p2.partition.config', format: 'partition-config' },
  { file: 'corpus/sstar/configs/industio-PurPle-Pi-R1_i2m_nor.squashfs.p2.partition.config', format: 'partition-config' },
];

for (const { file, format, back, refused } of REAL) {
  test(`drop ${file.split('/').slice(-2).join('/')}: the layout shows, ${format} exported back`, async ({ page }) => {
    await openFresh(page);
    const name = file.split('/').pop()!;
    const bytes = shared(file);
    const current = (await savedLayout(page)).document;
    const expected = importFile(bytes, current, { fileName: name });
    if (!expected.ok) throw new Error(expected.message);
    await dropFile(page, name, bytes);
    await expect(status(page)).toContainText(`Imported ${name} as ${findFormat(format)!.title}`);
    await expectRows(page, namesOf(expected.document));
    if (refused) {
      await expect(exportPanel(page).getByRole('group', { name: 'Problems standing in the way of exports' })).toBeVisible();
      await exportPanel(page).getByRole('button', { name: `Export ${findFormat(format)!.title}`, exact: true }).click();
      await expect(status(page)).toContainText(`${findFormat(format)!.title} was not exported: the layout has`);
      return;
    }
    const exported = await exportBack(page, format);
    if (back) expect(exported).toEqual(shared(back));
    else {
      // The writer normalises (comments, order), so read what it wrote: the same layout again.
      const again = importFile(exported, current, { fileName: name });
      expect(again.ok && again.document.partitions).toEqual(expected.document.partitions);
    }
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(tableRow(page, 'KERNEL')).toBeVisible();
  });
}

/** Formats without real files in ../shared: the page's own export of a preset, dropped on another layout. */
const OWN: Array<[string, string]> = [
  ['emmc-boot', 'emmc-sfdisk'],
  ['emmc-boot', 'emmc-disk-table'],
  ['sd-allwinner', 'emmc-wks'],
  ['qemu-nor', 'nor-dts'],
  ['sstar-nand', 'mtdparts'],
];

for (const [presetId, formatId] of OWN) {
  test(`${formatId} written by the page for ${presetId}, dropped on another layout, reads back`, async ({ page }) => {
    await openFresh(page);
    await page.getByLabel('Preset').selectOption(presetId);
    const written = await exportBack(page, formatId);
    const { document } = await savedLayout(page);
    await page.getByLabel('Preset').selectOption(presetId.startsWith('sstar') ? 'sstar-nand-256' : 'esp32-ota');
    await dropFile(page, `dropped.${findFormat(formatId)!.extension}`, written);
    await expect(status(page)).toContainText(`as ${findFormat(formatId)!.title}`);
    const expected = importFile(written, (await savedLayout(page)).document);
    if (!expected.ok) throw new Error(expected.message);
    await expectRows(page, namesOf(expected.document));
    expect(namesOf(expected.document).filter((n) => namesOf(document).includes(n)).length).toBeGreaterThan(0);
    // Exported back: what the engine writes for the layout the page now holds.
    const now = exportFile((await savedLayout(page)).document, formatId);
    expect(now.ok && (await exportBack(page, formatId))).toEqual(now.ok && now.file.bytes);
  });
}

test('pasted text imports with Ctrl+V on the page; in a field it is only pasted', async ({ page }) => {
  await openFresh(page);
  const csv = new TextDecoder().decode(shared('conformance/esp32/cases/idf-two-ota/input.csv'));
  await pasteText(page, csv);
  await expect(status(page)).toContainText('Imported the pasted text as ESP-IDF partition table (CSV)');
  expect(await offsetOf(page, 'ota_1')).toBe(0x210000);
  // Pasting into the partition name field is ordinary typing, not an import.
  await tableRow(page, 'nvs').click();
  const name = page.getByRole('region', { name: 'Partition' }).getByLabel('Name', { exact: true });
  await name.fill('');
  await name.focus();
  await page.evaluate(() => navigator.clipboard.writeText('nvs2'));
  await page.keyboard.press('Control+V');
  await expect(name).toHaveValue('nvs2');
  await expect(tableRow(page, 'ota_1')).toBeVisible();
});

test('text that two formats read: the user picks the reading, Cancel changes nothing', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  const dialog = page.getByRole('dialog', { name: 'Which format is the pasted text?' });
  await pasteText(page, '64k(nvs),1,2,0x9000,16K');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(status(page)).toContainText('the layout is unchanged');
  await expect(tableRow(page, 'ota_1')).toBeVisible();

  await pasteText(page, '64k(nvs),1,2,0x9000,16K');
  await dialog.getByRole('button', { name: 'Read as mtdparts' }).click();
  await expect(status(page)).toContainText('Imported the pasted text as mtdparts');
  await expectRows(page, ['nvs', 'Partition_001', 'Partition_002', 'Partition_003', 'Partition_004']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(tableRow(page, 'ota_1')).toBeVisible();
});

test('a .wks with a bitbake variable: its value asked in a dialog, the layout placed with it', async ({ page }) => {
  await openFresh(page);
  const wks = [
    '# meta-freescale style: the boot image at IMX_BOOT_SEEK KiB, outside the table',
    'part u-boot --source rawcopy --sourceparams="file=${IMAGE_BOOTLOADER}" --ondisk mmcblk --no-table --align ${IMX_BOOT_SEEK}',
    'part /boot --source bootimg_partition --ondisk mmcblk --fstype=vfat --label boot --active --align 8192 --fixed-size 64',
    'part / --source rootfs --ondisk mmcblk --fstype=ext4 --label root --align 8192 --fixed-size 512',
    'bootloader --ptable msdos',
    '',
  ].join('\n');
  await dropFile(page, 'imx-boot.wks', new TextEncoder().encode(wks));
  const dialog = page.getByRole('dialog', { name: 'imx-boot.wks needs values it does not hold' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('--align on line 2: where wic puts the partitions depends on it');
  await expect(tableRow(page, 'KERNEL')).toBeVisible();
  await dialog.getByLabel('IMX_BOOT_SEEK').fill('33');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(status(page)).toContainText('Imported imx-boot.wks as Yocto wic kickstart (.wks)');
  // wic: --align 33 KiB puts u-boot at sector 66; boot and root on 8 MiB boundaries.
  expect(await offsetOf(page, 'u-boot')).toBe(66 * 512);
  expect(await offsetOf(page, 'boot')).toBe(8 * 1024 * 1024);
  expect(await offsetOf(page, 'root')).toBe(72 * 1024 * 1024);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(tableRow(page, 'KERNEL')).toBeVisible();
});

test('truncated binaries (ESP32 table, MXP_SF.bin, PARTINFO.pni) and a CSV with a bad line: the error with its place, the layout and the history unchanged', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  const before = (await savedLayout(page)).saved;
  const undo = page.getByRole('button', { name: 'Undo' });
  // 100 bytes: three whole 32-byte entries, then 4 bytes of a fourth at 0x60 (gen_esp32part.py's words for it).
  const truncated = shared('conformance/esp32/cases/idf-two-ota/expected.bin').subarray(0, 100);
  await dropFile(page, 'partitions.bin', truncated);
  await expect(status(page)).toHaveText('partitions.bin was not imported: byte offset 0x60: Partition table length must be a multiple of 32 bytes: the file is truncated at 0x64, 4 bytes into the entry at 0x60');
  await dropFile(page, 'MXP_SF.bin', shared('conformance/sstar/cases/mxp-doc-example/MXP_SF.bin').subarray(0, 0x800));
  await expect(status(page)).toHaveText('MXP_SF.bin was not imported: byte offset 0x800: an MXP table is 4096 bytes (30 records of 136 bytes and 16 bytes of 0xFF), but the input ends at 0x800: the file is truncated');
  // A PARTINFO.pni has no magic: its header and checksum say what it is, cut after 0x64 bytes.
  await dropFile(page, 'PARTINFO.pni', shared('conformance/sstar/cases/pni-doc-example/PARTINFO.pni').subarray(0, 0x64));
  await expect(status(page)).toHaveText('PARTINFO.pni was not imported: byte offset 0x64: a PNI is 512 bytes (a 16-byte header and 62 records of 8 bytes), but the input ends at 0x64: the file is truncated');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const csv = new TextDecoder().decode(shared('conformance/esp32/cases/idf-two-ota/input.csv')).replace(/(factory,\s+app,\s+factory,\s+,\s+)1M/, '$11Q');
  await dropFile(page, 'partitions.csv', new TextEncoder().encode(csv));
  await expect(status(page)).toContainText(/partitions\.csv was not imported: line \d+, column \d+: /);
  expect((await savedLayout(page)).saved).toEqual(before);
  // The preset was the one step: one Undo goes back past it, so nothing was recorded after it.
  await undo.click();
  await expect(tableRow(page, 'KERNEL')).toBeVisible();
});

test('a U-Boot environment image made by mkenvimage, dropped on a layout with an env partition, exports back the same bytes', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'flashmap-e2e-env-'));
  try {
    writeFileSync(join(dir, 'env.txt'), 'bootdelay=2\nbootcmd=run distro_bootcmd\nconsole=ttyS0,115200\n');
    const made = spawnSync('/usr/bin/mkenvimage', ['-s', '0x4000', '-o', join(dir, 'uboot.env'), join(dir, 'env.txt')], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const image = new Uint8Array(readFileSync(join(dir, 'uboot.env')));
    await openFresh(page);
    const preset = findPreset('emmc-boot')!.build();
    const layout = { ...preset, partitions: [...preset.partitions, { id: 'uboot-env', name: 'uboot-env', area: 'user', offset: 'auto' as const, size: 0x4000, align: 8 * 1024 * 1024, kind: 'env' as const }] };
    await dropFile(page, 'with-env.flashmap.json', new TextEncoder().encode(serializeDocument(layout)));
    await expect(tableRow(page, 'uboot-env')).toBeVisible();
    await dropFile(page, 'uboot.env', image);
    await expect(status(page)).toContainText('Imported uboot.env as U-Boot environment image (mkenvimage)');
    const env = (await savedLayout(page)).document.partitions.find((p) => p.name === 'uboot-env')?.env;
    expect(env?.variables).toEqual([
      { name: 'bootdelay', value: '2' },
      { name: 'bootcmd', value: 'run distro_bootcmd' },
      { name: 'console', value: 'ttyS0,115200' },
    ]);
    expect(await exportBack(page, 'uboot-env')).toEqual(image);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
