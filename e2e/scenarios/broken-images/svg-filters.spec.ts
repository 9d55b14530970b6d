/**
 * SVG filter bombs, in the built extension: ten chained feMorphology of
 * radius 1000 over two shapes (about 7 s of drawing on the engine document's
 * main thread, where no deadline reaches) is refused before it is drawn, with
 * its reason; a drawing with two blurs is described; a photo beside them gets
 * its name; and the page's DOM is unchanged but for the names Glimpse wrote.
 * The page's own <img> gets a decoy (see hostile-server's /cloak/), so the
 * filters run only where Glimpse would draw them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../support/extension';
import { svgFiltered } from '../../support/broken-files';
import { engineStatus } from '../../support/engine-probe';
import { serveHostile } from '../../support/hostile-server';
import { waitForAudit } from '../../support/image-audit';
import { setSettings } from '../../support/labels';
import { pageHtml } from '../../support/page-dom';
import { startPageTimer } from '../../support/page-timer';
import { engineAnswered, type AuditReport, type AuditRow } from '../../../src/shared/audit';
import { expectPageIntact } from '../../support/page-intact';

const PHOTOS = 'e2e/scenarios/describe-photos';
const ERRORS = 'e2e/scenarios/engine-errors';

test.setTimeout(4 * 60_000);

const row = (report: AuditReport, id: string): AuditRow | undefined => report.rows.find((r) => r.selector.at(-1) === `#${id}`);

test('an SVG whose filters would draw for seconds is refused with its reason; a blurred drawing and a photo are described', async ({ context, serviceWorker, extensionId }) => {
  const dir = await mkdtemp(join(tmpdir(), 'glimpse-filters-'));
  const server = await serveHostile([dir, PHOTOS, ERRORS]);
  try {
    await writeFile(join(dir, 'morphology.svg'), svgFiltered('<feMorphology operator="dilate" radius="1000"/>', 10));
    await writeFile(join(dir, 'blur.svg'), svgFiltered('<feGaussianBlur stdDeviation="8"/>', 2));
    await setSettings(serviceWorker, { withholdBelow: 0 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const images = [
      '<img id="morphology" src="/cloak/morphology.svg?decoy=drawing.svg" width="224" height="224">',
      '<img id="blur" src="/cloak/blur.svg?decoy=drawing.svg" width="224" height="224">',
      '<img id="photo" src="/103106960_e8a41d64f8.jpg" width="224" height="224">',
    ].join('');
    await page.goto(`${server.origin}/page?html=${encodeURIComponent(`<!doctype html><html lang="en"><head><title>Filters</title></head><body>${images}</body></html>`)}`);
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
    const before = await pageHtml(page);
    await startPageTimer(page);

    const ids = ['morphology', 'blur', 'photo'];
    const report = await waitForAudit(serviceWorker, page.url(), (r) => ids.every((id) => row(r, id) && engineAnswered(row(r, id)!)), undefined, 3 * 60_000);
    expect(row(report, 'morphology')!.descriptionError).toBe("The SVG's filters ask for too much drawing (40,000 units of work, over the 6,000 Glimpse draws: about a second); Glimpse does not draw it.");
    expect(row(report, 'morphology')!.label).toBeNull();
    expect(row(report, 'blur')!.descriptionError).toBeNull();
    expect(row(report, 'blur')!.imageType).not.toBeNull();
    expect(row(report, 'photo')!.label).toBeTruthy();
    // The engine got the filtered files, not the page's decoys.
    for (const name of ['morphology.svg', 'blur.svg']) expect(server.requests.filter((r) => r.path === `/cloak/${name}` && r.dest === 'empty').length, name).toBeGreaterThan(0);
    expect(await engineStatus(context, extensionId)).toMatchObject({ state: 'ready', error: null });

    await expectPageIntact(page, report, before, errors);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
