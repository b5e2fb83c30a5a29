import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'app/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // A beforeAll may install a Debian oracle with apt-get when a test file runs alone (outside npm test).
    hookTimeout: 600_000,
  },
});
