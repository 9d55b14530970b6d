/**
 * Playwright fixtures that start Debian's headless Chromium with the built
 * extension from dist/ loaded, and expose its id and service worker.
 *
 * @example
 *   import { test, expect } from '../support/extension';
 *   test('x', async ({ context, extensionId }) => { ... });
 */
import { test as base, type BrowserContext, type Worker } from '@playwright/test';
import { launchWithExtension } from '../../scripts/lib/launch-extension';

export { CHROMIUM, DIST, launchWithExtension, WEBGPU_SWIFTSHADER_ARGS, type LaunchOptions } from '../../scripts/lib/launch-extension';

export const test = base.extend<{ context: BrowserContext; extensionId: string; serviceWorker: Worker }>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const launched = await launchWithExtension();
    await use(launched.context);
    await launched.close();
  },
  serviceWorker: async ({ context }, use) => {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(sw);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
});

export const expect = test.expect;
