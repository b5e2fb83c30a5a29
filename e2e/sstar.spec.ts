/**
 * SigmaStar on the page: the SPI-NAND preset's IPL copies and spare blocks on the map, more spare
 * blocks moving what follows, UBI volumes that no longer fit, and the SDK's files downloaded:
 * partition.config, the burn scripts, and PARTINFO.pni byte for byte as pnigenerator writes it
 * for the same layout (the codec's drop-in run with the command line image.mk would give it).
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { emitPni, parsePniArgs, pniFromArgs } from '../src/codecs/pni';
import { test, expect, openFresh } from './fixtures';
import { offsetOf, tableRow } from './map';

const CONFIGS = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/corpus/sstar/configs');

/**
 * pnigenerator's command line for the preset with 3 spare blocks after each IPL copy, as image.mk
 * builds it from PurPle-Pi R1's 128M config: -t "$(cis$(PATSIZE))(CIS),$(cis$(BOOTTAB))" -y "$(cis$(SYSTAB))".
 */
const PNI_ARGV = [
  ...['-s', '64', '-p', '2048', '-b', '64', '-k', '1024', '-u', '8', '-l', '0x20000'],
  ...['-t', '0x140000(CIS),0x20000@0x140000(IPL0)3,0x20000(IPL1)3,0x20000(IPL_CUST0)2,0x20000(IPL_CUST1)2,0x40000(UBOOT0)4,0x40000(UBOOT1)4,0x20000(ENV0)1,0x20000(ENV1)1'],
  ...['-y', '0x20000(KEY_CUST),0x60000(LOGO),0x500000(KERNEL),0x500000(RECOVERY),-(UBI)'],
  ...['-o', 'PARTINFO.pni'],
];

test('SPI-NAND: spare blocks drawn and moving the partitions after them, UBI volumes overflowing, the SDK files exported', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Preset').selectOption('sstar-nand');
  const map = page.getByRole('region', { name: 'Flash map' });
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText('passes every rule');

  // IPL0 and IPL1, each a block and its 2 spare blocks, drawn where PNI puts them.
  await expect(map.locator('.segment.spare[title^="IPL0: spare blocks 0x160000–0x1A0000"]')).toBeVisible();
  await expect(map.locator('.segment.copy[title^="IPL1: backup copy of IPL at 0x1A0000"]')).toBeVisible();
  await expect(map.locator('.segment.spare[title^="IPL1: spare blocks 0x1C0000–0x200000"]')).toBeVisible();
  // The volumes inside UBI.
  for (const name of ['rootfs', 'miservice', 'customer', 'appconfigs']) await expect(map.getByRole('button', { name: new RegExp(`^volume ${name},`) })).toBeVisible();
  expect(await offsetOf(page, 'KERNEL')).toBe(42 * 0x20000);

  // One more spare block after each IPL copy: everything after IPL moves by two blocks.
  await tableRow(page, 'IPL').click();
  const editor = page.getByRole('region', { name: 'Partition' });
  const spare = editor.getByLabel('Spare blocks');
  await spare.fill('3');
  await spare.press('Enter');
  await expect(map.locator('.segment.spare[title^="IPL0: spare blocks 0x160000–0x1C0000"]')).toBeVisible();
  await expect.poll(() => offsetOf(page, 'IPL_CUST')).toBe(18 * 0x20000);
  expect(await offsetOf(page, 'KERNEL')).toBe(44 * 0x20000);

  // customer grows to 20 MiB: the volumes need more LEBs than UBI has.
  await map.getByRole('button', { name: /^volume customer,/ }).click();
  const size = editor.getByLabel('Size', { exact: true });
  await size.fill('20M');
  await size.press('Enter');
  await expect(problems).toContainText(/the volumes of "UBI" need 961 LEBs but it has 876/);
  await expect(map.getByRole('button', { name: /^volume appconfigs,.*does not fit/ })).toBeVisible();

  const panel = page.getByRole('region', { name: 'Import and export' });
  const download = async (name: RegExp) => {
    const [file] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name }).click()]);
    return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile((await file.path())!)) };
  };

  const pni = await download(/^Export PARTINFO\.pni/);
  expect(pni.name).toBe('PARTINFO.pni');
  expect(pni.bytes).toEqual(emitPni(pniFromArgs(parsePniArgs(PNI_ARGV)).pni));

  const config = new TextDecoder().decode((await download(/^Export partition\.config/)).bytes);
  expect(config).toContain('ipl$(BKCOUNT) = 3\n');
  expect(config).toContain('ipl$(MTDPART) = $(ipl$(DATASIZE))@$(cis$(PATSIZE))(IPL0)$(ipl$(BKCOUNT)),$(ipl$(DATASIZE))(IPL1)$(ipl$(BKCOUNT))\n');
  expect(config).toContain('customer$(PATSIZE) = 0x1400000\n');

  const scripts = unzipSync((await download(/^Export Burn scripts/)).bytes);
  const text = (path: string) => new TextDecoder().decode(scripts[path]);
  expect(text('images/scripts/[[set_partition.es')).toContain('\n ubi create customer 0x1400000\n');
  expect(text('images/scripts/[[ipl.es')).toContain('nand write.e 0x21000000 IPL1 ${filesize}\n');
  expect(scripts['images/boot/PARTINFO.pni']).toEqual(pni.bytes);
});

test('a partition.config that tests FLASH_SIZE: read with the first value, the other offered as a re-import', async ({ page }) => {
  await openFresh(page);
  const panel = page.getByRole('region', { name: 'Import and export' });
  await panel.getByLabel('Import file').setInputFiles(resolve(CONFIGS, 'tdautc19841202-IPC_i6b0_nor.squashfs.partition.config'));
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('taking FLASH_SIZE = 16M');
  expect(await offsetOf(page, 'rootfs')).toBe(0x250000);
  const notice = page.locator('.notice').filter({ hasText: 'leaves values open' });
  await expect(notice).toContainText('FLASH_SIZE = 16M');
  await notice.getByRole('button', { name: 'Read with FLASH_SIZE = (none of these)' }).click();
  // The else branch: kernel 0x180000, so rootfs follows at 0x1D0000.
  await expect.poll(() => offsetOf(page, 'rootfs')).toBe(0x1d0000);
});
