/**
 * Every export of every preset, downloaded from the page: the bytes equal what the engine (the
 * code `flashmap convert` runs) makes of the layout the page saves, and for the ESP32 and
 * SigmaStar tables that are conformance cases, the reference tools' own files. Download all is
 * the engine's zip; the picture is escaped SVG, and its PNG is a real PNG. The Images group lists
 * every file the layout builds, each downloading the engine's bytes, refused while the layout has errors.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { test, expect, openFresh } from './fixtures';
import { PRESETS } from '../src/presets';
import { formatsFor } from '../src/formats/registry';
import { exportFile, failureText } from '../src/formats/files';
import { exportBundle } from '../src/formats/bundle';
import { imageFiles } from '../src/image/outputs';
import { download, exportPanel, savedLayout, status } from './export-helpers';
import { mapSegment } from './map';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONFORMANCE = resolve(ROOT, '../shared/conformance');

/** Layouts that are conformance cases: preset, format, the reference tool's file. */
const REFERENCE: Array<[string, string, string]> = [
  ['esp32-single', 'esp32-csv', 'esp32/cases/idf-singleapp/expected.csv'],
  ['esp32-single', 'esp32-bin', 'esp32/cases/idf-singleapp/expected.bin'],
  ['esp32-ota', 'esp32-csv', 'esp32/cases/idf-two-ota/expected.csv'],
  ['esp32-ota', 'esp32-bin', 'esp32/cases/idf-two-ota/expected.bin'],
  ['sstar-nor', 'mxp', 'sstar/cases/mxp-doc-example/MXP_SF.bin'],
];

