/// <reference lib="dom" />
/**
 * `npx tsx scripts/screenshots.ts [suffix]`: builds the app, serves it, and saves the ESP32 two-OTA
 * preset and the SigmaStar SPI-NAND preset at 1440×900 and 800×700 into docs/screenshots/
 * (`<preset>-<width>x<height>[-suffix].png`), for the issues' before/after notes.
 */
import { mkdirSync } from 'node:fs';
import { withServedApp } from './served-app';

const PRESETS = [
  { id: 'esp32-ota', file: 'esp32-two-ota' },
  { id: 'sstar-nand', file: 'sstar-nand' },
];
const SIZES = [
  { width: 1440, height: 900 },
  { width: 800, height: 700 },
];

const suffix = process.argv[2] ? `-${process.argv[2]}` : '';
await withServedApp(async (url, browser) => {
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
});
