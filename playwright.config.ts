import { defineConfig } from '@playwright/test';

// Playwright's own browser download does not work here: drive Debian's chromium instead.
const executablePath = process.env.FLASHMAP_CHROMIUM ?? '/usr/bin/chromium';
const port = Number(process.env.FLASHMAP_E2E_PORT ?? 4173);
const ALONE = '**/image-stream.spec.ts';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  outputDir: 'test-results',
  projects: [
    { name: 'editor', testIgnore: ALONE },
    // Long-task watches measure wall time: they run after the rest, with no other browser on the cores.
    { name: 'alone', testMatch: ALONE, dependencies: ['editor'] },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    // The e2e tests run against the production build, as users get it.
    command: `npx vite build --logLevel warn && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
