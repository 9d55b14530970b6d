/**
 * Starts Debian's headless Chromium with the built extension (dist/) loaded.
 * Used by the e2e fixtures, the audit CLI and the browser benchmarks.
 *
 * @example
 *   const { context, extensionId, close } = await launchWithExtension();
 */
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built extension: dist/, or GLIMPSE_DIST (a private build, so a parallel build of dist/ can't change it mid-run). */
export const DIST = resolve(process.env.GLIMPSE_DIST ?? 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium has WebGPU only through SwiftShader, and only with these flags. */
export const WEBGPU_SWIFTSHADER_ARGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];

export interface LaunchOptions {
  /** Extra Chromium flags, e.g. WEBGPU_SWIFTSHADER_ARGS. */
  args?: string[];
  /** Built extension folder; default dist/. */
  dist?: string;
}

export interface LaunchedExtension {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** The profile folder (removed by close); it names the browser process, for the memory benchmarks. */
  userDir: string;
  close: () => Promise<void>;
}

/** Chromium flags that load the built extension in `dist` (and only it), plus `extra`. */
export function extensionArgs(dist = DIST, extra: string[] = []): string[] {
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`no built extension in ${dist}: run npm run build`);
  return [
    '--no-sandbox',
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    // The machine's network is closed: background fetches would only fail noisily.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    ...extra,
  ];
}

/** The extension's service worker in a persistent context launched with extensionArgs. */
export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 90_000 }));
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<LaunchedExtension> {
  const dist = options.dist ?? DIST;
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`no built extension in ${dist}: run npm run build`);
  const userDir = await mkdtemp(join(tmpdir(), 'glimpse-chromium-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: extensionArgs(dist, options.args),
  });
  const serviceWorker = await extensionWorker(context);
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    serviceWorker,
    extensionId,
    userDir,
    close: async () => {
      await context.close();
      await rm(userDir, { recursive: true, force: true });
    },
  };
}
