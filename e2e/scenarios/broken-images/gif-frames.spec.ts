/**
 * A GIF of 5,000 frames (185 KB: a photo, then 4,999 one-pixel frames), shown
 * by the page itself beside a photo, in the built extension: the engine
 * describes it from its first frame (the photo) and the audit's reasons say
 * so with the frame count (counted from its blocks, no frame decoded), the
 * photo beside it gets its name, the page is never frozen while it plays,
 * and the page's DOM is unchanged but for the names Glimpse wrote.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { test, expect } from '../../support/extension';
import { gifWithFrames } from '../../support/broken-files';
import { serveHostile } from '../../support/hostile-server';
import { waitForAudit } from '../../support/image-audit';
import { setSettings } from '../../support/labels';
import { pageHtml } from '../../support/page-dom';
import { startPageTimer } from '../../support/page-timer';
import { engineAnswered, type AuditReport, type AuditRow } from '../../../src/shared/audit';
import { expectPageIntact } from '../../support/page-intact';

const PHOTOS = 'e2e/scenarios/describe-photos';
const PHOTO = '1022454332_6af2c1449a.jpg';
const OTHER = '103106960_e8a41d64f8.jpg';

test.setTimeout(4 * 60_000);

const row = (report: AuditReport, id: string): AuditRow | undefined => report.rows.find((r) => r.selector.at(-1) === `#${id}`);

test('a GIF of 5,000 frames is described from its first frame, and the page beside it is untouched', async ({ context, serviceWorker }) => {
  const dir = await mkdtemp(join(tmpdir(), 'glimpse-gif-'));
  const server = await serveHostile([dir, PHOTOS]);
  try {
    const first = await sharp(join(PHOTOS, PHOTO)).resize(224, 224).gif().toBuffer();
    const gif = gifWithFrames(first, 5000);
    expect(gif.length).toBeLessThan(200_000);
    expect((await sharp(gif, { animated: true }).metadata()).pages).toBe(5000);
    await writeFile(join(dir, 'frames.gif'), gif);

    await setSettings(serviceWorker, { withholdBelow: 0 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${server.origin}/page?html=${encodeURIComponent(`<!doctype html><html lang="en"><head><title>Frames</title></head><body><img id="frames" src="/frames.gif" width="224" height="224"><img id="photo" src="/${OTHER}" width="224" height="224"></body></html>`)}`);
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
    const before = await pageHtml(page);
    await startPageTimer(page);

    const report = await waitForAudit(serviceWorker, page.url(), (r) => ['frames', 'photo'].every((id) => row(r, id) && engineAnswered(row(r, id)!)), undefined, 3 * 60_000);
    const frames = row(report, 'frames')!;
    console.log(`5,000-frame GIF: ${JSON.stringify({ type: frames.imageType, label: frames.label, error: frames.descriptionError })}`);
    expect(frames.descriptionError).toBeNull();
    expect(frames.imageType).toBe('photo');
    expect(frames.label).toBeTruthy();
    expect(frames.imageTypeReasons).toContain('The GIF is an animation of 5,000 frames; it was described from its first frame.');
    expect(row(report, 'photo')!.label).toBeTruthy();

    await expectPageIntact(page, report, before, errors);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
