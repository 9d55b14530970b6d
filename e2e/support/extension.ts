/**
 * Playwright fixtures that start Debian's headless Chromium with the built
 * extension from dist/ loaded, and expose its id and service worker.
 *
 * @example
 *   import { test, expect } from '../support/extension';
 *   test('x', async ({ context, extensionId }) => { ... });
 */
import { test as base, chromium, type BrowserContext, type Worker } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built extension under test: dist/, or GLIMPSE_DIST (a private build, so parallel builds of dist/ can't change it mid-run). */
export const DIST = resolve(process.env.GLIMPSE_DIST ?? 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** Extra Chromium flags, e.g. the SwiftShader WebGPU pair. */
  args?: string[];
  /** Another built extension folder (e.g. a copy with a file removed); default dist/. */
  dist?: string;
}

export const WEBGPU_SWIFTSHADER_ARGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];

/** Starts Chromium with the extension; returns the context and the extension's service worker. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<{ context: BrowserContext; serviceWorker: Worker; extensionId: string; close: () => Promise<void> }> {
  const dist = options.dist ?? DIST;
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`no built extension in ${dist}: run npm run build`);
  const userDir = await mkdtemp(join(tmpdir(), 'glimpse-e2e-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(options.args ?? []),
    ],
  });
  let serviceWorker = context.serviceWorkers()[0];
  if (!serviceWorker) serviceWorker = await context.waitForEvent('serviceworker');
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    serviceWorker,
    extensionId,
    close: async () => {
      await context.close();
      await rm(userDir, { recursive: true, force: true });
    },
  };
}

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
