/// <reference lib="dom" />
/**
 * `npx tsx scripts/screenshots.ts [suffix]`: builds the app, serves it, and saves the ESP32 two-OTA
 * preset and the SigmaStar SPI-NAND preset at 1440×900 and 800×700 into docs/screenshots/
 * (`<preset>-<width>x<height>[-suffix].png`), for the issues' before/after notes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium } from '@playwright/test';

const CHROMIUM = process.env.FLASHMAP_CHROMIUM ?? '/usr/bin/chromium';
const PRESETS = [
  { id: 'esp32-ota', file: 'esp32-two-ota' },
  { id: 'sstar-nand', file: 'sstar-nand' },
];
const SIZES = [
  { width: 1440, height: 900 },
  { width: 800, height: 700 },
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`preview server did not start at ${url}`);
}

const suffix = process.argv[2] ? `-${process.argv[2]}` : '';
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) throw new Error('vite build failed');
const port = await freePort();
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
const url = `http://127.0.0.1:${port}/`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
try {
  await waitForServer(url);
  mkdirSync('docs/screenshots', { recursive: true });
  for (const size of SIZES) {
    for (const preset of PRESETS) {
      const page = await browser.newPage({ viewport: size });
      await page.goto(url);
      await page.getByRole('combobox', { name: 'Preset' }).selectOption(preset.id);
      await page.waitForTimeout(300);
      const path = `docs/screenshots/${preset.file}-${size.width}x${size.height}${suffix}.png`;
      await page.screenshot({ path });
      console.log(`written ${path}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  if (server.pid) process.kill(-server.pid);
}
