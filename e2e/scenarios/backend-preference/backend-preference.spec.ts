/**
 * Scenario: the options' backend preference reaches the engine. The browser
 * has a WebGPU adapter (SwiftShader), so the default ('auto') would caption on
 * WebGPU (see describe-photos); with the preference set to WASM the engine
 * must load the model on WASM and every caption must say so.
 */
import { test, expect } from '@playwright/test';
import { launchWithExtension, WEBGPU_SWIFTSHADER_ARGS } from '../../support/extension';
import { engineStatus, waitForDescriptions } from '../../support/engine-probe';
import { setSettings } from '../../support/labels';
import { serveStatic } from '../../support/static-server';

const PHOTOS = 'e2e/scenarios/describe-photos';

test('with a WebGPU adapter present, the WASM preference makes the engine caption on WASM', async () => {
  test.setTimeout(10 * 60_000);
  const server = await serveStatic([PHOTOS]);
  const { context, serviceWorker, extensionId, close } = await launchWithExtension({ args: WEBGPU_SWIFTSHADER_ARGS });
  try {
    await setSettings(serviceWorker, { backend: 'wasm' });
    const page = await context.newPage();
    await page.goto(`${server.origin}/index.html?images=${encodeURIComponent(server.origin)}`);
    const described = await waitForDescriptions(serviceWorker, page.url(), 3, 8 * 60_000);
    for (const record of described) {
      const outcome = record.description;
      if (!outcome?.ok) throw new Error(`${record.src}: ${JSON.stringify(outcome)}`);
      expect(outcome.backend, record.src ?? '').toBe('wasm');
    }
    expect(await engineStatus(context, extensionId)).toMatchObject({ state: 'ready', backend: 'wasm', error: null });
  } finally {
    await close();
    await server.close();
  }
});
