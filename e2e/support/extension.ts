/**
 * Playwright fixtures that start Debian's headless Chromium with the built
 * extension from dist/ loaded, and expose its id and service worker. Every
 * scenario on them also watches the extension renderer (the engine document
 * and its workers): its peak resident memory is printed at the end and must
 * stay under {@link ENGINE_PEAK_LIMIT_MB}.
 *
 * @example
 *   import { test, expect } from '../support/extension';
 *   test('x', async ({ context, extensionId }) => { ... });
 */
import { test as base, type BrowserContext, type Worker } from '@playwright/test';
import { launchWithExtension } from '../../scripts/lib/launch-extension';
import { browserPid, matchingRssKb } from '../../scripts/lib/process-memory';

export { CHROMIUM, DIST, launchWithExtension, WEBGPU_SWIFTSHADER_ARGS, type LaunchOptions } from '../../scripts/lib/launch-extension';

export const test = base.extend<{ context: BrowserContext; extensionId: string; serviceWorker: Worker }>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const launched = await launchWithExtension();
    const pid = browserPid(launched.userDir);
    let peakKb = 0;
    const sample = (): void => {
      try {
        if (pid !== null) peakKb = Math.max(peakKb, matchingRssKb(pid, /--extension-process/));
      } catch {
        // A process ended between listing and reading it.
      }
    };
    const sampler = setInterval(sample, 250);
    await use(launched.context);
    clearInterval(sampler);
    sample();
    await launched.close();
    const peakMb = Math.round(peakKb / 1024);
    console.log(`engine peak RSS: ${peakMb} MB`);
    expect(peakMb, 'the extension renderer\'s peak resident memory, MB').toBeLessThan(ENGINE_PEAK_LIMIT_MB);
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

/**
 * Bound on the engine's peak RSS in a scenario: a page of photos peaks at
 * about 510 MB (BENCHMARKS.md "Engine memory"); a leak, such as an SVG whose
 * nested <use> fan-out grew the renderer by 100 MB a second, passes it.
 */
export const ENGINE_PEAK_LIMIT_MB = 1500;
