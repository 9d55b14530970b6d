/**
 * Broken and hostile image files, in the built extension: decompression bombs
 * (a 110 KB PNG declaring 30,000×30,000 pixels, a JPEG declaring
 * 60,000×60,000), a truncated JPEG, an HTML page and an empty file served as
 * image/jpeg, an SVG whose nested <use> would make 10^9 copies, an XML entity
 * bomb, an SVG declaring a billion pixels a side, and one pointing at external
 * files. Each fails with a clear reason in the audit or is described within
 * its bounds, the engine stays ready, the photo on the same page still gets
 * its name, and the page's DOM is unchanged but for the names Glimpse wrote.
 *
 * A file that would hang the page's own renderer (or that the page would show
 * as broken, so Glimpse would not ask) reaches only the engine: the server
 * sends the page's <img> a decoy and the engine's fetch the hostile file
 * (`/cloak/…`, told apart by Sec-Fetch-Dest), as a server answering a
 * cookie-less request with an HTML login page would.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../support/extension';
import { waitForAudit } from '../../support/image-audit';
import { setSettings } from '../../support/labels';
import { engineStatus } from '../../support/engine-probe';
import { serveHostile } from '../../support/hostile-server';
import { jpegDeclaring, pngBomb, svgEntityBomb, svgExternal, svgHuge, svgUseBomb } from '../../support/broken-files';
import { engineAnswered, type AuditReport, type AuditRow } from '../../../src/shared/audit';
import { pageTimerLateMs, startPageTimer } from '../../support/page-timer';

const PHOTOS = 'e2e/scenarios/describe-photos';
const ERRORS = 'e2e/scenarios/engine-errors';
const PHOTO = '1022454332_6af2c1449a.jpg';

test.setTimeout(10 * 60_000);

const row = (report: AuditReport, id: string): AuditRow => report.rows.find((r) => r.selector.at(-1) === `#${id}`)!;

/** id → [path on the server, the failure the audit must give (null: described)]. */
const IMAGES: Record<string, [string, RegExp | null]> = {
  photo: [`/${PHOTO}`, null],
  'png-bomb': ['/cloak/bomb.png?decoy=photo.jpg', /^The image is 30000×30000 pixels \(900 megapixels\); Glimpse describes images up to 50 megapixels\.$/],
  'jpeg-bomb': ['/cloak/bomb.jpg?decoy=photo.jpg', /^The image is 60000×60000 pixels/],
  truncated: ['/truncated.jpg', /^The image could not be decoded: the file is damaged/],
  'not-image': ['/cloak/login.html.jpg?decoy=photo.jpg', /^The image could not be decoded: the file is damaged or not an image format/],
  empty: ['/cloak/empty.jpg?decoy=photo.jpg', /^The image file is empty\.$/],
  'use-bomb': ['/cloak/use-bomb.svg?decoy=drawing.svg', /^The SVG would draw more than 50,000 elements \(its 103 elements are copied by <use> references\)/],
  'entity-bomb': ['/cloak/entity-bomb.svg?decoy=drawing.svg', /^The SVG could not be read: it is not well-formed SVG \(error on line 1 at column \d+: .*\)\.$/],
  'huge-svg': ['/huge.svg', null],
  'external-svg': ['/external.svg', null],
};

test('bombs, broken files and hostile SVGs get clear reasons, the photo beside them its name, and the page is untouched', async ({ context, serviceWorker, extensionId }) => {
  const dir = await mkdtemp(join(tmpdir(), 'glimpse-broken-'));
  const server = await serveHostile([dir, PHOTOS, ERRORS]);
  try {
    const photo = await readFile(join(ERRORS, 'photo.jpg'));
    await writeFile(join(dir, 'bomb.png'), pngBomb(30_000, 30_000));
    await writeFile(join(dir, 'bomb.jpg'), jpegDeclaring(photo, 60_000, 60_000));
    await writeFile(join(dir, 'truncated.jpg'), photo.subarray(0, Math.floor(photo.length * 0.4)));
    await writeFile(join(dir, 'login.html.jpg'), '<!doctype html><html><body><form>Please sign in</form></body></html>');
    await writeFile(join(dir, 'empty.jpg'), '');
    await writeFile(join(dir, 'use-bomb.svg'), svgUseBomb(9, 10));
    await writeFile(join(dir, 'entity-bomb.svg'), svgEntityBomb());
    await writeFile(join(dir, 'huge.svg'), svgHuge());
    await writeFile(join(dir, 'external.svg'), svgExternal(server.origin));

    await setSettings(serviceWorker, { withholdBelow: 0 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const body = Object.entries(IMAGES)
      .map(([id, [src]]) => `<img id="${id}" src="${src}" width="224" height="224">`)
      .join('');
    await page.goto(`${server.origin}/page?html=${encodeURIComponent(`<!doctype html><html lang="en"><head><title>Broken images</title></head><body><h1>Broken images</h1>${body}</body></html>`)}`);
    await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete));
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    await startPageTimer(page);

    const ids = Object.keys(IMAGES);
    const report = await waitForAudit(serviceWorker, page.url(), (r) => ids.every((id) => row(r, id) && engineAnswered(row(r, id))), undefined, 8 * 60_000);
    for (const [id, [, failure]] of Object.entries(IMAGES)) {
      const answer = row(report, id);
      if (failure) {
        expect(answer.descriptionError, id).toMatch(failure);
        expect(answer.label, id).toBeNull();
      } else {
        expect(answer.descriptionError, id).toBeNull();
        expect(answer.imageType, id).not.toBeNull();
      }
    }
    expect(row(report, 'photo').label).toBeTruthy();
    // The SVG images never fetched what they point at, neither in the page nor in the engine.
    expect(server.requests.filter((r) => r.path.startsWith('/external/')).map((r) => r.path)).toEqual([]);
    // The engine got the hostile files (not the page's decoys), and is still ready.
    for (const name of ['bomb.png', 'use-bomb.svg', 'login.html.jpg']) expect(server.requests.filter((r) => r.path === `/cloak/${name}` && r.dest === 'empty').length, name).toBeGreaterThan(0);
    expect(await engineStatus(context, extensionId)).toMatchObject({ state: 'ready', error: null });

    // The DOM is the page's own but for the names Glimpse wrote (alt, on images that had none).
    const named = report.rows.filter((r) => r.label !== null).map((r) => [r.selector.at(-1)!.slice(1), r.label!] as const);
    expect(named.map(([id]) => id)).toContain('photo');
    const after = await page.evaluate((names) => {
      const copy = document.documentElement.cloneNode(true) as HTMLElement;
      const wrong = names.filter(([id, label]) => copy.querySelector(`#${id}`)?.getAttribute('alt') !== label);
      for (const [id] of names) copy.querySelector(`#${id}`)?.removeAttribute('alt');
      return { html: copy.outerHTML, wrong };
    }, named);
    expect(after.wrong).toEqual([]);
    expect(after.html).toBe(before);

    expect(await pageTimerLateMs(page)).toBeLessThan(2000);
    expect(errors).toEqual([]);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
