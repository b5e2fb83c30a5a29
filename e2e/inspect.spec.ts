/**
 * The image inspector, driven like a person: drop a GPT disk image made with sfdisk and a NOR
 * dump made with mkenvimage and mksquashfs, see the regions, open the hex view, turn the dump
 * into a layout and export it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openFresh } from './fixtures';
import { tableRow } from './map';

const MIB = 1024 * 1024;
/** Debian's tools (installed by npm test from src/test-support/oracle-packages.json). */
const sbin = (tool: string) => ['/usr/sbin', '/usr/bin', '/sbin', '/bin'].map((dir) => join(dir, tool)).find((path) => existsSync(path)) ?? tool;

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flashmap-inspect-e2e-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An 8 MiB GPT disk with two named partitions, written by sfdisk. */
function gptImage(): Uint8Array {
  const path = join(dir, 'disk.img');
  writeFileSync(path, new Uint8Array(8 * MIB));
  execFileSync(sbin('sfdisk'), ['-q', '--no-reread', '--no-tell-kernel', path], {
    input: 'label: gpt\nunit: sectors\nsector-size: 512\n\nstart=2048, size=4096, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="rootfs"\nstart=6144, size=2048, type=3DE21764-95BD-54BD-A5C3-4ABE786F38A8, name="env"\n',
  });
  return new Uint8Array(readFileSync(path));
}

/** A 4 MiB NOR dump, erased, with a U-Boot environment naming its mtdparts at 0x40000 and a squashfs at 1 MiB. */
function norDump(): Uint8Array {
  writeFileSync(join(dir, 'env.txt'), 'bootcmd=bootm 0x50000\nbootargs=console=ttyS0,115200 mtdparts=spi0.0:256k(boot),64k(env),704k(kernel),-(rootfs)\n');
  execFileSync(sbin('mkenvimage'), ['-s', '0x10000', '-o', join(dir, 'env.bin'), join(dir, 'env.txt')]);
  mkdirSync(join(dir, 'root/etc'), { recursive: true });
  writeFileSync(join(dir, 'root/etc/issue'), 'hello\n');
  execFileSync(sbin('mksquashfs'), [join(dir, 'root'), join(dir, 'root.sqfs'), '-noappend', '-all-root', '-quiet', '-no-progress']);
  const flash = new Uint8Array(4 * MIB).fill(0xff);
  flash.set(readFileSync(join(dir, 'env.bin')), 0x40000);
  flash.set(readFileSync(join(dir, 'root.sqfs')), 0x100000);
  return flash;
}

/** Drops a file on the page as a real DataTransfer; only the non-zero, non-erased 4 KiB blocks cross into the page. */
async function dropImage(page: Page, name: string, bytes: Uint8Array, fill: number): Promise<void> {
  const blocks: Array<[number, string]> = [];
  for (let at = 0; at < bytes.length; at += 4096) {
    const block = bytes.subarray(at, at + 4096);
    if (block.some((b) => b !== fill)) blocks.push([at, Buffer.from(block).toString('base64')]);
  }
  const transfer = await page.evaluateHandle(
    ([fileName, size, fillByte, pieces]) => {
      const data = new Uint8Array(size).fill(fillByte);
      for (const [at, base64] of pieces) data.set(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)), at);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], fileName, { type: 'application/octet-stream' }));
      return transfer;
    },
    [name, bytes.length, fill, blocks] as const,
  );
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
}

const inspector = (page: Page) => page.getByRole('dialog', { name: 'Image inspector' });
const region = (page: Page, label: RegExp) => inspector(page).getByRole('group', { name: 'Image regions' }).getByRole('button', { name: label });

test('a dropped GPT image opens in the inspector: its partitions, their evidence and their bytes', async ({ page }) => {
  await openFresh(page);
  await dropImage(page, 'disk.img', gptImage(), 0);
  await expect(inspector(page)).toBeVisible();
  await expect(region(page, /^gpt primary, 0x0–0x4400/)).toBeVisible();
  await expect(region(page, /^gpt-partition rootfs, 0x100000–0x300000, 2 MiB/)).toBeVisible();
  await expect(region(page, /^gpt-partition env, 0x300000–0x400000, 1 MiB/)).toBeVisible();
  await expect(region(page, /^zero, /).first()).toBeVisible();

  await region(page, /^gpt primary/).click();
  const details = inspector(page).getByRole('region', { name: 'Region details' });
  await expect(details).toContainText('diskGuid');
  await details.getByRole('button', { name: 'Show bytes' }).click();
  // The protective MBR: its 0xEE entry at 0x1C2 and the boot signature 55 AA at 0x1FE.
  await expect(details.getByLabel('Hex view')).toContainText(/000001c0 {2}[0-9a-f]{2} [0-9a-f]{2} ee /);
  await expect(details.getByLabel('Hex view')).toContainText(/000001f0 .* 55 aa {2}\|/);
  await inspector(page).getByRole('button', { name: 'Close' }).click();
  await expect(inspector(page)).toBeHidden();
  // Looking changed nothing: the layout is the one the page opened with.
  await expect(tableRow(page, 'KERNEL')).toBeVisible();
});

test('a NOR dump: its mtdparts regions, turned into a layout (one undoable step) and exported', async ({ page }) => {
  await openFresh(page);
  await dropImage(page, 'nor.bin', norDump(), 0xff);
  await expect(region(page, /^mtd-partition boot, 0x0–0x40000/)).toBeVisible();
  await expect(region(page, /^uboot-env, 0x40000–0x50000, 64 KiB/)).toBeVisible();
  await expect(region(page, /^squashfs, 0x100000–/)).toBeVisible();
  await expect(region(page, /^erased, /).first()).toBeVisible();

  await region(page, /^uboot-env/).click();
  const details = inspector(page).getByRole('region', { name: 'Region details' });
  await expect(details).toContainText('crc');
  await details.getByRole('button', { name: 'Show bytes' }).click();
  await expect(details.getByLabel('Hex view')).toContainText('bootcmd=boot|');

  await inspector(page).getByRole('button', { name: 'Edit as layout' }).click();
  await expect(inspector(page)).toBeHidden();
  for (const name of ['boot', 'env', 'kernel', 'rootfs']) await expect(tableRow(page, name)).toBeVisible();

  const panel = page.getByRole('region', { name: 'Import and export' });
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: /^Export Device tree fixed-partitions node/ }).click()]);
  const dts = await readFile((await download.path())!, 'utf8');
  expect(dts).toContain('label = "env";\n\t\treg = <0x40000 0x10000>;');
  expect(dts).toContain('label = "rootfs";\n\t\treg = <0x100000 0x300000>;');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(tableRow(page, 'KERNEL')).toBeVisible();
});
