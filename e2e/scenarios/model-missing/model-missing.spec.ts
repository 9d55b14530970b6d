/**
 * A copy of Glimpse whose trained model is damaged (its folder lost
 * config.json) describes nothing: there is no random-weights model to fall
 * back to, every image gets a plain-words 'model-missing' answer, and the
 * popup says what is wrong. The build itself refuses to produce such a copy
 * (vite.config.ts), so the test damages a copy of dist/.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { DIST, launchWithExtension } from '../../support/extension';
import { serveStatic } from '../../support/static-server';
import { waitForAudit } from '../../support/image-audit';
import { engineAnswered } from '../../../src/shared/audit';

test('without the trained model nothing is described, and the popup says so in words', async () => {
  expect(existsSync(join(DIST, 'models', 'tiny-random')), 'the random-weights test model is not shipped').toBe(false);
  expect(existsSync(join(DIST, 'models', 'glimpse-captioner', 'config.json'))).toBe(true);
  const damaged = await mkdtemp(join(tmpdir(), 'glimpse-damaged-'));
  const server = await serveStatic(['e2e/scenarios/describe-photos']);
  try {
    await cp(DIST, damaged, { recursive: true });
    await rm(join(damaged, 'models', 'glimpse-captioner', 'config.json'));
    const browser = await launchWithExtension({ dist: damaged });
    try {
      const page = await browser.context.newPage();
      const url = `${server.origin}/index.html?images=${server.origin}`;
      await page.goto(url);
      const report = await waitForAudit(browser.serviceWorker, url, (r) => r.rows.length === 3 && r.rows.every(engineAnswered), undefined, 60_000);
      for (const row of report.rows) {
        expect(row.description).toBeNull();
        expect(row.label).toBeNull();
        expect(row.descriptionError).toMatch(/trained captioning model is missing from this copy of Glimpse.*never uses stand-in weights/);
      }
      expect(await page.locator('img[alt]').count()).toBe(0);
      const popup = await browser.context.newPage();
      await popup.goto(`chrome-extension://${browser.extensionId}/src/ui/popup.html`);
      await expect(popup.locator('#engine')).toHaveText(/^Caption engine: error — The trained captioning model is missing from this copy of Glimpse/);
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
    await rm(damaged, { recursive: true, force: true });
  }
});