for (const preset of PRESETS) {
  test(`preset ${preset.id}: every export downloads the engine's bytes, Download all the engine's zip`, async ({ page }) => {
    // A dozen downloads, the zip and a CLI run: on a loaded 2-core CI machine this takes over a minute.
    test.setTimeout(180_000);
    await openFresh(page);
    await page.getByLabel('Preset').selectOption(preset.id);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(preset.build().name);
    const { document, saved } = await savedLayout(page);
    const panel = exportPanel(page);
    const formats = formatsFor(document.device.family).filter((format) => format.export);
    expect(formats.length).toBeGreaterThan(2);
    for (const format of formats) {
      const expected = exportFile(document, format.id);
      const button = panel.getByRole('button', { name: `Export ${format.title}`, exact: true });
      if (!expected.ok) {
        // An export this layout cannot have (no environment partition): refused with the engine's words.
        await button.click();
        await expect(status(page)).toHaveText(`${format.title} was not exported: ${failureText(expected)}`);
        continue;
      }
      const file = await download(page, button);
      expect(file.name, format.id).toBe(expected.file.fileName);
      expect(file.bytes, format.id).toEqual(expected.file.bytes);
      for (const [id, formatId, reference] of REFERENCE) if (id === preset.id && formatId === format.id) expect(file.bytes, reference).toEqual(new Uint8Array(readFileSync(resolve(CONFORMANCE, reference))));
    }
    const zip = await download(page, panel.getByRole('button', { name: 'Download all' }));
    const bundle = await exportBundle(document);
    expect(zip.name).toBe(bundle.fileName);
    // The same files as the engine's zip; the layout document inside is the one Save gives.
    const entries = unzipSync(zip.bytes);
    const expectedEntries = unzipSync(bundle.bytes);
    expect(Object.keys(entries)).toEqual(Object.keys(expectedEntries));
    const layoutEntry = bundle.files[0].name;
    for (const name of Object.keys(entries)) if (name !== layoutEntry && name !== 'SHA256SUMS') expect(entries[name], name).toEqual(expectedEntries[name]);
    expect(entries[layoutEntry]).toEqual(saved);
    // Every line of the manifest is the SHA-256 of its file, as sha256sum -c checks it.
    const manifest = new TextDecoder().decode(entries.SHA256SUMS).trimEnd().split('\n');
    expect(manifest.map((line) => line.split('  ')[1])).toEqual(bundle.files.map((f) => f.name));
    for (const line of manifest) expect(createHash('sha256').update(entries[line.split('  ')[1]]).digest('hex')).toBe(line.split('  ')[0]);

    // The command line makes the same picture of the same saved layout.
    const dir = mkdtempSync(join(tmpdir(), 'flashmap-e2e-export-'));
    try {
      writeFileSync(join(dir, 'layout.flashmap.json'), JSON.stringify(document));
      const cli = spawnSync(process.execPath, [resolve(ROOT, 'bin/flashmap.js'), 'convert', join(dir, 'layout.flashmap.json'), '--to', 'layout-svg', '-o', join(dir, 'out.svg')], { encoding: 'utf8' });
      expect(cli.status, cli.stderr).toBe(0);
      expect(new Uint8Array(readFileSync(join(dir, 'out.svg')))).toEqual(entries[`${document.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '')}.layout.svg`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('the mxpgenerator env_merge variant of the SPI-NOR preset downloads the reference MXP_SF.bin', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('sstar-nor');
  await page.getByRole('region', { name: 'Device settings' }).getByRole('checkbox', { name: /env_merge/ }).check();
  const file = await download(page, exportPanel(page).getByRole('button', { name: /^Export MXP_SF\.bin/ }));
  expect(file.bytes).toEqual(new Uint8Array(readFileSync(resolve(CONFORMANCE, 'sstar/cases/mxp-doc-example-envmerge/MXP_SF.bin'))));
});

test('previews follow the layout: text as text, a binary as a hex view, the picture as an image; the listing copies', async ({ page }) => {
  await openFresh(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  const panel = exportPanel(page);
  await expect(panel.getByRole('region', { name: 'Tables' })).toContainText('ESP-IDF partition table (CSV)');
  await expect(panel.getByRole('region', { name: 'Binaries' })).toContainText('ESP-IDF partition table (binary)');
  await expect(panel.getByRole('region', { name: 'Scripts' })).toContainText('esptool.py flash commands');
  await expect(panel.getByRole('region', { name: 'Build-system snippets' })).toContainText('PlatformIO setting');

  await panel.getByRole('button', { name: 'Show ESP-IDF partition table (binary)' }).click();
  const hex = panel.getByLabel('ESP-IDF partition table (binary) preview');
  await expect(hex).toContainText('00000000  aa 50 01 02 00 90 00 00  00 40 00 00 6e 76 73 00  |.P.......@..nvs.|');
  await expect(hex).toContainText('00000c00');

  await panel.getByRole('button', { name: 'Show Layout as a text table' }).click();
  const listing = panel.getByLabel('Layout as a text table (like fdisk -l) preview');
  await expect(listing).toContainText(/ota_1\s+0x210000/);
  // A rename in the form shows in the previews without any other step.
  await mapSegment(page, 'ota_1').click();
  const name = page.getByRole('region', { name: 'Partition' }).getByLabel('Name', { exact: true });
  await name.fill('ota_9');
  await name.press('Enter');
  await expect(listing).toContainText(/ota_9\s+0x210000/);
  await expect(hex).toContainText('39 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |9...............|');

  await panel.getByRole('button', { name: 'Copy Layout as a text table' }).click();
  await expect(status(page)).toContainText('Copied Layout as a text table');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await listing.textContent());

  await panel.getByRole('button', { name: 'Show Picture of the layout' }).click();
  const picture = panel.getByRole('img', { name: 'Picture of the layout (SVG) preview' });
  await expect(picture).toBeVisible();
  expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(760);

  const png = await download(page, panel.getByRole('button', { name: 'Export PNG of the layout picture' }));
  expect(png.name).toBe('ESP32-Factory-app-two-OTA-definitions.layout.png');
  expect(Array.from(png.bytes.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.bytes.buffer, png.bytes.byteOffset);
  const svg = new TextDecoder().decode((await download(page, panel.getByRole('button', { name: 'Export Picture of the layout (SVG)' }))).bytes);
  const [, svgHeight] = /height="(\d+)"/.exec(svg)!;
  // The IHDR chunk: twice the picture's size.
  expect([view.getUint32(16), view.getUint32(20)]).toEqual([1520, 2 * Number(svgHeight)]);
});

test('a layout with errors: exports refused, the problems listed, a click selects the partition', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('esp32-ota');
  await mapSegment(page, 'ota_1').click();
  const form = page.getByRole('region', { name: 'Partition' });
  await form.getByRole('checkbox', { name: 'auto offset' }).uncheck();
  await form.getByLabel('Offset', { exact: true }).fill('0x200000');
  await form.getByLabel('Offset', { exact: true }).press('Enter');
  const panel = exportPanel(page);
  const blockers = panel.getByRole('group', { name: 'Problems standing in the way of exports' });
  await expect(blockers).toContainText('Exports are refused while the layout has an error');
  await panel.getByRole('button', { name: 'Show ESP-IDF partition table (CSV)' }).click();
  await expect(panel.locator('.export-error')).toContainText('the layout has 1 error to fix first');
  await panel.getByRole('button', { name: 'Export ESP-IDF partition table (CSV)' }).click();
  await expect(status(page)).toContainText('ESP-IDF partition table (CSV) was not exported: the layout has 1 error to fix first');
  await mapSegment(page, 'nvs').click();
  await blockers.getByRole('button', { name: /overlaps/ }).click();
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue(/ota_[01]/);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(blockers).toHaveCount(0);
});

/** The bytes the engine streams for one image file of the layout (no attached files: none are read). */
async function engineImage(document: Parameters<typeof imageFiles>[0], name: string): Promise<Uint8Array> {
  const file = imageFiles(document, () => undefined).files.find((f) => f.name === name)!;
  const parts: Uint8Array[] = [];
  for await (const chunk of file.stream()) parts.push(chunk.slice());
  return new Uint8Array(Buffer.concat(parts));
}

test('the Images group lists every file the layout builds, each downloads the engine\'s bytes; an error refuses them with the reason', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page);
  const { document } = await savedLayout(page);
  const group = exportPanel(page).getByRole('region', { name: 'Images' });
  const files = imageFiles(document, () => undefined).files;
  // The whole image, its bmap and sparse forms, the boot image and the partitions that hold bytes (MXPT).
  expect(files.map((f) => f.kind)).toEqual(expect.arrayContaining(['raw', 'bmap', 'sparse', 'boot', 'partition']));
  // A file whose size is not known before it is made (the bmap, the sparse image) goes to a file
  // the user picks: the save dialog, answered here with a file that keeps what is written.
  await page.evaluate(() => {
    const saved: Record<string, number[]> = {};
    (window as unknown as { saved: typeof saved }).saved = saved;
    (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async ({ suggestedName }: { suggestedName: string }) => ({
      createWritable: async () => ({
        write: async (chunk: Uint8Array) => void (saved[suggestedName] = [...(saved[suggestedName] ?? []), ...chunk]),
        close: async () => undefined,
        abort: async () => undefined,
      }),
    });
  });
  for (const file of files) {
    const row = group.getByRole('listitem').filter({ has: page.getByRole('button', { name: file.name, exact: true }) });
    await expect(row).toContainText(file.title);
    const button = row.getByRole('button', { name: file.name, exact: true });
    let bytes: Uint8Array;
    if (file.size === undefined) {
      await button.click();
      await expect(group.getByRole('status').last()).toContainText(`${file.name}: `);
      await expect(group.getByRole('status').last()).toContainText('saved, sha256');
      bytes = new Uint8Array(await page.evaluate((name) => (window as unknown as { saved: Record<string, number[]> }).saved[name], file.name));
    } else {
      const downloaded = await download(page, button);
      expect(downloaded.name).toBe(file.name);
      bytes = downloaded.bytes;
    }
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(await engineImage(document, file.name))), file.name).toBe(0);
  }

  // Two partitions of one name: the files stay listed, each refused with the exports' reason.
  await mapSegment(page, 'KERNEL').click();
  const name = page.getByRole('region', { name: 'Partition' }).getByLabel('Name', { exact: true });
  await name.fill('rootfs');
  await name.press('Enter');
  await expect(exportPanel(page).getByRole('group', { name: 'Problems standing in the way of exports' })).toContainText('2 partitions are named "rootfs"');
  await expect(group).toContainText('Images are not built: the layout has 1 error to fix first: 2 partitions are named "rootfs"');
  for (const file of files) await expect(group.getByRole('button', { name: file.name, exact: true })).toBeDisabled();
  await expect(group.getByRole('button', { name: 'Zip of the images and exports' })).toBeDisabled();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(group.getByRole('button', { name: files[0].name, exact: true })).toBeEnabled();
  await expect(group).not.toContainText('Images are not built');
});
