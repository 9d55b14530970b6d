import { defineConfig } from '@playwright/test';

// e2e runs against the BUILT extension in dist/ (npm run test:e2e builds first),
// in Debian's headless Chromium. One worker: the machine has 2 cores, and each
// test starts its own browser with the extension loaded.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? 'list' : [['list']],
  retries: 0,
});
