import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'app/**/*.test.ts'],
    environment: 'node',
    // The ESP32 codec's MD5 (hash-wasm) is compiled before any test runs.
    setupFiles: ['src/test-support/engine-setup.ts'],
    testTimeout: 30_000,
    // A beforeAll may install a Debian oracle with apt-get when a test file runs alone (outside npm test).
    hookTimeout: 600_000,
  },
});
